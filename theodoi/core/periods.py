"""Reporting periods (kỳ báo cáo): a value object, never a table.

A period is a span of whole months inside one year — month, quarter, half, year
or year-to-date ("9 tháng đầu năm") — or a term of several years ("2020-2025").
Ids follow DHIS2 where it has one: `2021`, `2021S1`, `2021Q2`, `202106`; ours:
year-to-date `2021YTD09`, term `2020-2025`.

One span has one id: a year-to-date span that ends where a standard period
ends is that period (`2021YTD06` is `2021S1`, `2021YTD03` is `2021Q1`,
`2021YTD12` is `2021`, `2021YTD01` is `202101`), so a figure reported for
"6 tháng đầu năm" and one asked for "2021S1" meet in the same place.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import total_ordering

from django.utils.translation import gettext as _

KINDS = ("year", "half", "quarter", "month", "ytd", "term")

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_PATTERNS = [
    ("term", re.compile(r"(\d{4})-(\d{4})")),
    ("ytd", re.compile(r"(\d{4})YTD(\d{2})")),
    ("half", re.compile(r"(\d{4})S([12])")),
    ("quarter", re.compile(r"(\d{4})Q([1-4])")),
    ("month", re.compile(r"(\d{4})(\d{2})")),
    ("year", re.compile(r"(\d{4})")),
]

MIN_YEAR, MAX_YEAR = 1900, 2200


class PeriodError(ValueError):
    """A period id that does not name a period. The message is for the user."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            _("Năm %(year)s nằm ngoài khoảng cho phép (%(lo)s–%(hi)s).")
            % {"year": year, "lo": MIN_YEAR, "hi": MAX_YEAR}
        )


