from theodoi.core.text import search_terms


class FoldedSearchMixin:
    """Admin search that ignores diacritics: every folded term must occur in `search_key`."""

    def get_search_results(self, request, queryset, search_term):
        qs, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = queryset
        for term in search_terms(search_term):
            folded = folded.filter(search_key__contains=term)
        if search_term:
            qs = qs | folded
        return qs, may_have_duplicates
