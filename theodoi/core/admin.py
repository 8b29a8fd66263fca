from django.contrib import admin

from theodoi.core.text import search


class FoldedSearchMixin(admin.ModelAdmin):
    """Admin search that ignores diacritics: every folded term must occur in `search_key`."""

    def get_search_results(self, request, queryset, search_term):
        qs, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            qs = qs | search(queryset, search_term)
        return qs, may_have_duplicates
