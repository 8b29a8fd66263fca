from django.contrib import admin

from theodoi.core.admin import FoldedSearchMixin

from theodoi.directives.models import Breakthrough, Directive


@admin.register(Directive)
class DirectiveAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["number", "kind", "title", "issuer", "issued_on"]
    list_filter = ["kind"]
    search_fields = ["number", "title", "search_key"]
    autocomplete_fields = ["issuer", "implements"]


@admin.register(Breakthrough)
class BreakthroughAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]
