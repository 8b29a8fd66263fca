from django.contrib import admin

from theodoi.targets.models import DataValue, Indicator, TargetValue, ValueLock


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_of_measure", "kind", "lead_agency", "retired"]
    list_filter = ["kind", "field", "retired"]
    search_fields = ["code", "name", "search_key"]


@admin.register(TargetValue)
class TargetValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "unit", "period_id", "kind", "value", "created_at"]
    list_filter = ["kind"]
    readonly_fields = ["created_at"]


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    """Read-only: figures change through the data entry page or the API, which keep history."""

    list_display = ["indicator", "unit", "period_id", "value", "status", "is_latest", "created_at"]
    list_filter = ["status", "is_latest"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ValueLock)
class ValueLockAdmin(admin.ModelAdmin):
    """Read-only: figures are locked and unlocked by targets.services (lock_values,
    unlock_values), audited, when reporting accepts or reopens a report."""

    list_display = ["agency", "period_id", "unit", "locked_by", "locked_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