@total_ordering
@dataclass(frozen=True, eq=True)
class Period:
    """A span of months. Compare by (start, end): earlier first, then shorter first."""

    kind: str
    year: int
    first_month: int
    last_month: int
    end_year: int  # equals year except for terms

    # -- constructors -------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year)
        if not 1 <= month <= 12:
            raise PeriodError(_("Tháng %(m)s không hợp lệ: tháng phải từ 1 đến 12.") % {"m": month})
        return cls("month", year, month, month, year)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise PeriodError(_("Quý %(q)s không hợp lệ: quý phải từ 1 đến 4.") % {"q": quarter})
        return cls("quarter", year, 3 * quarter - 2, 3 * quarter, year)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        _check_year(year)
        if half not in (1, 2):
            raise PeriodError(
                _("Nửa năm %(h)s không hợp lệ: chỉ có 1 (6 tháng đầu) hoặc 2 (6 tháng cuối).")
                % {"h": half}
            )
        return cls("half", year, 6 * half - 5, 6 * half, year)

    @classmethod
    def year_(cls, year: int) -> Period:
        _check_year(year)
        return cls("year", year, 1, 12, year)

    @classmethod
    def ytd(cls, year: int, month: int) -> Period:
        """Months 1..month of the year; the canonical period when one has the same span."""
        _check_year(year)
        if not 1 <= month <= 12:
            raise PeriodError(
                _("Lũy kế đến tháng %(m)s không hợp lệ: tháng phải từ 1 đến 12.") % {"m": month}
            )
        if month == 1:
            return cls.month(year, 1)
        if month == 3:
            return cls.quarter(year, 1)
        if month == 6:
            return cls.half(year, 1)
        if month == 12:
            return cls.year_(year)
        return cls("ytd", year, 1, month, year)

    @classmethod
    def term(cls, start_year: int, end_year: int) -> Period:
        _check_year(start_year)
        _check_year(end_year)
        if end_year <= start_year:
            raise PeriodError(
                _("Nhiệm kỳ %(a)s-%(b)s không hợp lệ: năm kết thúc phải sau năm bắt đầu.")
                % {"a": start_year, "b": end_year}
            )
        return cls("term", start_year, 1, 12, end_year)

    @classmethod
    def parse(cls, pid: str) -> Period:
        """Read a period id; anything that is not exactly an id is refused, never guessed."""
        if isinstance(pid, Period):
            return pid
        text = str(pid or "").strip()
        if not text:
            raise PeriodError(_("Chưa nhập kỳ báo cáo."))
        for kind, pattern in _PATTERNS:
            m = pattern.fullmatch(text)
            if not m:
                continue
            a = int(m.group(1))
            if kind == "year":
                return cls.year_(a)
            b = int(m.group(2))
            if kind == "term":
                return cls.term(a, b)
            if kind == "ytd":
                return cls.ytd(a, b)
            if kind == "half":
                return cls.half(a, b)
            if kind == "quarter":
                return cls.quarter(a, b)
            if kind == "month":
                return cls.month(a, b)
        raise PeriodError(
            _(
                "Kỳ “%(id)s” không hợp lệ. Dùng dạng 2021 (năm), 2021S1 (6 tháng), 2021Q2 (quý), "
                "202106 (tháng), 2021YTD09 (9 tháng đầu năm) hoặc 2020-2025 (nhiệm kỳ)."
            )
            % {"id": text}
        )

    # -- names --------------------------------------------------------------
    @property
    def id(self) -> str:
        if self.kind == "year":
            return f"{self.year}"
        if self.kind == "half":
            return f"{self.year}S{self.last_month // 6}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.last_month // 3}"
        if self.kind == "month":
            return f"{self.year}{self.first_month:02d}"
        if self.kind == "ytd":
            return f"{self.year}YTD{self.last_month:02d}"
        return f"{self.year}-{self.end_year}"

    @property
    def label(self) -> str:
        if self.kind == "year":
            return _("Năm %(y)s") % {"y": self.year}
        if self.kind == "half":
            if self.first_month == 1:
                return _("6 tháng đầu năm %(y)s") % {"y": self.year}
            return _("6 tháng cuối năm %(y)s") % {"y": self.year}
        if self.kind == "quarter":
            return _("Quý %(q)s/%(y)s") % {"q": _ROMAN[self.last_month // 3], "y": self.year}
        if self.kind == "month":
            # English says "Jun 2021" (its msgstr uses %(month)s), Vietnamese "Tháng 6/2021".
            return _("Tháng %(m)s/%(y)s") % {
                "m": self.first_month,
                "y": self.year,
                "month": _(_MONTH_IDS[self.first_month - 1]),  # one name, not all twelve
            }
        if self.kind == "ytd":
            return _("%(n)s tháng đầu năm %(y)s") % {"n": self.last_month, "y": self.year}
        return _("Nhiệm kỳ %(a)s-%(b)s") % {"a": self.year, "b": self.end_year}

    @property
    def phrase(self) -> str:
        """The label inside a sentence: "quý III/2021", "6 tháng đầu năm 2021", "năm 2021"."""
        label = self.label
        return label[:1].lower() + label[1:]

    def __str__(self) -> str:
        return self.id

    # -- span ---------------------------------------------------------------
    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return date(
            self.end_year, self.last_month, calendar.monthrange(self.end_year, self.last_month)[1]
        )

    @property
    def month_count(self) -> int:
        return (self.end_year - self.year) * 12 + self.last_month - self.first_month + 1

    def _key(self):
        return (self.year, self.first_month, self.end_year, self.last_month)

    def __lt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def contains(self, other: Period) -> bool:
        """True if every month of `other` lies within this period (a period contains itself)."""
        return self.start <= other.start and other.end <= self.end

    def months(self) -> list[Period]:
        out = []
        y, m = self.year, self.first_month
        while (y, m) <= (self.end_year, self.last_month):
            out.append(Period.month(y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def previous_year(self) -> Period:
        """The same span one year earlier (cùng kỳ). For a term: the term before it."""
        if self.kind == "term":
            length = self.end_year - self.year
            return Period.term(self.year - length, self.year)
        return Period(
            self.kind, self.year - 1, self.first_month, self.last_month, self.end_year - 1
        )

    def subperiods(self) -> list[Period]:
        """Every standard period strictly inside this one (years, halves, quarters,
        year-to-date spans and months), coarsest first. Used to find a value from parts."""
        years = range(self.year, self.end_year + 1)
        out: list[Period] = []
        for y in years:
            cands = (
                [Period.year_(y)]
                + [Period.half(y, h) for h in (1, 2)]
                + [Period.quarter(y, q) for q in (1, 2, 3, 4)]
            )
            cands += [Period.ytd(y, m) for m in range(2, 12) if m not in (3, 6)]
            cands += [Period.month(y, m) for m in range(1, 13)]
            out += [c for c in cands if c != self and self.contains(c)]
        return out

    @property
    def year_share(self) -> tuple[int, int]:
        """(months elapsed at the end of this period within its year, 12): 6 months → (6, 12)."""
        return (self.last_month, 12)

    def is_aligned_to(self, kind: str) -> bool:
        """True if this period is made of whole periods of the given kind (e.g. a
        year-to-date span ending in September is whole quarters, not whole halves)."""
        size = {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(kind)
        if size is None:
            return self.kind == "term"
        if self.kind == "term":
            return True
        return (self.first_month - 1) % size == 0 and self.last_month % size == 0


# The msgids of month_names(), to translate one of them (a period's label) without all twelve.
_MONTH_IDS = tuple(f"T{m}" for m in range(1, 13))


def month_names() -> list[str]:
    """Short month names for charts and English labels: "T1".."T12" (English "Jan".."Dec")."""
    return [
        _("T1"), _("T2"), _("T3"), _("T4"), _("T5"), _("T6"),
        _("T7"), _("T8"), _("T9"), _("T10"), _("T11"), _("T12"),
    ]  # fmt: skip


def period_choices(years: Iterable[int], kinds: Iterable[str] | None = None) -> list[Period]:
    """The periods a person may pick, most recent year first; within a year: the year, its
    halves, year-to-date spans, quarters, then months. The one list every period picker shows
    (labels from `Period.label`: "Năm 2021", "6 tháng đầu năm 2021", "9 tháng đầu năm 2021",
    "Quý II/2021", "Tháng 5/2021"). `kinds` keeps only those kinds."""
    wanted = set(kinds) if kinds is not None else set(KINDS) - {"term"}
    out: list[Period] = []
    for y in sorted(set(years), reverse=True):
        cands = [Period.year_(y)] + [Period.half(y, h) for h in (1, 2)]
        cands += [Period.ytd(y, m) for m in (2, 4, 5, 7, 8, 9, 10, 11)]
        cands += [Period.quarter(y, q) for q in (1, 2, 3, 4)]
        cands += [Period.month(y, m) for m in range(1, 13)]
        out += [p for p in cands if p.kind in wanted]
    return out


def years_around(
    *periods_or_years: Period | int | None, back: int = 1, ahead: int = 1
) -> list[int]:
    """The years a picker offers: from `back` years before to `ahead` years after each given
    period's (or year's) year."""
    years: set[int] = set()
    for p in periods_or_years:
        if p is None:
            continue
        y = p.year if isinstance(p, Period) else int(p)
        years.update(range(max(MIN_YEAR, y - back), min(MAX_YEAR, y + ahead) + 1))
    return sorted(years)


def picker_periods(*chosen: Period | None, today_year: int) -> list[Period]:
    """What every period picker offers: the last five years and the next one around today,
    and the year around a period already chosen (a 2021 link keeps 2021 on offer)."""
    return period_choices(years_around(today_year, back=5) + years_around(*chosen))
