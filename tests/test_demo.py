import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings

from theodoi.audit.models import AuditEntry
from theodoi.org.models import AdminUnit, Agency, Membership, UnitSuccession

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
    assert AdminUnit.objects.get(code="68").name == "Lâm Đồng"
    assert AdminUnit.objects.filter(parent__code="68").count() == 12
    assert UnitSuccession.objects.filter(successor__code="68").count() == 2
    for code in ["TU", "BTV-TU", "TT-TU", "BCSD-UBND", "HDND", "UBND", "MTTQ", "STC"]:
        assert Agency.objects.filter(code=code).exists(), code
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
