# How-to: import last year's Excel table and audit it (docs/how-to.md).
from pathlib import Path

import xlsxwriter

import onex

table = Path("考证情况-2020.xlsx")
if not table.exists():
    # So that this recipe runs anywhere, it first writes the sample's exam table the way a
    # college keeps it: as printed, errors and 合计 row included. With your own file, skip this.
    sample = onex.samples.load("gzcvc-2020")
    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    with xlsxwriter.Workbook(table, options) as book:
        sheet = book.add_worksheet("考证情况")
        sheet.write_row(0, 0, ["序号", "证书名称", "考证人数", "通过人数", "通过率", "备注"])
        for row, exam in enumerate(sample.exams, start=1):
            printed = [exam.seq, exam.certificate, exam.candidates, exam.passed, exam.rate_printed]
            sheet.write_row(row, 0, [*printed, exam.note])
        stated = sample.stated
        totals = ["合计", stated.candidates, stated.passed, stated.rate]
        sheet.write_row(len(sample.exams) + 1, 1, totals)

# The year comes from the file name here; pass year=... when the name has none.
imported = onex.read_exam_table(table, institution="广州城市职业学院")
for warning in imported.warning_lines():
    print(warning)
dataset = imported.dataset
print(imported)
print(f"{dataset.institution} {dataset.year}: {imported.rows} rows read")

findings = onex.audit(dataset)
for message in findings.messages():
    print(message)
print("no errors" if findings.ok else f"errors: {len(findings.of(onex.Severity.ERROR))}")

# Keep the year as a dataset file, to compare next year's against.
onex.dump(dataset, "2020.json")
