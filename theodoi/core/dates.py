"""Vietnamese dates: "15/06/2021" in tables, "ngày 05 tháng 01 năm 2026" in documents."""

import re
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _


class DateParseError(ValueError):
    def __init__(self, text: str, message: str):
        self.text = text
        self.message = message
        super().__init__(message)


def today() -> date:
    """Today in the installation's time zone (timezone.localdate(), frozen by tests)."""
    return timezone.localdate()


def format_date(d: date | None, empty: str = "") -> str:
    if d is None:
        return empty
    if isinstance(d, datetime):
        d = d.date()
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def format_long_date(d: date) -> str:
    """As Nghị định 30/2020 writes the date line: a leading zero for days below 10
    and for months 1 and 2 (so that nobody can add a digit), none otherwise."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str) -> date:
    """Read "15/06/2021", "15/6/2021", "15-06-2021" or ISO "2021-06-15" ("2021-6-5")."""
    s = (text or "").strip()
    if not s:
        raise DateParseError(text, _("Chưa nhập ngày."))
    m = _DMY.fullmatch(s)
    if m:
        day, month, year = (int(g) for g in m.groups())
    else:
        m = _ISO.fullmatch(s)
        if not m:
            raise DateParseError(
                text, _("“%(text)s” không phải là ngày hợp lệ (dạng dd/mm/yyyy).") % {"text": text}
            )
        year, month, day = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(
            text, _("Ngày “%(text)s” không có trên lịch.") % {"text": text}
        ) from None


# -- the date the figures speak of ("tính đến ngày") ---------------------------------
# Pages read it from ?ngay= (kept in the session), the API from ?as_of= (each request).
PAGE_PARAM = "ngay"
API_PARAM = "as_of"
SESSION_KEY = "as_of"
TODAY_WORD = "hom-nay"  # ?ngay=hom-nay: back to today
# A day the figures can speak of: the software's records start in 2000; ten years ahead is
# already a forecast nobody asks for. Outside, the date is refused with a message.
EARLIEST = date(2000, 1, 1)
AHEAD_YEARS = 10


def parse_as_of(text: str, *, now: date | None = None) -> date:
    """The as-of date typed in the header or given to the API ("15/06/2021", "2021-06-15"),
    within [01/01/2000, today + 10 years]; DateParseError with a Vietnamese message."""
    d = parse_date(text)
    now = now or today()
    latest = date(now.year + AHEAD_YEARS, 12, 31)
    if not EARLIEST <= d <= latest:
        raise DateParseError(
            text,
            _("Ngày tính số liệu “%(text)s” phải trong khoảng %(a)s đến %(b)s.")
            % {"text": text, "a": format_date(EARLIEST), "b": format_date(latest)},
        )
    return d


def as_of(request) -> date:
    """The date the figures of this request speak of: set by core.middleware.AsOfMiddleware
    (?ngay= on pages, kept in the session; ?as_of= on the API), today otherwise. Use it for
    every classification a page or the API shows (status classes, days overdue, report
    timeliness); never for what a service writes, which happens today."""
    return getattr(request, "as_of", None) or today()
