# How-to: compare two years (docs/how-to.md).
import attrs

import onex

# Your own years: last_year = onex.load("2020.json"), this_year = onex.load("2021.json").
last_year = onex.samples.load("gzcvc-2020")


# The sample has one year only, so this recipe CONSTRUCTS the later one from it. These are
# not real figures: WEB 前端开发 passes 45 of its 62 candidates, BIM 建筑信息模型 is dropped.
def constructed(session: onex.ExamSession) -> onex.ExamSession:
    if last_year.certificate(session.certificate).name == "WEB 前端开发":
        return attrs.evolve(session, passed=45, rate_printed=None)
    return session


dropped = "BIM 建筑信息模型"
kept = [s for s in last_year.exams if last_year.certificate(s.certificate).name != dropped]
this_year = last_year.evolve(
    year=2021,
    fictional=True,
    title="构造示例（非真实数据）",
    exams=tuple(constructed(s) for s in kept),
    stated=onex.StatedTotals(),
)

comparison = onex.compare(last_year, this_year)
print(comparison)
for row in comparison.rows:
    if row.status != "kept":
        print(f"{row.certificate}: {row.status}")
    elif row.change_points:
        before = f"{row.passed_before}/{row.candidates_before}"
        after = f"{row.passed_after}/{row.candidates_after}"
        print(f"{row.certificate}: {before} -> {after}, {row.change_text()} points")
print(f"all certificates: {comparison.total.change_text()} points")

report = onex.build_comparison_report(comparison)
onex.export(report, "markdown", "compare-2020-2021.md")
