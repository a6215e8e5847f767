"""Generate a candidate-results CSV for benchmarks and tests, deterministically.

Each row is one candidate's sitting of one certificate exam, with the columns onex reads:
学号, 姓名, 身份证号 (valid GB 11643 check digits), 证书名称, 等级, 考核日期, 理论成绩, 实操成绩,
是否通过 (decided by the common 40/60 rule at 60). The same arguments give the same bytes.

    python benchmarks/gen_results.py results.csv --rows 1000000
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
)
GIVEN = (
    "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红建文辉力宇婷雪琳晨浩然子轩梓涵欣怡雨佳"
    "思博宏志嘉俊凯鹏飞翔斌彬颖莹倩露瑶琪璐晓东海波宁安康健昊天一诺依诺梦洁诗涵若曦铭泽宸睿"
)
CERTIFICATES = (
    "数字媒体交互设计",
    "3D 引擎技术应用",
    "物流管理",
    "汽车运用与维修",
    "智能财税",
    "邮轮运营服务",
    "工业机器人应用编程",
    "失智老年人照护",
    "建筑工程识图",
    "网络系统建设与运维",
    "电子商务数据分析",
    "传感网应用开发",
    "老年照护",
    "WEB 前端开发",
    "财务数字化应用",
    "BIM 建筑信息模型",
    "家务管理",
    "快递运营",
    "跨境电商 B2B 数据运营",
    "网店运营推广",
    "云计算平台运维与开发",
    "大数据应用开发（Python）",
    "母婴护理",
    "幼儿照护",
)
LEVELS = ("初级", "中级", "高级")
LEVEL_WEIGHTS = (6, 3, 1)
REGIONS = ("440101", "440103", "440104", "440106", "440111", "440113", "440305", "441900", "445102")
HEADER = (
    "学号",
    "姓名",
    "身份证号",
    "证书名称",
    "等级",
    "考核日期",
    "理论成绩",
    "实操成绩",
    "是否通过",
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def check_digit(body: str) -> str:
    """The GB 11643 check character of a 17-digit 身份证号 body."""
    total = sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def exam_dates(seed: int = 2020) -> dict[str, list[str]]:
    """Two to six exam dates per certificate, fixed by ``seed``."""
    rnd = random.Random(seed)
    return {
        cert: sorted(
            {
                f"2020-{rnd.randint(4, 12):02d}-{rnd.randint(1, 28):02d}"
                for _ in range(rnd.randint(2, 6))
            }
        )
        for cert in CERTIFICATES
    }


DATE_SHAPES = ("few", "random", "mixed")


def _date_text(year: int, month: int, day: int, style: int) -> str:
    """One date in one of the formats clerks and exam organisations write."""
    if style == 0:
        return f"{year}-{month:02d}-{day:02d}"
    if style == 1:
        return f"{year}/{month}/{day}"
    if style == 2:
        return f"{year}年{month}月{day}日"
    return f"{year}{month:02d}{day:02d}"


def rows(
    n: int,
    seed: int = 2020,
    start: int = 0,
    dates_shape: str = "few",
    sorted_of: int | None = None,
) -> list[list[str]]:
    """``n`` result rows numbered from ``start``, the same for the same ``seed`` and ``start``.

    ``dates_shape``: ``"few"`` (two to six exam dates per certificate), ``"random"`` (any day
    of the year, ISO) or ``"mixed"`` (any day, in four formats). With ``sorted_of`` (the rows
    of the whole file) the certificates follow one another, as an exam organisation's export
    sorted by certificate has them."""
    rnd = random.Random(seed * 1_000_003 + start)
    dates = exam_dates(seed)
    out: list[list[str]] = []
    for i in range(start, start + n):
        cert = rnd.choice(CERTIFICATES)
        if sorted_of:
            cert = CERTIFICATES[i * len(CERTIFICATES) // sorted_of]
        level = rnd.choices(LEVELS, LEVEL_WEIGHTS)[0]
        theory = rnd.randint(35, 100)
        practical = rnd.randint(30, 100)
        passed = theory * 4 + practical * 6 >= 600
        body = (
            f"{rnd.choice(REGIONS)}{rnd.randint(1999, 2004)}"
            f"{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}{rnd.randint(0, 999):03d}"
        )
        name = rnd.choice(SURNAMES) + "".join(rnd.choices(GIVEN, k=rnd.choice((1, 2, 2))))
        if dates_shape == "few":
            date = rnd.choice(dates[cert])
        else:
            month, day = rnd.randint(1, 12), rnd.randint(1, 28)
            date = _date_text(2020, month, day, rnd.randrange(4) if dates_shape == "mixed" else 0)
        out.append(
            [
                f"2020{i:08d}",
                name,
                body + check_digit(body),
                cert,
                level,
                date,
                str(theory),
                str(practical),
                "通过" if passed else "未通过",
            ]
        )
    return out


def write(
    path: Path,
    n: int,
    seed: int = 2020,
    encoding: str = "utf-8",
    *,
    dates: str = "few",
    quoted: bool = False,
    crlf: bool = False,
    sorted_rows: bool = False,
) -> None:
    """Write ``n`` rows (and the header) to ``path``, in batches to keep memory flat."""
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(
            fh,
            quoting=csv.QUOTE_ALL if quoted else csv.QUOTE_MINIMAL,
            lineterminator="\r\n" if crlf else "\n",
        )
        writer.writerow(HEADER)
        for start in range(0, n, 100_000):
            batch = min(100_000, n - start)
            writer.writerows(rows(batch, seed, start, dates, n if sorted_rows else None))


def write_xlsx(path: Path, n: int, seed: int = 2020, *, dates: str = "few") -> None:
    """The same rows as an .xlsx sheet, as an exam organisation sends them back: scores as
    numbers, dates as text (as the export tools write them), the rest text."""
    import xlsxwriter

    with xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_numbers": False}) as wb:
        ws = wb.add_worksheet("成绩")
        ws.write_row(0, 0, HEADER)
        r = 1
        for start in range(0, n, 100_000):
            for row in rows(min(100_000, n - start), seed, start, dates):
                for c, value in enumerate(row):
                    if c in (6, 7):
                        ws.write_number(r, c, int(value))
                    else:
                        ws.write_string(r, c, value)
                r += 1


def main(argv: list[str] | None = None) -> int:
    """Command line: ``gen_results.py PATH --rows N [--seed S] [--encoding E] [--dates SHAPE]
    [--quoted] [--crlf] [--sorted]``; a PATH ending in .xlsx writes a sheet."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--encoding", default="utf-8")
    parser.add_argument("--dates", choices=DATE_SHAPES, default="few")
    parser.add_argument("--quoted", action="store_true", help="quote every field")
    parser.add_argument("--crlf", action="store_true", help="end lines with CR LF")
    parser.add_argument("--sorted", action="store_true", help="rows sorted by certificate")
    args = parser.parse_args(argv)
    if args.path.suffix.lower() == ".xlsx":
        write_xlsx(args.path, args.rows, args.seed, dates=args.dates)
    else:
        write(
            args.path,
            args.rows,
            args.seed,
            args.encoding,
            dates=args.dates,
            quoted=args.quoted,
            crlf=args.crlf,
            sorted_rows=args.sorted,
        )
    print(f"wrote {args.rows:,} rows to {args.path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
