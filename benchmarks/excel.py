"""Excel export speed: onex's excel exporter against a plain xlsxwriter loop (the floor).

A report whose one table holds N masked candidate results (100,000 by default: 学号, masked name
and 身份证号, certificate, level, exam date, two scores, result) is exported through
``onex.export(report, "excel")``. The floor writes the same cells, with the same formats and
workbook options, as a native table with a frozen header, by calling xlsxwriter directly. Both
write to memory; the best of ``--repeat`` runs is compared. Target: at most 1.3x the floor.

    python benchmarks/excel.py [--rows 100000] [--repeat 3] [--check]

``--check`` reads both workbooks back with openpyxl and confirms they hold the same values.
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import sys
import time
from collections.abc import Callable, Sequence
from typing import cast

import pendulum
import xlsxwriter  # type: ignore[import-untyped]

import onex
from onex.exporters.excel import COUNT_FORMAT, DATE_FORMAT, WORKBOOK_OPTIONS
from onex.model.values import mask_id_number, mask_name
from onex.report import Cell, Column, Count, DateCell, Report, Section, Table, Text

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶"
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉俊帆欣怡子涵浩宇"
CERTIFICATES = [
    "数字媒体交互设计", "3D 引擎技术应用", "物流管理", "汽车运用与维修", "智能财税",
    "邮轮运营服务", "工业机器人应用编程", "失智老年人照护", "建筑工程识图", "网络系统建设与运维",
    "电子商务数据分析", "传感网应用开发", "老年照护", "WEB 前端开发", "财务数字化应用",
    "BIM 建筑信息模型", "家务管理", "快递运营", "跨境电商 B2B 数据运营", "网店运营推广",
    "云计算平台运维与开发", "大数据应用开发(Python)",
]  # fmt: skip
LEVELS = ["初级", "中级", "高级"]
COLUMNS = (
    Column(key="seq", label="序号", kind="count"),
    Column(key="student", label="学号", kind="text"),
    Column(key="name", label="姓名", kind="text"),
    Column(key="id", label="身份证号", kind="text"),
    Column(key="certificate", label="证书名称", kind="text"),
    Column(key="level", label="等级", kind="text"),
    Column(key="date", label="考核日期", kind="date"),
    Column(key="theory", label="理论成绩", kind="count"),
    Column(key="practice", label="实操成绩", kind="count"),
    Column(key="result", label="结果", kind="text"),
)
Row = tuple[int, str, str, str, str, str, pendulum.Date, int, int, str]


def candidate_rows(n: int, seed: int = 2020) -> list[Row]:
    """``n`` deterministic masked candidate results."""
    rng = random.Random(seed)
    start = pendulum.date(2020, 9, 1)
    rows: list[Row] = []
    for i in range(1, n + 1):
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
        id_number = f"4401{rng.randint(10**13, 10**14 - 1)}"
        theory, practice = rng.randint(30, 100), rng.randint(30, 100)
        rows.append(
            (
                i,
                f"2020{rng.randint(0, 99_999):05d}{i % 100:02d}",
                mask_name(name),
                mask_id_number(id_number),
                rng.choice(CERTIFICATES),
                rng.choice(LEVELS),
                start.add(days=rng.randint(0, 300)),
                theory,
                practice,
                "通过" if theory * 4 + practice * 6 >= 600 else "未通过",
            )
        )
    return rows


def candidate_report(rows: Sequence[Row]) -> Report:
    """The rows as a Report table of typed cells."""
    cells: list[tuple[Cell, ...]] = [
        (
            Count(r[0]),
            Text(r[1]),
            Text(r[2]),
            Text(r[3]),
            Text(r[4]),
            Text(r[5]),
            DateCell(r[6]),
            Count(r[7]),
            Count(r[8]),
            Text(r[9]),
        )
        for r in rows
    ]
    table = Table(key="results", title="考生成绩", columns=COLUMNS, rows=tuple(cells))
    section = Section(key="results", title="考生成绩明细", blocks=(table,))
    return Report(title="考生成绩 (基准测试)", year=2020, sections=(section,))


def plain_xlsxwriter(rows: Sequence[Row]) -> bytes:
    """The floor: the same cells, formats and options written straight with xlsxwriter."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS) as workbook:
        count = workbook.add_format({"num_format": COUNT_FORMAT})
        text = workbook.add_format({"num_format": "@"})
        date = workbook.add_format({"num_format": DATE_FORMAT})
        ws = workbook.add_worksheet("考生成绩")
        for r, row in enumerate(rows, start=1):
            ws.write_number(r, 0, row[0], count)
            ws.write_string(r, 1, row[1], text)
            ws.write_string(r, 2, row[2], text)
            ws.write_string(r, 3, row[3], text)
            ws.write_string(r, 4, row[4], text)
            ws.write_string(r, 5, row[5], text)
            ws.write_datetime(r, 6, row[6], date)
            ws.write_number(r, 7, row[7], count)
            ws.write_number(r, 8, row[8], count)
            ws.write_string(r, 9, row[9], text)
        columns = [{"header": c.label} for c in COLUMNS]
        ws.add_table(0, 0, len(rows), len(COLUMNS) - 1, {"name": "tbl_results", "columns": columns})
        ws.freeze_panes(1, 0)
    return buffer.getvalue()


def race(
    repeat: int, runs: dict[str, Callable[[], bytes]]
) -> dict[str, tuple[float, float, bytes]]:
    """Each run ``repeat`` times, interleaved so that a busy machine slows both alike; the best
    wall-clock and CPU seconds of each, and its last output."""
    best = {name: (float("inf"), float("inf"), b"") for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            data = run()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu), data)
    return best


def same_values(onex_xlsx: bytes, plain_xlsx: bytes) -> bool:
    """True when the table sheets of both workbooks hold the same cell values."""
    import openpyxl

    ours = openpyxl.load_workbook(io.BytesIO(onex_xlsx), read_only=True).worksheets[1]
    floor = openpyxl.load_workbook(io.BytesIO(plain_xlsx), read_only=True).worksheets[0]
    return list(ours.iter_rows(values_only=True)) == list(floor.iter_rows(values_only=True))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="compare both workbooks' values")
    args = parser.parse_args(argv)

    rows = candidate_rows(args.rows)
    report = candidate_report(rows)
    results = race(
        args.repeat,
        {
            "floor": lambda: plain_xlsxwriter(rows),
            "onex": lambda: cast(bytes, onex.export(report, "excel")),
        },
    )
    (floor, floor_cpu, plain), (ours, ours_cpu, exported) = results["floor"], results["onex"]
    print(f"rows: {args.rows:,}  cells: {args.rows * len(COLUMNS):,}  best of {args.repeat}")
    print(f"plain xlsxwriter loop: {floor:7.3f} s wall  {floor_cpu:7.3f} s cpu  {len(plain):,} B")
    print(f"onex excel exporter:   {ours:7.3f} s wall  {ours_cpu:7.3f} s cpu  {len(exported):,} B")
    print(f"ratio: {ours / floor:.2f}x wall, {ours_cpu / floor_cpu:.2f}x cpu  (target <= 1.3x)")
    if args.check:
        same = same_values(exported, plain)
        print(f"same cell values: {'yes' if same else 'NO'}")
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
