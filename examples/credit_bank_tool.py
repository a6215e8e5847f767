# How-to: a credit bank tool on onex: results file -> awards -> bank records -> JSON
# (docs/how-to.md).
import csv
import json
from pathlib import Path

import onex

dataset = onex.samples.load("demo-2021")  # the college's rules: courses, transfers, policy

# The exam organisation's results file, as Chinese Excel saves it (GBK). Here it is written
# from the demo's invented results when it is not already there.
source = Path("成绩-2021.csv")
if not source.exists():
    with source.open("w", encoding="gbk", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "学号",
                "姓名",
                "证书名称",
                "等级",
                "考核日期",
                "理论成绩",
                "实操成绩",
                "是否通过",
                "专业",
                "年级",
            ]
        )
        for r in onex.samples.results("demo-2021"):
            writer.writerow(
                [
                    r.student_id,
                    "某同学",
                    r.certificate,
                    r.level.value if r.level else "",
                    r.date or "",
                    r.theory or "",
                    r.practical or "",
                    "" if r.passed is None else ("通过" if r.passed else "未通过"),
                    r.programme or "",
                    r.cohort or "",
                ]
            )

# One line from the file to the awards: the rows are checked as they stream past, and a file
# with mistakes raises one onex.DataError listing every problem with its line and column.
try:
    awards = onex.credit_awards(dataset, onex.candidate_results(source))
except onex.DataError as error:
    raise SystemExit(f"cannot read the results:\n{error}") from None
print(awards)

# The credit bank upload as JSON: json_safe records hold only JSON types (credits as exact
# text such as "4", dates as 2021-12-31), English keys; names are masked unless unmask=True.
bank = onex.credit_bank_records(awards)
records = bank.to_records(json_safe=True)
Path("credit-bank-2021.json").write_text(
    json.dumps(records, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
)
print(f"{len(records)} records written to credit-bank-2021.json")
print(json.dumps(records[0], ensure_ascii=False))

# A value the model cannot take exactly is refused by name, never guessed.
try:
    onex.CandidateResult(student_id="D9999", certificate="物流管理", passed="否")
except onex.FieldError as error:
    print(f"refused: {error}")
