# How-to: check last year's report before it goes out (docs/how-to.md).
from pathlib import Path

import docx

import onex

draft = Path("2023年试点工作报告-送审稿.docx")
if not draft.exists():
    # So that this recipe runs anywhere, it first writes a draft report in Word: a summary
    # sentence, the exam table with a 合计 row, and a news paragraph. With your own file, skip
    # this.
    doc = docx.Document()
    doc.add_paragraph("示例职业技术学院 2023 年 1+X 证书制度试点工作报告")
    doc.add_paragraph("2023 年我院参与试点证书 3 个，参加考核 318 人，通过 285 人，通过率 89.62%。")
    rows = [
        ["序号", "证书名称", "考核人数（人）", "通过人数（人）", "通过率（%）", "备注"],
        ["1", "智能财税", "128", "117", "91.4%", ""],
        ["2", "电子商务数据分析", "70", "61", "87.2%", ""],
        ["3", "物流管理", "120", "107", "89.2%", "初级: 60/66、中级: 47/54"],
        ["合计", "", "318", "285", "89.62%", ""],
    ]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    table.rows[-1].cells[0].merge(table.rows[-1].cells[1]).text = "合计"
    doc.add_paragraph("本年度共有 35 名教师参加师资培训，其中 27 人通过考核，通过率 81.8%。")
    doc.save(str(draft))

document = onex.read_report(draft)
print(document)
result = onex.audit(document)
for finding in result:
    print(f"[{finding.severity.label()}] {finding.message()}")
print("可以送出" if result.ok else f"请先改正 {len(result.of(onex.Severity.ERROR))} 处错误")

# The document's figures as a dataset, kept to compare next year's against.
onex.dump(document.dataset(), "2023.json")
