"""The demo in the present (issue 11, item 4): the 2025–2030 term resolution of the new
provincial Party organisation with its targets, the programme and plan below it with a few
tasks, and communes reporting their first half of 2026. Idempotent like the rest."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from theodoi.demo import present
from theodoi.directives.models import Directive
from theodoi.targets.models import DataValue, TargetValue
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values
from theodoi.tasks.models import Task

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label not in ("sessions", "axes")
    }


def test_the_term_resolution_cascades_to_targets_a_plan_and_tasks(client):
    call_command("load_demo", stdout=io.StringIO())
    resolution = Directive.objects.get(title=present.RESOLUTION[0])
    assert resolution.issued_on == date(2025, 10, 11) and resolution.term == "2025-2030"
    assert resolution.issuer.code == "TU"
    programme = Directive.objects.get(implements=resolution)
    plan = Directive.objects.get(implements=programme)
    assert "minh họa" in programme.summary and "minh họa" in plan.summary
    goals = {
        (t.indicator.code, t.period_id, t.kind): t.value
        for t in TargetValue.objects.filter(directive=resolution)
    }
    assert goals[("GRDP", "2025-2030", "goal")] == Decimal("10")
    assert goals[("GRDP_BQ_NGUOI", "2030", "goal")] == Decimal("6700")
    assert goals[("KHACH_LUU_TRU", "2026", "plan")] == Decimal("16500000")
    titles = set(Task.objects.filter(directive=plan).values_list("title", flat=True))
    assert titles == {t[0] for t in present.TASKS}
    # Five communes of the new province reported their tourist stays, each figure dated
    # for its own unit (a commune valid from 01/07/2025).
    communes = DataValue.objects.filter(
        indicator__code="KHACH_LUU_TRU", period_id="2026S1", unit__level=3, is_latest=True
    ).select_related("unit")
    assert sorted(v.unit.code for v in communes) == sorted(
        c for c, _p, _v in present.COMMUNE_FIGURES
    )
    assert all(v.unit.valid_from == date(2025, 7, 1) for v in communes)
    assert all("minh họa" in v.note for v in communes)
    # The indicator page of the new province lists them among its units.
    client.force_login(get_user_model().objects.get(username="xem"))
    html = client.get("/chi-tieu/KHACH_LUU_TRU/", {"ky": "2026S1", "dv": "68"}).content.decode()
    assert "Mũi Né" in html and "1.420.000" in html


def test_the_present_loads_twice_and_after_people_used_it_changes_nothing():
    call_command("load_demo", stdout=io.StringIO())
    clerk = get_user_model().objects.get(username="chuyenvien.vhttdl")
    record_values(
        clerk,
        [
            ValueRow(
                indicator="KHACH_LUU_TRU",
                unit="22918",
                period="2026S1",
                value="1450000",
                status="official",
            )
        ],
    )
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first
    latest = DataValue.objects.get(
        indicator__code="KHACH_LUU_TRU", unit__code="22918", period_id="2026S1", is_latest=True
    )
    assert latest.value == Decimal("1450000") and latest.status == "official"
