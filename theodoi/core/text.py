"""Text folding for search that works with or without Vietnamese diacritics."""

import re
import unicodedata

_WS = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """ "Lâm Đồng" -> "lam dong": strip diacritics, fold đ/Đ to d, lower-case, squeeze spaces."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WS.sub(" ", stripped).strip().lower()


def search_terms(query: str | None) -> list[str]:
    """The folded words of a query; every word must occur for a match."""
    return [w for w in fold(query).split(" ") if w]


def search(queryset, query: str | None, field: str = "search_key"):
    """Filter a queryset by a query typed with or without diacritics: every folded
    word must occur in the model's folded `search_key`."""
    for term in search_terms(query):
        queryset = queryset.filter(**{f"{field}__contains": term})
    return queryset


# C0 controls except tab and line feed, DEL, C1 controls, and lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NEWLINES = re.compile("\r\n?")


def clean_text(text):
    """Text as it may be stored: tabs and line breaks kept (\\r\\n and \\r become \\n), every
    other control character (C0, DEL, C1: what Word's Shift+Enter pastes as \\x0b, a NUL) and
    any lone surrogate dropped, NFC-normalised. Applied once where text enters (page
    requests: core.middleware.CleanInputMiddleware; the API: theodoi.api.schemas.Schema;
    imports: exchange.readers), and again by every exporter on what is already stored.
    Anything that is not a str is returned as it is."""
    if not isinstance(text, str):
        return text
    if text.isascii() and text.isprintable():
        return text
    text = _CONTROL.sub("", _NEWLINES.sub("\n", text))
    return unicodedata.normalize("NFC", text)
