"""Embedded sample datasets: ``names()`` lists them, ``load(name)`` returns one as a Dataset.

``gzcvc-2020`` is the data of 广州城市职业学院's 2020 1+X pilot report, transcribed as printed
(its printing errors included, for the audit to find).
"""

from __future__ import annotations

from pathlib import Path

from onex.errors import Problem, UnknownNameError
from onex.model import Dataset
from onex.model.values import closest_names

__all__ = ["load", "names"]

_SUFFIX = ".json"
# The samples are files inside the package; reading them through pathlib rather than
# importlib.resources keeps ``import onex`` about 25 ms faster (onex is never zipped).
_HERE = Path(__file__).parent


def names() -> list[str]:
    """The embedded samples' names, sorted."""
    return sorted(p.name[: -len(_SUFFIX)] for p in _HERE.glob("*" + _SUFFIX))


def load(name: str) -> Dataset:
    """The embedded sample ``name`` as a Dataset; unknown names raise
    :class:`~onex.UnknownNameError` listing the samples there are."""
    from onex.io.files import dataset_from_json_text

    if name not in names():
        close = closest_names(name, names()) or names()
        raise UnknownNameError(
            [Problem("", f"unknown sample {name!r}; known samples: {', '.join(close)}")]
        )
    text = (_HERE / (name + _SUFFIX)).read_text(encoding="utf-8")
    return dataset_from_json_text(text, source=f"sample {name}")
