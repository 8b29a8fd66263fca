from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from theodoi.core.admin import FoldedSearchMixin
from theodoi.org.lineage import (
    Link,
    UnitSpan,
    check_code_free,
    check_successions,
    cycle_message,
    find_cycle,
)
from theodoi.org.models import AdminUnit, Agency, Membership, UnitSuccession

NEW = "new"  # the key of a unit being added, which has no id yet


class AdminUnitForm(forms.ModelForm):
    """The rule AdminUnit.save() enforces, said on the form (a refusal, not a server error)."""

    class Meta:
        model = AdminUnit
        fields = ["code", "name", "kind", "parent", "valid_from", "valid_to", "legal_basis"]

    def clean(self):
        data = super().clean()
        code = data.get("code")
        if code and "valid_from" not in self.errors and "valid_to" not in self.errors:
            others = AdminUnit.objects.filter(code=code).exclude(pk=self.instance.pk)
            clash = check_code_free(
                code,
                data.get("valid_from"),
                data.get("valid_to"),
                [(u.name, u.valid_from, u.valid_to) for u in others],
            )
            if clash:
                self.add_error("code", clash)
        return data


class SuccessionFormSet(BaseInlineFormSet):
    """The successions of the unit being edited, checked with org.lineage.check_successions
    as the loader checks them (issue 11): a predecessor still valid on or after the day, shares
    of a split not adding up to 100% over all its successors, a cycle — refused, nothing
    written."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        unit = self.instance
        me = unit.pk or NEW
        kept = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("predecessor")
        ]
        if not kept:
            return
        preds = {d["predecessor"].pk for d in kept}
        # The successions recorded on other units (all of them for a unit being added).
        others = UnitSuccession.objects.exclude(successor_id=unit.pk)
        links = [Link(d["predecessor"].pk, me, d["effective"], d.get("share")) for d in kept]
        links += [
            Link(p, s, e, sh)
            for p, s, e, sh in others.filter(predecessor_id__in=preds).values_list(
                "predecessor_id", "successor_id", "effective", "share"
            )
        ]
        keys = {link.predecessor for link in links} | {link.successor for link in links}
        spans = {
            u.pk: UnitSpan(u.pk, u.name, u.valid_from, u.valid_to)
            for u in AdminUnit.objects.filter(pk__in=keys - {NEW})
        }
        spans[me] = UnitSpan(me, unit.name, unit.valid_from, unit.valid_to)
        errors = check_successions(spans, links)
        if unit.pk and not find_cycle((k.predecessor, k.successor) for k in links):
            # A cycle may also run through successions recorded on other units.
            edges = [(k.predecessor, k.successor) for k in links]
            edges += list(others.values_list("predecessor_id", "successor_id"))
            cycle = find_cycle(edges)
            if cycle:
                names = dict(AdminUnit.objects.filter(pk__in=cycle).values_list("pk", "name"))
                errors.append(cycle_message(names.get(k, unit.name) for k in cycle))
        if errors:
            raise ValidationError(errors)


class SuccessionInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "successor"
    formset = SuccessionFormSet
    extra = 0
    autocomplete_fields = ["predecessor"]


@admin.register(AdminUnit)
class AdminUnitAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "level"]
    search_fields = ["code", "name", "search_key"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]
    form = AdminUnitForm


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
