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
