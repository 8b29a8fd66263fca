"""Reading what plans write: deadlines ("Quý III/2021", "Thường xuyên") and agency names."""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from theodoi.core import recurrence
from theodoi.core.recurrence import CONTINUOUS, ONCE
from theodoi.core.text import fold

# The recurrence codes and words are core.recurrence's; REGULAR reads better here.
REGULAR = CONTINUOUS


class DeadlineParseError(ValueError):
    def __init__(self, text: str, message: str):
        self.text = text
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Deadline:
    """What a plan's "Thời hạn" cell says: a date (or none) and how often the task recurs."""

    date: date | None
    recurrence: str = ONCE
    day: int | None = None  # for recurring tasks: "Hằng năm, trước 15/12" -> day 15, month 12
    month: int | None = None


ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_Y = r"(\d{4})"
_SEP = r"\s*(?:/|-|nam|năm)\s*"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(q: str) -> int:
    q = q.lower()
    n = ROMAN.get(q) or (int(q) if q.isdigit() else 0)
    if not 1 <= n <= 4:
        raise ValueError(q)
    return n


def _year(text: str) -> int:
    y = int(text)
    if not 1900 <= y <= 2200:
        raise ValueError(text)
    return y


# Patterns are matched on folded text (no diacritics, lower case): "quy iii/2021".
_PREFIX = re.compile(
    r"^(hoan thanh |xong |thuc hien |trinh |nop |bao cao )?"
    r"(truoc ngay|truoc|cham nhat (la )?(ngay )?|han chot|den ngay|den|trong|vao|ngay)\s*[:,]?\s*"
)
_DMY = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_QUARTER = re.compile(r"quy\s*([ivx]+|\d)" + _SEP + _Y)
_MONTH = re.compile(r"thang\s*(\d{1,2})" + _SEP + _Y)
_HALF = re.compile(r"(6 thang dau nam|nua dau nam|6 thang cuoi nam|nua cuoi nam)\s*" + _Y)
_FIRST_MONTHS = re.compile(r"(\d{1,2}) thang (dau )?nam\s*" + _Y)
_YEAR = re.compile(r"(nam\s*)?" + _Y)
_SPAN = re.compile(r"(giai doan|nhiem ky|trong )?\s*(nam\s*)?(\d{4})\s*[-–]\s*(\d{4})")


