# How-to: produce the yearly report in Markdown and Excel (docs/how-to.md).
import onex

# Your own year: dataset = onex.load("2021.json") (or a filled-in workbook, "录入.xlsx").
dataset = onex.samples.load("gzcvc-2020")
report = onex.build_report(dataset)

onex.export(report, "markdown", "report-2020.md")
onex.export(report, "excel", "report-2020.xlsx")

# The same report in English, percentages shown with one place.
english = onex.build_report(dataset, lang="en", precision=1)
onex.export(english, "markdown", "report-2020-en.md")

print(report.title)
for table in report.tables():
    print(f"  {table.title}: {len(table.rows)} rows")
print("English edition:", ", ".join(table.title for table in english.tables()))
