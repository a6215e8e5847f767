"""A Series: one institution's datasets over several years, certificates matched across years."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from onex.errors import DataError, Problem, UnknownNameError
from onex.model.dataset import Dataset, name_key
from onex.model.values import closest_names

__all__ = ["CertificateTrack", "Series", "match_certificates"]


@attrs.frozen(kw_only=True)
class CertificateTrack:
    """One certificate followed across the datasets of a series (or a comparison): its code and
    canonical name in each (None where it is not listed), and every name and alias it went by.
    ``codes`` and ``names`` run parallel to the datasets, earliest first."""

    codes: tuple[str | None, ...]
    names: tuple[str | None, ...]
    aliases: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The latest canonical name."""
        return next(n for n in reversed(self.names) if n is not None)

    @property
    def code(self) -> str:
        """The latest code."""
        return next(c for c in reversed(self.codes) if c is not None)


def _where(origin: str | None, index: int, path: str) -> str:
    head = origin or f"year #{index + 1}"
    return f"{head}: {path}" if path else head


def match_certificates(
    datasets: Sequence[Dataset],
    origins: Sequence[str | None] = (),
    *,
    strict: bool = True,
) -> tuple[tuple[CertificateTrack, ...], list[Problem]]:
    """Follow each certificate through ``datasets`` (in the order given, earliest first):
    matched by code, else by a canonical name or alias shared with an earlier year.

    With ``strict`` a certificate whose name or alias matches an earlier year's certificate of
    another code is a problem (a certificate keeps its code across years), as is a code and a
    name pointing at two different earlier certificates; without it the code change is
    followed (the two-year :func:`~onex.compare` allows it). Returns the tracks, in order of
    first appearance, and the problems, each located by ``origins`` (file names).
    """
    n = len(datasets)
    codes: list[list[str | None]] = []
    names: list[list[str | None]] = []
    aliases: list[list[str]] = []
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}
    problems: list[Problem] = []
    for k, dataset in enumerate(datasets):
        origin = origins[k] if k < len(origins) else None
        claimed: dict[int, int] = {}
        for i, cert in enumerate(dataset.certificates):
            code_hit = by_code.get(cert.code)
            name_hit = next(
                (by_name[key] for m in cert.names if (key := name_key(m)) in by_name), None
            )
            track = code_hit if code_hit is not None else name_hit
            if strict and name_hit is not None and name_hit != code_hit:
                j = next(j for j, c in enumerate(codes[name_hit]) if c is not None)
                problems.append(
                    Problem(
                        _where(origin, k, f"$.certificates[{i}].code"),
                        f"certificate {cert.name!r} is coded {cert.code!r} in {dataset.year} but "
                        f"{codes[name_hit][j]!r} in {datasets[j].year}: a certificate keeps its "
                        "code across years (use one code, or different names for different "
                        "certificates)",
                    )
                )
                continue
            if track is not None and track in claimed:
                if strict:
                    problems.append(
                        Problem(
                            _where(origin, k, f"$.certificates[{i}]"),
                            f"certificate {cert.name!r} matches the same earlier certificate as "
                            f"$.certificates[{claimed[track]}]",
                        )
                    )
                    continue
                track = None
            if track is None:
                track = len(codes)
                codes.append([None] * n)
                names.append([None] * n)
                aliases.append([])
            claimed[track] = i
            codes[track][k] = cert.code
            names[track][k] = cert.name
            aliases[track] += [m for m in cert.names if m not in aliases[track]]
            by_code.setdefault(cert.code, track)
            for m in cert.names:
                by_name.setdefault(name_key(m), track)
    tracks = tuple(
        CertificateTrack(codes=tuple(c), names=tuple(m), aliases=tuple(a))
        for c, m, a in zip(codes, names, aliases, strict=True)
    )
    return tracks, problems


def _sorted_datasets(value: Any) -> tuple[Dataset, ...]:
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected a list of datasets, got {type(value).__name__}")
    return tuple(value)


