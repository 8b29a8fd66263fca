"""Scoring the reader on a test set of sentences (tests/narratives/corpus/sentences.json):
what is proposed is compared with what a person reads. No database: the indicators are
given as plain values, the same matching and conversion as the page.

A *proposal* is a statement the page would offer to write (one indicator, a value in its
unit of measure, a period, no question pending). Recall: expected figures proposed with
the right indicator, value and period (and place). Precision: proposals that are right.
A wrong proposal is a wrong figure proposed silently as matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from theodoi.core.periods import Period
from theodoi.narratives.extract import Statement, extract
from theodoi.narratives.match import match, variants
from theodoi.narratives.units import convert


@dataclass
class Proposal:
    indicator: str
    value: Decimal
    period: str
    place: str
    sentence: str


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    proposed: int = 0
    right: int = 0
    asked: int = 0
    asked_right: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> Decimal:
        return Decimal(self.found) / Decimal(self.expected or 1)

    @property
    def precision(self) -> Decimal:
        return Decimal(self.right) / Decimal(self.proposed or 1)


def proposals(statements: list[Statement], indicators: dict[str, dict]) -> list[Proposal]:
    pairs = [(code, variants(i["name"], i.get("synonyms", []))) for code, i in indicators.items()]
    out = []
    for st in statements:
        m = match(st.phrase, pairs)
        if m.code is None or st.error or st.period is None or st.number is None:
            continue
        ind = indicators[m.code]
        value, _flag = convert(st, ind["uom"], ind.get("rate", False))
        if value is None:
            continue
        out.append(Proposal(m.code, value, st.period.id, st.place_name, st.sentence))
    return out


def score(corpus: list[dict], indicators: dict[str, dict], statements_of=None) -> Score:
    """corpus: {"text", "period", "expect": [{"indicator", "value", "period", "place"}],
    "ask": n} — `ask` counts statements that must be asked (a number read two ways)."""
    s = Score()
    for item in corpus:
        default = Period.parse(item["period"]) if item.get("period") else None
        sts = (statements_of or extract)(item["text"], default)
        got = proposals(sts, indicators)
        want = [
            (e["indicator"], Decimal(e["value"]), e["period"], e.get("place", ""))
            for e in item.get("expect", [])
        ]
        s.expected += len(want)
        s.proposed += len(got)
        s.asked += item.get("ask", 0)
        s.asked_right += min(item.get("ask", 0), sum(1 for st in sts if st.error))
        remaining = list(want)
        for p in got:
            key = (p.indicator, p.value, p.period, p.place)
            if key in remaining:
                remaining.remove(key)
                s.right += 1
                s.found += 1
            else:
                s.wrong.append(f"{key} ← {p.sentence}")
        s.missed += [f"{w} ← {item['text'][:80]}" for w in remaining]
    return s
