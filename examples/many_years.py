# How-to: report several years side by side (docs/how-to.md).
from pathlib import Path

import onex

# Your own years: one data file per year in a folder, then onex.load("历年数据").
# This recipe CONSTRUCTS three fictional years from the embedded sample's certificates, with
# the whole funnel: quota (试点规模), registered (报名), sat (实考), passed, issued (发证).
sample = onex.samples.load("gzcvc-2020")
chosen = sample.pilot_certificates[:4]
folder = Path("历年数据")
folder.mkdir(exist_ok=True)
for k, year in enumerate((2020, 2021, 2022)):
    exams = []
    for i, cert in enumerate(chosen[: 2 + k]):  # two certificates, then three, then four
        sat = 40 + 10 * i + 5 * k
        exams.append(
            onex.ExamSession(
                certificate=cert.name,
                quota=sat + 10,
                registered=sat + 2,
                candidates=sat,
                passed=sat - 8 + 2 * k,
                issued=sat - 8 + 2 * k,
            )
        )
    dataset = onex.Dataset(
        institution="示例学院",
        year=year,
        fictional=True,
        certificates=chosen[: 2 + k],
        exams=tuple(exams),
    )
    onex.dump(dataset, folder / f"{year}.json")

series = onex.load(folder)
print(series)
summary = onex.series_summary(series)
for year, total in zip(summary.years, summary.totals, strict=True):
    print(year, f"sat {total.sat}, passed {total.passed}, rate {total.pass_rate.text()}")
for change in summary.changes:
    added = "、".join(change.added) or "none"
    print(
        f"{change.year_before}->{change.year_after}: added {added}, "
        f"rate {change.total.change_text()} points"
    )

report = onex.build_series_report(series)
onex.export(report, "excel", "历年对比.xlsx")
frame = series.to_pandas()  # long form: year, certificate, code, level, stage, count
quota = frame[frame.stage == "quota"].groupby("year")["count"].sum()
print("quota per year:", {int(year): int(n) for year, n in quota.items()})
