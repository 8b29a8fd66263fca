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

from theodoi.audit.actions import Action
from theodoi.audit.models import AuditEntry
from theodoi.demo import present
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.directives.models import Directive
from theodoi.org.models import Agency
from theodoi.reporting.models import ReportingCycle, Submission
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
        c for c, _p, _v, _d in present.COMMUNE_FIGURES
    )
    assert all(v.unit.valid_from == date(2025, 7, 1) for v in communes)
    assert all("minh họa" in v.note for v in communes)
    # Each entered by the commune's own specialist, in its People's Committee's name, audited
    # as them.
    for v in communes:
        agency = Agency.objects.get(code=f"UBND-{v.unit.code}")
        assert v.agency == agency and agency.unit == v.unit
        assert v.author.memberships.get().agency == agency
        assert v.author.username.startswith("chuyenvien.")
        entry = AuditEntry.objects.get(action=Action.VALUE_RECORDED, object_id=str(v.pk))
        assert entry.actor == v.author
    xuan_huong = Agency.objects.get(code="UBND-24781")
    assert xuan_huong.name == "Ủy ban nhân dân phường Xuân Hương - Đà Lạt"
    assert communes.get(unit__code="24781").author.username == "chuyenvien.xuanhuong"
    assert (
        get_user_model().objects.get(username="chuyenvien.xuanhuong").check_password(DEMO_PASSWORD)
    )
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


def test_the_communes_report_to_the_province_in_their_own_cycle(client):
    call_command("load_demo", stdout=io.StringIO())
    cycle = ReportingCycle.objects.get(regime__code="ubnd-xa-6-thang", period_id="2026S1")
    codes = {f"UBND-{c}" for c, _p, _v, _d in present.COMMUNE_FIGURES}
    assert {a.code for a in cycle.agencies.all()} == codes
    assert cycle.deadline == date(2026, 7, 10)
    states = {s.agency.code: s.state for s in Submission.objects.filter(cycle=cycle)}
    assert states == {
        "UBND-24781": "submitted",
        "UBND-24778": "submitted",
        "UBND-22918": "submitted",
        "UBND-23272": "signed_off",
    }
    # The cycle page lists the five communes as expected agencies.
    client.force_login(get_user_model().objects.get(username="vanphong"))
    html = client.get(f"/bao-cao/ky/{cycle.pk}/").content.decode()
    for name in ("Xuân Hương - Đà Lạt", "Lâm Viên - Đà Lạt", "Mũi Né", "Phú Quý", "Bắc Gia Nghĩa"):
        assert name in html, name
    # Phú Quý's specialist sends the signed-off report through the page's flow.
    sub = Submission.objects.get(cycle=cycle, agency__code="UBND-23272")
    client.force_login(get_user_model().objects.get(username="chuyenvien.phuquy"))
    assert client.get(f"/bao-cao/ky/{cycle.pk}/").status_code == 200
    page = client.get(f"/bao-cao/ky/{cycle.pk}/UBND-23272/")
    assert page.status_code == 200 and "Phú Quý" in page.content.decode()
    client.post(f"/bao-cao/ky/{cycle.pk}/UBND-23272/thao-tac/submit/")
    sub.refresh_from_db()
    assert sub.state == "submitted" and sub.submitted_by.username == "chuyenvien.phuquy"
    # Another commune's specialist neither sees its draft nor sends it.
    other = Submission.objects.get(cycle=cycle, agency__code="UBND-24781")
    client.force_login(get_user_model().objects.get(username="chuyenvien.lamvien"))
    assert client.get(f"/bao-cao/ky/{cycle.pk}/UBND-24781/").status_code == 403
    other.refresh_from_db()
    assert other.state == "submitted"
