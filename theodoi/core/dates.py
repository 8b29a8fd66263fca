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
