"""Read-only views of tasks for administrators: every change goes through
tasks.services (and the audit trail), never through the admin."""

from django.contrib import admin

from theodoi.core.admin import FoldedSearchMixin
from theodoi.tasks.models import ExtensionRequest, ProgressUpdate, Task


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(FoldedSearchMixin, ReadOnly):
    list_display = ["title", "lead", "deadline", "state", "assigned_on"]
    list_filter = ["state", "recurrence"]
    search_fields = ["title", "search_key"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnly):
    list_display = ["task", "kind", "percent", "author", "at"]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ReadOnly):
    list_display = ["task", "current_deadline", "proposed_deadline", "decision"]
