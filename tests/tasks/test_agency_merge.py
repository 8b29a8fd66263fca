"""Agencies that merge (Nghị định 45/2025/NĐ-CP): the succession, and the open tasks of the
dissolved agency passing to its successor through one audited service."""

from datetime import date

import pytest

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.org.models import Agency, AgencyKind, AgencySuccession
from theodoi.org.services import record_agency_succession
from theodoi.tasks import services
from theodoi.tasks.models import State

MERGE = date(2025, 3, 1)


@pytest.fixture
def ministry(agencies):
    """Sở Kế hoạch và Đầu tư, merged into Sở Tài chính on 01/03/2025."""
    return Agency.objects.create(
        code="SKHDT",
        name="Sở Kế hoạch và Đầu tư",
        kind=AgencyKind.DEPARTMENT,
        unit=agencies["STC"].unit,
    )


def merge(people, agencies, **kw):
    return record_agency_succession(
        people["admin"],
        predecessor_code="SKHDT",
        successor_code="STC",
        kind="merge",
        effective=MERGE,
        legal_basis="Nghị định 45/2025/NĐ-CP",
        **kw,
    )


def test_a_merge_dissolves_the_old_agency_and_is_audited(people, agencies, ministry):
    link = merge(people, agencies)
    ministry.refresh_from_db()
    assert ministry.dissolved_on == MERGE and link.successor == agencies["STC"]
    entry = AuditEntry.objects.get(action="org.agency.succeeded")
    assert entry.data["successor"] == "STC" and entry.data["effective"] == "2025-03-01"


def test_only_an_administrator_records_a_succession(people, agencies, ministry):
    for persona in ("steering", "leader", "specialist", "viewer", "outsider", "nobody"):
        with pytest.raises(NotAllowed):
            record_agency_succession(
                people[persona],
                predecessor_code="SKHDT",
                successor_code="STC",
                kind="merge",
                effective=MERGE,
            )
    assert not AgencySuccession.objects.exists()


def test_a_cycle_is_refused_and_nothing_written(people, agencies, ministry):
    # A split leaves the old agency in place, so only the cycle can refuse the second link.
    record_agency_succession(
        people["admin"],
        predecessor_code="SKHDT",
        successor_code="STC",
        kind="split",
        effective=MERGE,
    )
    with pytest.raises(DomainError, match="vòng lặp"):
        record_agency_succession(
            people["admin"],
            predecessor_code="STC",
            successor_code="SKHDT",
            kind="rename",
            effective=date(2025, 4, 1),
        )
    assert AgencySuccession.objects.count() == 1
    assert Agency.objects.get(code="STC").dissolved_on is None


def test_a_successor_dissolved_before_the_day_is_refused(people, agencies, ministry):
    merge(people, agencies)
    with pytest.raises(DomainError, match="đã giải thể trước ngày 01/04/2025"):
        record_agency_succession(
            people["admin"],
            predecessor_code="STC",
            successor_code="SKHDT",
            kind="merge",
            effective=date(2025, 4, 1),
        )


def test_open_tasks_pass_to_the_successor_with_the_original_lead_in_history(
    people, agencies, ministry, task, at
):
    task.lead = ministry
    task.save(update_fields=["lead"])
    link = merge(people, agencies)
    at(date(2025, 2, 28))
    with pytest.raises(DomainError, match="Chưa đến ngày 01/03/2025"):
        services.transfer_open_tasks(people["steering"], link)
    at(MERGE)
    for persona in ("leader", "specialist", "viewer", "outsider", "nobody"):
        with pytest.raises(NotAllowed):
            services.transfer_open_tasks(people[persona], link)
    moved = services.transfer_open_tasks(people["steering"], link)
    task.refresh_from_db()
    assert moved == [task] and task.lead == agencies["STC"]
    entry = AuditEntry.objects.get(action="tasks.task.transferred", object_id=str(task.pk))
    assert entry.data == {
        "role": "lead",
        "from": "SKHDT",
        "from_name": "Sở Kế hoạch và Đầu tư",
        "to": "STC",
    }
    assert "Nghị định 45/2025/NĐ-CP" in entry.reason
    # A second run finds nothing left to move.
    assert services.transfer_open_tasks(people["steering"], link) == []


def test_done_tasks_stay_with_the_old_agency(people, agencies, ministry, task, at):
    task.lead = ministry
    task.state = State.DONE
    task.save(update_fields=["lead", "state"])
    link = merge(people, agencies)
    at(MERGE)
    assert services.transfer_open_tasks(people["admin"], link) == []
    task.refresh_from_db()
    assert task.lead == ministry


def test_a_coordinating_agency_is_replaced_by_its_successor(people, agencies, task, at):
    Agency.objects.create(
        code="BTC-MOI",
        name="Ban Tổ chức Tỉnh ủy (mới)",
        kind=AgencyKind.PARTY_BOARD,
        unit=agencies["TU"].unit,
    )
    link = record_agency_succession(
        people["admin"],
        predecessor_code="TU",
        successor_code="BTC-MOI",
        kind="rename",
        effective=MERGE,
    )
    at(MERGE)
    services.transfer_open_tasks(people["admin"], link)
    assert list(task.coordinators.values_list("code", flat=True)) == ["BTC-MOI"]
