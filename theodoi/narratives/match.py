"""Which indicator a statement's words name: by name and synonyms, without diacritics.

Pure: takes the indicators as plain (code, names) pairs. The longest name or synonym found
whole-word in the phrase wins; two indicators tied on the longest are ambiguous (asked,
never guessed); none is "not matched".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from theodoi.core.text import fold
from theodoi.narratives.extract import UNITS


@dataclass(frozen=True)
class Match:
    code: str | None  # the indicator, when exactly one is best
    candidates: tuple[str, ...]  # every indicator tied on the best (ambiguous if more than one)
    words: str  # the name or synonym that matched, folded

    @property
    def ambiguous(self) -> bool:
        return self.code is None and len(self.candidates) > 1


def variants(name: str, synonyms: Iterable[str] = ()) -> list[str]:
    """The folded forms an indicator can be named by: its name, its name without the
    part in brackets and without a leading "số"/"tổng số"/"tốc độ tăng" (and then with the
    counted noun last), its synonyms."""
    out = []
    for text in [name, *synonyms]:
        f = fold(text)
        if not f:
            continue
        out.append(f)
        plain = fold(re.sub(r"\([^)]*\)", " ", f))
        out.append(plain)
        for lead in ("tong so ", "so ", "toc do tang truong ", "toc do tang "):
            if plain.startswith(lead):
                out.append(plain[len(lead) :])
                out.extend(_counted_last(plain[len(lead) :]))
    return sorted({v for v in out if len(v) >= 3}, key=len, reverse=True)


def _counted_last(name: str) -> list[str]:
    """ "doanh nghiệp thành lập mới" is also written "thành lập mới 1.412 doanh nghiệp": the
    counted noun (a unit word) after what was done to it."""
    for unit in sorted((u for u in UNITS if u != "%"), key=len, reverse=True):
        if name.startswith(unit + " "):
            rest = name[len(unit) + 1 :]
            return [f"{rest} {unit}"] if len(rest.split()) >= 2 else []
    return []


def match(phrase: str, indicators: Iterable[tuple[str, list[str]]]) -> Match:
    """indicators: (code, folded variants). The phrase is folded here."""
    text = " " + re.sub(r"[^\w%]+", " ", fold(phrase)) + " "
    best_len = 0
    best: list[tuple[str, str]] = []
    for code, names in indicators:
        for v in names:
            key = " " + re.sub(r"[^\w%]+", " ", v).strip() + " "
            if key in text:
                n = len(key.split())
                if n > best_len:
                    best_len, best = n, [(code, v)]
                elif n == best_len and code not in [c for c, _v in best]:
                    best.append((code, v))
                break
    if not best:
        return Match(None, (), "")
    codes = tuple(c for c, _v in best)
    return Match(codes[0] if len(codes) == 1 else None, codes, best[0][1])