def _origins(value: Any) -> tuple[str | None, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True, repr=False)
class Series:
    """One institution's pilot over several years: a :class:`Dataset` per year, in year order.

    ``origins`` names where each dataset came from (a file), in the same order, for messages.
    Construction sorts the years, matches certificates across them (by code, else by a shared
    name or alias) and raises one :class:`~onex.DataError` listing every problem: a year given
    twice, a certificate that changes code between years, another institution.
    """

    datasets: tuple[Dataset, ...] = attrs.field(converter=_sorted_datasets)
    origins: tuple[str | None, ...] = attrs.field(default=(), converter=_origins)
    tracks: tuple[CertificateTrack, ...] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.datasets:
            raise DataError([Problem("", "a series needs at least one year's dataset")])
        if not all(isinstance(d, Dataset) for d in self.datasets):
            raise DataError([Problem("", "a series holds datasets only")])
        origins = list(self.origins) + [None] * (len(self.datasets) - len(self.origins))
        order = sorted(range(len(self.datasets)), key=lambda i: self.datasets[i].year)
        datasets = tuple(self.datasets[i] for i in order)
        origins = [origins[i] for i in order]
        object.__setattr__(self, "datasets", datasets)
        object.__setattr__(self, "origins", tuple(origins))
        problems = self._year_problems()
        tracks, matching = match_certificates(datasets, origins)
        problems += matching
        if problems:
            raise DataError(problems)
        object.__setattr__(self, "tracks", tracks)

    def _year_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        first: dict[int, int] = {}
        institutions = {name_key(d.institution) for d in self.datasets}
        for k, dataset in enumerate(self.datasets):
            where = _where(self.origins[k], k, "$.year")
            if dataset.year in first:
                other = first[dataset.year]
                problems.append(
                    Problem(
                        where,
                        f"year {dataset.year} is given twice (also "
                        f"{self.origins[other] or f'year #{other + 1}'}): one dataset per year",
                    )
                )
            first.setdefault(dataset.year, k)
        if len(institutions) > 1:
            shown = ", ".join(sorted({d.institution for d in self.datasets}))
            problems.append(
                Problem(
                    _where(self.origins[0], 0, "$.institution"),
                    f"a series is one institution's; these datasets name several: {shown}",
                )
            )
        return problems

    @property
    def years(self) -> tuple[int, ...]:
        """The years, in order."""
        return tuple(d.year for d in self.datasets)

    @property
    def institution(self) -> str:
        """The institution (the latest year's spelling)."""
        return self.datasets[-1].institution

    @property
    def fictional(self) -> bool:
        """Whether any year's data is invented."""
        return any(d.fictional for d in self.datasets)

    def __len__(self) -> int:
        return len(self.datasets)

    def __iter__(self) -> Iterator[Dataset]:
        return iter(self.datasets)

    def __getitem__(self, year: int) -> Dataset:
        for dataset in self.datasets:
            if dataset.year == year:
                return dataset
        known = ", ".join(map(str, self.years))
        raise KeyError(f"no dataset for {year}; years: {known}")

    def track(self, ref: str) -> CertificateTrack:
        """The certificate followed across years that a code, name or alias in any year
        refers to. Raises :class:`~onex.UnknownNameError` naming the closest known names."""
        key = name_key(ref)
        for track in self.tracks:
            refs = {*(c for c in track.codes if c is not None), *track.aliases}
            if key in {name_key(r) for r in refs}:
                return track
        known = [n for t in self.tracks for n in t.aliases]
        close = closest_names(ref, known)
        hint = f"; closest known: {', '.join(close)}" if close else ""
        raise UnknownNameError([Problem("", f"unknown certificate {ref!r}{hint}")])

    def pair(self, before: int, after: int) -> tuple[Dataset, Dataset]:
        """The datasets of two of the series' years."""
        return self[before], self[after]

    def __repr__(self) -> str:
        years = ", ".join(map(str, self.years))
        return (
            f"Series(institution={self.institution!r}, years=[{years}], "
            f"certificates={len(self.tracks)})"
        )

    def to_records(self) -> list[dict[str, object]]:
        """The series in long form, a dict per year, certificate, level and stage: ``year``,
        ``certificate`` (canonical name that year), ``code``, ``level`` (its Chinese label, None
        for counts not split by level), ``stage`` (quota, registered, sat, passed, issued, or
        sittings) and ``count``. Stages a source does not give are left out."""
        from onex.services.series import series_records  # the services sit above the model

        return series_records(self)

    def to_pandas(self) -> Any:
        """:meth:`to_records` as a pandas DataFrame (needs the ``pandas`` extra), one row per
        year, certificate, level and stage: the long form notebooks pivot and plot."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install 'onex[pandas]'") from None
        columns = ["year", "certificate", "code", "level", "stage", "count"]
        return pandas.DataFrame(self.to_records(), columns=columns)

    def _repr_html_(self) -> str | None:
        try:
            from onex.display import records_html

            title = f"{self.institution} {self.years[0]}–{self.years[-1]}"
            return records_html(self.to_records(), title)
        except Exception:
            return None
