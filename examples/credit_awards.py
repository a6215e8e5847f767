# How-to: compute credit awards and export credit bank records (docs/how-to.md).
import csv

import onex

# demo-2021 is a fictional college; its candidate results (one per sitting) are invented.
dataset = onex.samples.load("demo-2021")
results = onex.samples.results("demo-2021")

awards = onex.credit_awards(dataset, results)
print(awards)
for line in awards.by_certificate:
    print(f"  {line.certificate}: {line.credits} credits for {line.students} students")

student = awards.student("D2103")
print(f"D2103: {', '.join(student.courses)} ({student.credits} credits)")
for refusal in student.refusals:
    print(f"  refused, {refusal.reason.label('en')}: {refusal.detail('en')}")


# The credit bank upload (学分银行), names and ID numbers masked unless unmask=True, as CSV that
# Excel opens (UTF-8 with BOM). Text that Excel would take for a formula gets an apostrophe.
def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


bank = onex.credit_bank_records(awards)
with open("credit-bank-2021.csv", "w", newline="", encoding="utf-8-sig") as file:
    writer = csv.writer(file)
    writer.writerow(bank.columns())
    writer.writerows([cell(v) for v in record.values()] for record in bank.to_records("zh"))
print(f"{len(bank.rows)} rows written to credit-bank-2021.csv, masked: {bank.masked}")
