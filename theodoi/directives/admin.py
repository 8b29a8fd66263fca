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


from theodoi.directives.models import AgendaItem, ConclusionItem, DirectiveFile, Meeting  # noqa: E402


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class ConclusionInline(admin.StackedInline):
    model = ConclusionItem
    extra = 0
    autocomplete_fields = ["lead", "coordinators"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["held_on", "title", "host", "notice"]
    search_fields = ["title", "search_key"]
    inlines = [AgendaInline, ConclusionInline]
    readonly_fields = ["notice"]


@admin.register(DirectiveFile)
class DirectiveFileAdmin(admin.ModelAdmin):
    list_display = ["name", "directive", "size", "uploaded_at"]
    readonly_fields = ["file", "name", "content_type", "size", "uploaded_by", "uploaded_at", "directive"]
