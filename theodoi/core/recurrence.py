"""How often a task recurs, read from what people write: "Thường xuyên", "Hằng năm trước
15/12", "hằng quý", "Hàng tháng, trước ngày 25", or the codes themselves ("yearly").

One vocabulary and one set of checks for every reader (tasks.services for the assign
page, the API and meeting conclusions; exchange.parsers for a plan's deadline cell), and
the phrase a task shows (phrase), which reads back to the same rule. Pure: no models.

- Words are matched without diacritics and case ("Hằng năm", "Hàng năm", "hang nam" are
  one word). A recurring or continuous word must begin the text ("Hằng năm, trước ngày
  15/12"); a word for "once" must be the whole text; the empty text is "once".
- Numbers after the word give the day (and, yearly, the month): "hằng năm trước 15/12"
  is yearly on 15/12, "hằng tháng trước ngày 25" monthly on the 25th, quarterly on a day
  of the quarter's last month. Years ("hằng quý năm 2021") are not days and are skipped.
  Without numbers the period's last day is meant; day 0 means the same.
- Checks: a day from 0 to 31, a month from 1 to 12 (a day past the month's end is its
  last day when due dates are computed: tasks.status.due_dates).
"""

import re
from typing import NamedTuple

from django.utils.translation import gettext as _

from theodoi.core.text import fold

ONCE = "once"
CONTINUOUS = "continuous"
YEARLY = "yearly"
QUARTERLY = "quarterly"
MONTHLY = "monthly"
RECURRING = (YEARLY, QUARTERLY, MONTHLY)

# What people write, with and without diacritics (both are listed for the reader; they
# are matched folded, so any mix of marks reads the same).
WORDS: dict[str, str] = {
    "once": ONCE,
    "Có thời hạn": ONCE,
    "Co thoi han": ONCE,
    "Một lần": ONCE,
    "Mot lan": ONCE,
    "continuous": CONTINUOUS,
    "Thường xuyên": CONTINUOUS,
    "Thuong xuyen": CONTINUOUS,
    "Liên tục": CONTINUOUS,
    "Lien tuc": CONTINUOUS,
    "Hằng ngày": CONTINUOUS,
    "Hàng ngày": CONTINUOUS,
    "Hang ngay": CONTINUOUS,
    "yearly": YEARLY,
    "Hằng năm": YEARLY,
    "Hàng năm": YEARLY,
    "Hang nam": YEARLY,
    "Hangnam": YEARLY,
    "quarterly": QUARTERLY,
    "Hằng quý": QUARTERLY,
    "Hàng quý": QUARTERLY,
    "Hang quy": QUARTERLY,
    "monthly": MONTHLY,
    "Hằng tháng": MONTHLY,
    "Hàng tháng": MONTHLY,
    "Hang thang": MONTHLY,
}
_FOLDED = {fold(w): kind for w, kind in WORDS.items()}
# Longest first, so that a longer word is not read as a shorter one.
_STARTS = [
    (re.compile(re.escape(w) + r"\b"), kind)
    for w, kind in sorted(_FOLDED.items(), key=lambda wk: -len(wk[0]))
    if kind != ONCE
]
_NUMBER = re.compile(r"\d+")


class RecurrenceError(ValueError):
    """Text that is no recurrence, or a day or month that is not on the calendar; the
    message is Vietnamese."""

    def __init__(self, text: str, message: str):
        self.text = text
        self.message = message
        super().__init__(message)


class Rule(NamedTuple):
    kind: str
    day: int | None = None
    month: int | None = None


def _unknown(text: str) -> RecurrenceError:
    message = _(
        "Tính chất thời hạn “%(v)s” không hợp lệ (có thời hạn, thường xuyên, "
        "hằng năm trước dd/mm, hằng quý, hằng tháng)."
    )
    return RecurrenceError(text, message % {"v": text})


def _numbers(s: str) -> list[int]:
    """The day and month numbers in the text; four-digit years are skipped."""
    return [int(n) for n in _NUMBER.findall(s) if not (len(n) == 4 and 1900 <= int(n) <= 2200)]


def _bad_day(text: str) -> RecurrenceError:
    return RecurrenceError(text, _("Ngày, tháng của nhiệm vụ định kỳ không hợp lệ."))


def check(kind: str, day: int | None, month: int | None, text: str = "") -> Rule:
    """The rule when its day and month are on the calendar; RecurrenceError otherwise.
    (The month counts only for a yearly rule.)"""
    if kind in RECURRING:
        if day is not None and not 0 <= day <= 31:
            raise _bad_day(text)
        if kind == YEARLY and month is not None and not 1 <= month <= 12:
            raise _bad_day(text)
    return Rule(kind, day, month)


def match(text: object) -> Rule | None:
    """The rule the text begins with (a recurring or continuous word), or None when it
    names none; the numbers are checked (RecurrenceError)."""
    original = "" if text is None else str(text)
    s = fold(original).strip(" .;,")
    for pattern, kind in _STARTS:
        found = pattern.match(s)
        if found is None:
            continue
        if kind not in RECURRING:
            return Rule(kind)
        nums = _numbers(s[found.end() :])
        if kind == YEARLY:
            day, month = (nums[0], nums[1]) if len(nums) >= 2 else (None, None)
            return check(kind, day, month, original)
        return check(kind, nums[0] if nums else None, None, original)
    return None


def parse(text: object) -> Rule:
    """A recurrence code or its Vietnamese words → Rule(kind, day, month).

    "once"/"" → once; "thường xuyên" → continuous; "hằng năm trước 15/12" → yearly 15/12;
    "hằng quý" → quarterly; "hằng tháng trước ngày 25" → monthly 25. RecurrenceError
    (a Vietnamese message) for anything else.
    """
    original = "" if text is None else str(text)
    s = fold(original).strip(" .;,")
    if s == "" or _FOLDED.get(s) == ONCE:
        return Rule(ONCE)
    found = match(original)
    if found is None:
        raise _unknown(original)
    return found


def phrase(kind: str, day: int | None = None, month: int | None = None) -> str:
    """What a recurring or continuous task shows as its deadline; parse() reads it back
    ("Hằng năm trước 15/12"). Empty for a task done once."""
    if kind == CONTINUOUS:
        return _("Thường xuyên")
    if kind == YEARLY:
        return _("Hằng năm trước %(d)02d/%(m)02d") % {"d": day or 31, "m": month or 12}
    if kind == QUARTERLY:
        return _("Hằng quý")
    if kind == MONTHLY:
        return _("Hằng tháng, trước ngày %(d)s") % {"d": day or 31}
    return ""
