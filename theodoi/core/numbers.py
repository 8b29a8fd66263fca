"""Vietnamese numbers: parsing what officials type, formatting what they read.

Every figure is a Decimal. Rounding for display happens here and only here:
half-up, as official reports round (67,35 -> 67,4).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import overload

from django.utils import translation
from django.utils.translation import gettext as _


class NumberParseError(ValueError):
    """A string that is not a number, or that could mean two numbers."""

    def __init__(self, text: str, message: str):
        self.text = text
        self.message = message
        super().__init__(message)


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_DIGITS = re.compile(r"[0-9]+")

# What a figure column holds (DecimalField(max_digits=20, decimal_places=6)): a figure with
# more is refused, never rounded or cut to fit.
MAX_DECIMALS = 6
MAX_INTEGER_DIGITS = 14


def _grouped(parts: list[str]) -> bool:
    """True if parts read as thousands groups: 1-3 digits, then groups of exactly 3."""
    return (
        all(_DIGITS.fullmatch(p) for p in parts)
        and 1 <= len(parts[0]) <= 3
        and all(len(p) == 3 for p in parts[1:])
    )


_SWAP = str.maketrans({".": ",", ",": "."})


def parse_number(text: str | int | Decimal, notation: str = "vi") -> Decimal:
    """Read a number as a Vietnamese official writes it, or in plain notation.

    "6.265" -> 6265, "6.265,5" -> 6265.5, "67,4" -> 67.4, "1.5" -> 1.5,
    "1,234.5" -> 1234.5. A string that could mean two numbers ("1,234": 1,234 in
    Vietnamese, 1234 in English) is refused rather than guessed.

    notation="en" reads the English way, the same rules with the two separators' roles
    swapped: "6,265.5" -> 6265.5, "1,234" -> 1234, and "1.234" (1,234 or 1234?) is refused.
    Files, the API and sentences are read in Vietnamese notation; what a person types on a
    page goes through `parse_typed`.
    """
    if notation == "en" and isinstance(text, str):
        swapped = text.translate(_SWAP)
        try:
            return parse_number(swapped)
        except NumberParseError as exc:
            # The message quotes what was typed, not the swapped text.
            raise NumberParseError(text, exc.message.replace(swapped, text)) from None
    if isinstance(text, Decimal):
        return _fits(text, str(text))
    if isinstance(text, int) and not isinstance(text, bool):
        return _fits(Decimal(text), str(text))
    if not isinstance(text, str):
        raise NumberParseError(str(text), _("“%(text)s” không phải là số.") % {"text": text})
    original = text
    s = _SPACES.sub(" ", text.strip())
    if not s:
        raise NumberParseError(original, _("Chưa nhập số."))
    sign = ""
    if s[0] in "+-\u2212":
        sign = "-" if s[0] in "-\u2212" else ""
        s = s[1:].strip()
    if " " in s:
        # Spaces may group thousands ("6 265"), never anything else.
        groups = s.split(" ")
        head, _sep, tail = groups[-1].partition(",")
        if not _grouped(groups[:-1] + [head]) or "." in s:
            raise NumberParseError(
                original, _("“%(text)s” không phải là số hợp lệ.") % {"text": original}
            )
        s = "".join(groups[:-1]) + head + ("," + tail if _sep else "")
    not_a_number = NumberParseError(
        original, _("“%(text)s” không phải là số hợp lệ.") % {"text": original}
    )
    if any(ch.isdigit() and not ch.isascii() for ch in s):
        # Arabic-Indic "٣", full-width "３": Python reads them as digits, people do not
        # type them on purpose; refused rather than read.
        raise NumberParseError(
            original,
            _("“%(text)s” chứa chữ số không phải 0-9 (chữ số Ả Rập, toàn khổ...): hãy gõ bằng 0-9.")
            % {"text": original},
        )
    if not re.fullmatch(r"[0-9.,]+", s) or not re.match(r"[0-9]", s) or not re.search(r"[0-9]$", s):
        raise not_a_number
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        # The separator that comes last is the decimal one; the other groups thousands.
        dec, grp = (",", ".") if s.rfind(",") > s.rfind(".") else (".", ",")
        if s.count(dec) != 1:
            raise not_a_number
        int_part, frac = s.split(dec)
        if not _grouped(int_part.split(grp)):
            raise not_a_number
        digits = int_part.replace(grp, "") + "." + frac
    elif dots:
        parts = s.split(".")
        if _grouped(parts):
            # Vietnamese thousands: "6.265", "1.234.567".
            digits = "".join(parts)
        elif dots == 1:
            # Plain decimal point: "1.5", "67.45", "1234.5" cannot be thousands groups.
            digits = s
        else:
            raise not_a_number
    elif commas:
        parts = s.split(",")
        if commas == 1:
            int_part, frac = parts
            if len(frac) == 3 and _grouped(parts) and int_part.lstrip("0"):
                raise NumberParseError(
                    original,
                    _(
                        "“%(text)s” không rõ nghĩa: có thể là số thập phân %(text)s hoặc số "
                        "nguyên %(plain)s. Nếu là số nguyên, hãy viết “%(plain)s”."
                    )
                    % {"text": original, "plain": int_part + frac},
                )
            digits = int_part + "." + frac
        elif _grouped(parts):
            # Several commas can only be English thousands: "1,234,567".
            digits = "".join(parts)
        else:
            raise not_a_number
    else:
        digits = s
    try:
        value = Decimal(sign + digits)
    except InvalidOperation:  # pragma: no cover - the patterns above admit only digits
        raise not_a_number from None
    return _fits(value, original)


def typed_notation() -> str:
    """The notation people type numbers in on a page: the page's language ("en" when the
    person chose English, otherwise "vi"). The one place that ties input to the language."""
    return "en" if (translation.get_language() or "vi").startswith("en") else "vi"


def parse_typed(text: str | int | Decimal) -> Decimal:
    """A number typed on a page (the grid, a report form, a task's progress), read in the
    notation of the page's language: "6,265.5" in English, "6.265,5" in Vietnamese. Outside a
    request (imports, the demo, jobs) the language is Vietnamese."""
    return parse_number(text, notation=typed_notation())


def for_language(text: str) -> str:
    """A number formatted in Vietnamese notation ("6.265,5") as the page's language writes
    it: "6,265.5" in English. Shown and typed numbers follow the same notation."""
    return text.translate(_SWAP) if typed_notation() == "en" else text


def format_shown(value: Decimal | int, decimals: int | None = None) -> str:
    """A number in running text or a table, in the page's language ("1.993" / "1,993")."""
    return for_language(format_number(value, decimals))


def format_typed(value: Decimal | int) -> str:
    """A figure put back into an input, in the notation `parse_typed` reads on this page."""
    return format_shown(value)


def _fits(value: Decimal, original: str) -> Decimal:
    """The figure as typed, or a refusal: more than 6 decimals would be rounded by the
    database (0,0000001 stored as 0), more than 14 integer digits do not fit at all."""
    if not value.is_finite():
        raise NumberParseError(original, _("“%(text)s” không phải là số.") % {"text": original})
    sign, digits, exponent = value.normalize().as_tuple() if value else (0, (0,), 0)
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise NumberParseError(
            original,
            _("“%(text)s” có quá %(n)s chữ số sau dấu phẩy; hãy làm tròn trước khi nhập.")
            % {"text": original, "n": MAX_DECIMALS},
        )
    if value and value.adjusted() >= MAX_INTEGER_DIGITS:
        raise NumberParseError(
            original,
            _("“%(text)s” quá lớn: phần nguyên tối đa %(n)s chữ số.")
            % {"text": original, "n": MAX_INTEGER_DIGITS},
        )
    return value


def round_half_up(value: Decimal, places: int) -> Decimal:
    """The one rounding rule for display: half away from zero, as reports round."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _group(int_digits: str) -> str:
    out: list[str] = []
    while len(int_digits) > 3:
        out.insert(0, int_digits[-3:])
        int_digits = int_digits[:-3]
    out.insert(0, int_digits)
    return ".".join(out)


def format_number(value: Decimal | int | None, decimals: int | None = None, empty: str = "") -> str:
    """6265 -> "6.265"; 6265.5 -> "6.265,5"; with decimals the value is rounded half-up
    and padded ("67,40" for 2). Without decimals, trailing zeros are dropped."""
    if value is None:
        return empty
    value = Decimal(value)
    if decimals is not None:
        value = round_half_up(value, decimals)
        text = f"{abs(value):.{decimals}f}"
    else:
        text = f"{abs(value):f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    int_part, _sep, frac = text.partition(".")
    sign = "-" if value < 0 and (int_part.strip("0") or frac.strip("0")) else ""
    return sign + _group(int_part) + ("," + frac if frac else "")


def format_percent(value: Decimal | None, decimals: int = 1, empty: str = "") -> str:
    """A percentage already multiplied by 100: 67.4 -> "67,4%"."""
    if value is None:
        return empty
    return format_number(value, decimals) + "%"


_SCALES = [
    (Decimal(10) ** 9, "tỷ"),
    (Decimal(10) ** 6, "triệu"),
    (Decimal(10) ** 3, "nghìn"),
]


def format_scaled(value: Decimal | int | None, decimals: int = 1, empty: str = "") -> str:
    """Large counts the way reports say them: 1900000 -> "1,9 triệu"."""
    if value is None:
        return empty
    value = Decimal(value)
    for factor, word in _SCALES:
        if abs(value) >= factor:
            scaled = format_number(round_half_up(value / factor, decimals))
            return f"{scaled} {word}"
    return format_number(value)


def format_megabytes(size: int) -> str:
    """A file size in MB the Vietnamese way, one decimal at most: "50", "1,5", "0,1"."""
    return format_number(round_half_up(Decimal(size) / (1024 * 1024), 1))


@overload
def to_plain(value: Decimal) -> str: ...
@overload
def to_plain(value: None) -> None: ...
@overload
def to_plain(value: Decimal | None) -> str | None: ...
def to_plain(value: Decimal | None) -> str | None:
    """Plain notation for JSON and CSV: "6265", "67.4", never "6.265E+3"."""
    if value is None:
        return None
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
