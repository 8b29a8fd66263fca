from django.contrib import admin

from theodoi.core.admin import FoldedSearchMixin
from theodoi.org.models import AdminUnit, Agency, Membership, UnitSuccession


class SuccessionInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ["predecessor"]


@admin.register(AdminUnit)
class AdminUnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "level"]
    search_fields = ["code", "name", "search_key"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "unit", "dissolved_on"]
    list_filter = ["kind", "is_steering_office"]
    search_fields = ["name", "short_name", "code", "search_key"]
    autocomplete_fields = ["unit", "parent"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "title"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "agency"]
