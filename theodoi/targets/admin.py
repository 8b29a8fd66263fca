from django.contrib import admin

from theodoi.targets.models import DataValue, Indicator, TargetValue, ValueLock


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_of_measure", "kind", "lead_agency", "retired"]
    list_filter = ["kind", "field", "retired"]
    search_fields = ["code", "name", "search_key"]


@admin.register(TargetValue)
class TargetValueAdmin(admin.ModelAdmin):
    """Read-only: targets are set through targets.services.set_targets (the directive's page,
    workbooks, the API), which resolves the unit's code in the target's period (a unit is
    valid then, issue 11), checks who may set it, never overwrites and is audited; a form here
    would pick any unit for any period."""

    list_display = ["indicator", "unit", "period_id", "kind", "value", "created_at"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
