# ruff: noqa: E501
"""Regenerate docs/api.md from onex.__all__ and onex.exporters.__all__ (first docstring lines).

python tools/gen_api.py
"""

import inspect
import pathlib
import types

import onex
import onex.exporters as ex

GROUPS = [
    ("Data model", ("onex.model",)),
    ("Loading and saving", ("onex.io", "onex.samples")),
    ("Errors", ("onex.errors",)),
    ("Calculation services", ("onex.services",)),
    ("Reports", ("onex.report", "onex.reporting")),
    ("Export", ("onex.exporters",)),
]

ALIASES = {
    ("onex.exporters", "ExporterFactory"): (
        "Export",
        "Type alias: a callable (usually an exporter class) that builds an `Exporter` from keyword options.",
    ),
    ("onex.exporters", "Cell"): (
        "Reports",
        "Type alias: a table cell, one of `Count`, `Percent`, `Money`, `DateCell`, `Text` or None (empty).",
    ),
    ("onex.exporters", "Target"): (
        "Export",
        "Type alias: where `export` writes, a path (`str`/`os.PathLike`) or an open binary or text stream.",
    ),
}


def first_line(obj):
    doc = inspect.getdoc(obj) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ")


def origin(obj):
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    return getattr(obj, "__module__", "") or ""


def section(mod, names, prefix):
    out = {}
    for n in names:
        if n in ("__version__", "REGISTRY", "ENTRY_POINT_GROUP"):
            continue
        obj = getattr(mod, n)
        if (prefix, n) in ALIASES:
            out.setdefault(ALIASES[(prefix, n)][0], []).append((n, ALIASES[(prefix, n)][1]))
            continue
        o = origin(obj)
        if isinstance(obj, types.MethodType):
            o = "onex.exporters"
        group = next(
            (g for g, mods in GROUPS if any(o == m or o.startswith(m + ".") for m in mods)), "Other"
        )
        out.setdefault(group, []).append((n, obj))
    return out


lines = [
    "# API reference",
    "",
    "Everything public is importable from `onex` or `onex.exporters` and listed in their sorted",
    "`__all__`; anything else is internal and may change. A test checks that this page names",
    "exactly the names in both `__all__` lists.",
    "",
    "- `onex.__version__`: the installed version, read from the package metadata.",
    "- `onex.exporters.REGISTRY`: the registry behind the module-level functions of `onex.exporters`.",
    '- `onex.exporters.ENTRY_POINT_GROUP`: `"onex.exporters"`, the entry-point group plugins use.',
    "",
]
for mod, prefix in ((onex, "onex"), (ex, "onex.exporters")):
    lines += [f"## `{prefix}`", ""]
    groups = section(mod, mod.__all__, prefix)
    for g, _ in [*GROUPS, ("Other", ())]:
        if g not in groups:
            continue
        lines += [f"### {g}", "", "| name | what it is |", "| --- | --- |"]
        for n, obj in groups[g]:
            kind = (
                "module"
                if isinstance(obj, types.ModuleType)
                else (
                    "class" if inspect.isclass(obj) else ("function" if callable(obj) else "value")
                )
            )
            text = obj if isinstance(obj, str) else first_line(obj).replace("|", "\\|")
            lines.append(f"| `{prefix}.{n}` | {text} |")
        lines.append("")
PAGE = pathlib.Path(__file__).resolve().parents[1] / "docs" / "api.md"
PAGE.write_text("\n".join(lines), encoding="utf-8")
