"""Embedded sample datasets: ``names()`` lists them, ``load(name)`` returns one as a Dataset.

``gzcvc-2020`` is the data of 广州城市职业学院's 2020 1+X pilot report, transcribed as printed
(its printing errors included, for the audit to find). ``demo-2021`` is fictional: an invented
college (示例职业技术学院) whose figures are made up to exercise what the seed has no data for
(fund rules and a ledger, courses and credit rules); ``results("demo-2021")`` gives its invented
candidate results.
"""

from __future__ import annotations

from pathlib import Path

from onex.errors import Problem, UnknownNameError
from onex.model import CandidateResult, Dataset
from onex.model.values import closest_names

__all__ = ["load", "names", "results"]

_SUFFIX = ".json"
_RESULTS_SUFFIX = ".results.json"
# The samples are files inside the package; reading them through pathlib rather than
# importlib.resources keeps ``import onex`` about 25 ms faster (onex is never zipped).
_HERE = Path(__file__).parent


def names() -> list[str]:
    """The embedded samples' names, sorted (datasets only, not their candidate results)."""
    return sorted(
        p.name[: -len(_SUFFIX)]
        for p in _HERE.glob("*" + _SUFFIX)
        if not p.name.endswith(_RESULTS_SUFFIX)
    )


def load(name: str) -> Dataset:
    """The embedded sample ``name`` as a Dataset; unknown names raise
    :class:`~onex.UnknownNameError` listing the samples there are."""
    import json

    from onex.io.converter import structure_trusted

    if name not in names():
        close = closest_names(name, names()) or names()
        raise UnknownNameError(
            [Problem("", f"unknown sample {name!r}; known samples: {', '.join(close)}")]
        )
    text = (_HERE / (name + _SUFFIX)).read_text(encoding="utf-8")
    return structure_trusted(json.loads(text), Dataset, source=f"sample {name}")


def results(name: str) -> tuple[CandidateResult, ...]:
    """The candidate results stored beside the sample ``name`` (personal data invented).

    Only fictional samples carry results; asking for any other name raises
    :class:`~onex.UnknownNameError` listing the samples that have them.
    """
    import json

    from onex.io.converter import structure

    having = sorted(p.name[: -len(_RESULTS_SUFFIX)] for p in _HERE.glob("*" + _RESULTS_SUFFIX))
    if name not in having:
        raise UnknownNameError(
            [
                Problem(
                    "",
                    f"sample {name!r} has no candidate results; samples with results: "
                    f"{', '.join(having)}",
                )
            ]
        )
    text = (_HERE / (name + _RESULTS_SUFFIX)).read_text(encoding="utf-8")
    source = f"sample {name} results"
    return tuple(structure(json.loads(text), list[CandidateResult], source=source))