def _single(s: str) -> date | None:
    """One deadline expression (folded); None when it is none of the known forms."""
    m = _DMY.fullmatch(s)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        return date(_year(str(y)), mo, d)
    m = _ISO.fullmatch(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return date(_year(str(y)), mo, d)
    m = _QUARTER.fullmatch(s)
    if m:
        q, y = _quarter(m.group(1)), _year(m.group(2))
        return _month_end(y, q * 3)
    m = _MONTH.fullmatch(s)
    if m:
        return _month_end(_year(m.group(2)), int(m.group(1)))
    m = _HALF.fullmatch(s)
    if m:
        first = m.group(1) in ("6 thang dau nam", "nua dau nam")
        return _month_end(_year(m.group(2)), 6 if first else 12)
    m = _FIRST_MONTHS.fullmatch(s)
    if m:
        return _month_end(_year(m.group(3)), int(m.group(1)))
    m = _SPAN.fullmatch(s)
    if m:
        start, end = _year(m.group(3)), _year(m.group(4))
        if end < start:
            raise ValueError(s)
        return date(end, 12, 31)
    m = _YEAR.fullmatch(s)
    if m:
        return date(_year(m.group(2)), 12, 31)
    return None


def parse_deadline(text) -> Deadline:
    """Read a plan's deadline cell.

    "15/12/2021", "Trước 15/12/2021", "Chậm nhất ngày 15/12/2021" -> that day;
    "Quý III/2021" -> 30/09/2021; "Tháng 12/2021" -> 31/12/2021; "6 tháng đầu năm 2021"
    -> 30/06/2021; "Năm 2021" -> 31/12/2021; "2021-2025" -> 31/12/2025;
    "Thường xuyên" -> no date, regular; "Hằng năm" / "Hằng quý" / "Hằng tháng" -> no date,
    recurring. A range ("Quý III - Quý IV/2021") keeps its later end. Anything else is refused.
    """
    if isinstance(text, date):
        return Deadline(text)
    original = "" if text is None else str(text)
    s = fold(original).strip(" .;,")
    if not s:
        raise DeadlineParseError(
            original, _("chưa ghi thời hạn; ghi “Thường xuyên” nếu nhiệm vụ không có thời hạn.")
        )
    try:
        rule = recurrence.match(s)
    except recurrence.RecurrenceError as exc:
        raise DeadlineParseError(original, exc.message) from None
    if rule is not None:
        return Deadline(None, rule.kind, rule.day, rule.month)
    s = _PREFIX.sub("", s).strip(" .;,")
    refused = DeadlineParseError(
        original,
        _(
            "không hiểu thời hạn “%(text)s”; ghi dạng 15/12/2021, Tháng 12/2021, Quý IV/2021, Năm "
            "2021 hoặc Thường xuyên."
        )
        % {"text": original},
    )
    try:
        found = _single(s)
        if found is None and re.search(r"\s[-–]\s|\sden\s", s):
            # "Quý III - Quý IV/2021", "Tháng 10 đến tháng 12/2021": the later end is the deadline.
            tail = re.split(r"\s[-–]\s|\sden\s", s)[-1].strip()
            found = _single(_PREFIX.sub("", tail))
    except ValueError:
        raise DeadlineParseError(
            original, _("thời hạn “%(text)s” không có trên lịch.") % {"text": original}
        ) from None
    if found is None:
        raise refused
    return Deadline(found)


# -- Agencies ---------------------------------------------------------------

_COMPACT = re.compile(r"[^a-z0-9]+")
# "Các sở, ngành liên quan", "UBND các huyện, thành phố": not one agency. Said, not guessed.
GENERIC = re.compile(
    r"^(cac|ubnd cac|uy ban nhan dan cac|co quan, don vi|co quan don vi|don vi lien quan"
    r"|co quan lien quan)\b.*"
)


def _compact(text: str) -> str:
    return _COMPACT.sub("", fold(text).replace("&", "va"))


@dataclass
class Match:
    """The answer for one name: the agency, or the candidates to choose from, or nothing."""

    text: str
    agency: object | None = None
    candidates: list = field(default_factory=list)
    approximate: bool = False
    generic: bool = False

    @property
    def ambiguous(self) -> bool:
        return self.agency is None and len(self.candidates) > 1


class AgencyMatcher:
    """Match the names plans write ("Sở Tài chính", "STC", "So Tai chinh", "Sở KH&ĐT") to agencies.

    Exact matches on name, short name or code (folded, then without spaces or punctuation);
    otherwise agencies whose name holds every word of the text. More than one is a question
    to the person, with the candidates; `choices` (folded text -> agency) holds the answers."""

    def __init__(self, agencies, choices: dict | None = None):
        self.agencies = list(agencies)
        self.by_key: dict[str, list] = {}
        for a in self.agencies:
            for key in {
                fold(a.name),
                fold(a.short_name),
                fold(a.code),
                _compact(a.name),
                _compact(a.short_name),
                _compact(a.code),
            } - {""}:
                self.by_key.setdefault(key, []).append(a)
        self.words = [
            (a, set(fold(f"{a.name} {a.short_name}").replace(",", " ").split()))
            for a in self.agencies
        ]
        self.choices = {fold(k): v for k, v in (choices or {}).items()}

    def match(self, text: str) -> Match:
        key = fold(text).strip(" .;:-")
        if key in self.choices:
            return Match(text, self.choices[key])
        for k in (key, _compact(text)):
            found = _unique(self.by_key.get(k, []))
            if len(found) == 1:
                return Match(text, found[0])
            if len(found) > 1:
                return Match(text, None, found)
        if GENERIC.fullmatch(key):
            return Match(text, generic=True)
        words = set(key.replace(",", " ").split())
        found = [a for a, names in self.words if words and words <= names]
        if len(found) == 1:
            return Match(text, found[0], approximate=True)
        return Match(text, None, found)

    def split(self, text: str) -> list[Match]:
        """A coordinators cell names several agencies: "Sở Tài chính; Sở Văn hóa, Thể thao và
        Du lịch, UBND các huyện". Commas also occur inside names, so adjacent pieces are
        joined when together they name one agency."""
        out = []
        for chunk in re.split(r"[;\n]+|\s+-\s+|^-\s*", text or ""):
            parts = [p.strip(" .-+") for p in chunk.split(",")]
            parts = [p for p in parts if p]
            i = 0
            while i < len(parts):
                found = None
                for j in range(
                    len(parts), i + 1, -1
                ):  # the longest run of pieces that names one agency
                    m = self.match(", ".join(parts[i:j]))
                    if (m.agency is not None and not m.approximate) or m.generic:
                        found = (m, j)
                        break
                m, i = found or (self.match(parts[i]), i + 1)
                out.append(m)
        return out


def _unique(agencies: list) -> list:
    seen, out = set(), []
    for a in agencies:
        if a.pk not in seen:
            seen.add(a.pk)
            out.append(a)
    return out
