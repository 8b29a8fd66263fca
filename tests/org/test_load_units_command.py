"""`manage.py load_units` as `make run` calls it: the whole country in both states, then the
same command again (a returning user's `make run`) changes nothing (issue 11 item 1)."""

from io import StringIO

import pytest
from django.core.management import call_command

from theodoi.audit.models import AuditEntry
from theodoi.org.models import AdminUnit, UnitSuccession


def _state():
    units = set(
        AdminUnit.objects.values_list("code", "valid_from", "valid_to", "name", "kind", "parent_id")
    )
    successions = set(
        UnitSuccession.objects.values_list("predecessor_id", "successor_id", "share", "kind")
    )
    return units, successions


@pytest.mark.django_db(transaction=True)
def test_the_national_load_twice_gives_the_same_country():
    out = StringIO()
    call_command("load_units", stdout=out)
    first = _state()
    audits = AuditEntry.objects.count()
    assert len(first[0]) == 14152, out.getvalue()
    assert len(first[1]) == 10668
    assert "14152" in out.getvalue()

    again = StringIO()
    call_command("load_units", stdout=again)
    assert _state() == first
    assert "(0 mới, 0 cập nhật)" in again.getvalue(), again.getvalue()
    assert AuditEntry.objects.count() == audits
