"""Checking 身份证号 (resident identity numbers): 18 characters and the GB 11643 check digit.

:func:`id_number_problem` says what is wrong with one number; :func:`ids_valid` checks a whole
column with built-in operations, for the streaming reader's fast path. They agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import repeat
from operator import mod

__all__ = [
    "id_number_problem",
    "ids_valid",
    "without_text_mark",
]


# The GB 11643 check character by (the 17-digit body read in base 13) mod 11: 13 = 2 (mod 11),
# so that reading weighs digit i by 2**(17-i), half the standard weight 2**(18-i).
_CHECK_BY_RESIDUE = tuple(
    "Xx" if c == 10 else str(c) for c in ((12 - (2 * r) % 11) % 11 for r in range(11))
)


_AS_NUMBER = re.compile(r"\s*\d(?:\.\d*)?[Ee]\+?\d{1,2}\s*")
"""A number in Excel's scientific form (``1.10105E+17``): a 身份证号 typed into a number cell,
whose digits past the fifteenth are lost."""


def without_text_mark(value: str) -> str:
    """``value`` without the apostrophe Excel users type before a number to keep it text
    (``'110105…``, ``'2020001``), which CSV exports carry along: it is no part of the value."""
    text = value.strip()
    return text[1:].strip() if text.startswith("'") else value


def id_number_problem(value: str) -> str | None:
    """Why ``value`` is not a valid 身份证号 (18 characters, GB 11643 check digit), or None; a
    leading apostrophe (:func:`without_text_mark`) is no part of it."""
    value = without_text_mark(value)
    if not value.strip():
        return "no 身份证号"
    if _AS_NUMBER.fullmatch(value):
        return (
            "a 身份证号 stored as a number (its last digits are lost): format the column as "
            "text and type the number again"
        )
    if len(value) != 18:
        return f"a 身份证号 has 18 characters, this one {len(value)}"
    body = value[:17]
    if not (body.isascii() and body.isdigit()):
        return "a 身份证号 has 17 digits before the check character"
    expected = _CHECK_BY_RESIDUE[int(body, 13) % 11]
    if value[17] not in expected:  # never said which: with the body it would rebuild the number
        return "wrong check character (mistyped?)"
    return None


_DIGIT_VALUE = str.maketrans({**{str(d): "\x01" for d in range(10)}, "X": "\x02", "x": "\x02"})


def ids_valid(values: Sequence[str]) -> bool:
    """Whether every value is a valid 身份证号, with built-in operations over the whole column.

    Read in base 35, where 35 = 2 (mod 11), a number gets the GB 11643 weighted sum of its digits
    (the check digit weighing 1), so a valid number gives 1 mod 11; a final X (33 = 0 mod 11)
    stands for 10, so there a valid number gives 2. This agrees with :func:`id_number_problem`.
    """
    n = len(values)
    if not n:
        return True
    if set(map(len, values)) != {18}:
        return False
    joined = "".join(values)
    if not joined.isascii():
        return False
    last = joined[17::18]
    digits_in_last = len(last) - len(last.translate(_NO_DIGITS))
    digits = len(joined) - len(joined.translate(_NO_DIGITS))
    if digits != 17 * n + digits_in_last or last.translate(_NO_CHECK_CHARS):
        return False
    expected = last.translate(_DIGIT_VALUE).encode("ascii")
    return bytes(map(mod, map(int, values, repeat(35)), repeat(11))) == expected


_NO_DIGITS = str.maketrans("", "", "0123456789")


_NO_CHECK_CHARS = str.maketrans("", "", "0123456789Xx")
