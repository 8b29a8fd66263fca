from django.contrib import admin

from theodoi.core.admin import FoldedSearchMixin
from theodoi.directives.models import (
    AgendaItem,
    Breakthrough,
    ConclusionItem,
    Directive,
    DirectiveFile,
    Meeting,
)


class ReadOnly(admin.ModelAdmin):
    """Directives and meetings change through directives.services (audited), on the pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Directive)
class DirectiveAdmin(FoldedSearchMixin, ReadOnly):
    list_display = ["number", "kind", "title", "issuer", "issued_on"]
    list_filter = ["kind"]
    search_fields = ["number", "title", "search_key"]


@admin.register(Breakthrough)
class BreakthroughAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class ConclusionInline(admin.StackedInline):
    model = ConclusionItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(FoldedSearchMixin, ReadOnly):
    list_display = ["held_on", "title", "host", "notice"]
    search_fields = ["title", "search_key"]
    inlines = [AgendaInline, ConclusionInline]


@admin.register(DirectiveFile)
class DirectiveFileAdmin(ReadOnly):
    list_display = ["name", "directive", "size", "uploaded_at"]
