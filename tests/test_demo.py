import io
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError
from theodoi.demo import tasks
from theodoi.org.models import Agency, AgencySuccession, Membership, UnitSuccession
from theodoi.org.queries import unit_at
from theodoi.reporting import services as reporting
from theodoi.reporting.models import Submission
from theodoi.targets import rollups
from theodoi.targets.models import DataValue, Indicator, Rollup
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label not in ("sessions", "axes")
    }


def test_the_demo_loads_lam_dong_2021_and_twice_changes_nothing():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    old = unit_at("68", date(2021, 6, 30))
    new = unit_at("68", date(2025, 7, 1))
    assert old.name == "Tỉnh Lâm Đồng" and new.name == "Tỉnh Lâm Đồng" and old != new
    # 12 district-level units in 2021 (before the 2024–2025 Đạ Huoai merger), 10 after.
    assert old.children.valid_on(date(2021, 6, 30)).filter(level=2).count() == 12
    assert old.children.valid_on(date(2025, 6, 1)).filter(level=2).count() == 10
    assert new.children.count() == 124
    assert sorted(
        UnitSuccession.objects.filter(successor=new).values_list("predecessor__code", flat=True)
    ) == ["60", "67", "68"]
    for code in ["TU", "BTV-TU", "TT-TU", "BCSD-UBND", "HDND", "UBND", "MTTQ", "STC"]:
        assert Agency.objects.filter(code=code).exists(), code
    # Nghị định 45/2025/NĐ-CP: the departments merged on 01/03/2025.
    skhdt = Agency.objects.get(code="SKHDT")
    assert skhdt.dissolved_on == date(2025, 3, 1)
    assert list(skhdt.successions.values_list("successor__code", flat=True)) == ["STC"]
    assert sorted(
        AgencySuccession.objects.filter(successor__code="SNNMT").values_list(
            "predecessor__code", flat=True
        )
    ) == ["SNN", "STNMT"]
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert (
        roles["admin"] == "admin"
        and roles["vanphong"] == "steering"
        and roles["lanhdao.stc"] == "leader"
    )
    assert roles["chuyenvien.stc"] == "specialist" and roles["xem"] == "viewer"
    assert "TheoDoi@2021" in out.getvalue()
    first = snapshot()
    audit = list(AuditEntry.objects.values_list("id", flat=True))
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first
    assert list(AuditEntry.objects.values_list("id", flat=True)) == audit


@override_settings(DEMO=False)
def test_the_demo_refuses_to_load_into_a_real_database():
    with pytest.raises(CommandError, match="THEODOI_DEMO"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Agency.objects.exists()


def test_the_demo_shows_lam_dong_today_compared_with_its_three_old_provinces(client):
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="xem"))
    html = client.get("/").content.decode()
    assert (
        "Thu ngân sách nhà nước 6 tháng đầu năm 2026 ước đạt 17.205 tỷ đồng, tăng 11% so với "
        "cùng kỳ năm 2025 (số liệu quy đổi theo địa giới hiện nay)."
    ) in html
    # The 2021 scenario is still there for its period.
    html = client.get("/chi-tieu/", {"ky": "2021S1"}).content.decode()
    assert "67,4%" in html


def test_the_demo_loads_again_after_people_used_it_and_keeps_their_figure():
    """Issue 14, item 12: STC's 2021S1 report reopened, a figure changed, accepted again; the
    next load_demo (the next `make run`) ends well and leaves the figure as people left it."""
    call_command("load_demo", stdout=io.StringIO())
    users = {u.username: u for u in get_user_model().objects.all()}
    sub = Submission.objects.get(agency__code="STC", cycle__period_id="2021S1")
    reporting.reopen_submission(users["vanphong"], sub, "Sở Tài chính điều chỉnh số thu")
    record_values(
        users["chuyenvien.stc"],
        [
            ValueRow(
                indicator="THU_NSNN", unit="68", period="2021S1", value="6300", status="estimate"
            )
        ],
    )
    sub.refresh_from_db()
    reporting.sign_off(users["lanhdao.stc"], sub)
    reporting.submit(users["lanhdao.stc"], sub)
    reporting.accept(users["vanphong"], sub)

    out = io.StringIO()
    call_command("load_demo", stdout=out)  # raised DomainError (locked) before

    latest = DataValue.objects.get(
        indicator__code="THU_NSNN", unit__code="68", period_id="2021S1", is_latest=True
    )
    assert latest.value == 6300
    assert Submission.objects.get(pk=sub.pk).state == "accepted"
    assert "Đã nạp dữ liệu mẫu" in out.getvalue()


def test_a_part_that_cannot_load_is_said_in_one_line_and_the_others_load(monkeypatch):
    def refuse(ctx):
        raise DomainError("đã được khóa")

    monkeypatch.setattr(tasks, "load", refuse)
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "Bỏ qua" in line]
    assert lines == [
        "Bỏ qua phần “nhiệm vụ” của dữ liệu mẫu (giữ nguyên thay đổi của người dùng): đã được khóa"
    ]
    assert Submission.objects.filter(cycle__period_id="2021S1").count() == 11


def test_a_second_load_rebuilds_the_rollup_only_when_its_inputs_changed(monkeypatch):
    """A returning `make run` waited ~45 s for a rollup rebuild that changed nothing."""
    real = rollups.rebuild
    calls = []
    monkeypatch.setattr(rollups, "rebuild", lambda *a, **k: calls.append(1) or real(*a, **k))

    call_command("load_demo", stdout=io.StringIO())
    assert len(calls) == 1
    rows = sorted(Rollup.objects.values_list("indicator_id", "unit_id", "period_id", "value"))
    assert rows

    call_command("load_demo", stdout=io.StringIO())
    assert len(calls) == 1  # nothing changed: no rebuild
    # ... and the table is what a rebuild would make.
    real()
    assert (
        sorted(Rollup.objects.values_list("indicator_id", "unit_id", "period_id", "value")) == rows
    )

    # An indicator's definition changed behind the demo's back: the demo puts it back, and
    # the rollup is computed again.
    Indicator.objects.filter(code="KHACH_LUU_TRU").update(unit_aggregation="none")
    call_command("load_demo", stdout=io.StringIO())
    assert len(calls) == 2
