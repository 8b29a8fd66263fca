"""Two people transfer a merged agency's open tasks at the same moment (threads on their own
connections, on the database the suite runs on: SQLite, then PostgreSQL). The succession's row
lock makes them run one after the other: every task is handed over once, audited once, and the
second transfer finds nothing left to move."""

import threading
from datetime import date

import pytest
import time_machine
from django.db import connection

from theodoi.audit.models import AuditEntry
from theodoi.org.models import Agency, AgencyKind
from theodoi.org.services import record_agency_succession
from theodoi.tasks import services
from theodoi.tasks.models import LeadHandover, Task

pytestmark = pytest.mark.django_db(transaction=True)

MERGE = date(2025, 3, 1)
ROUNDS = 5
TASKS = 4


def _together(*jobs):
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(n, job):
        try:
            barrier.wait()
            results[n] = job()
        except BaseException as e:  # noqa: BLE001 - reported in the test's thread
            results[n] = ("crash", e)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, j)) for n, j in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    crashes = [r[1] for r in results if isinstance(r, tuple)]
    assert not crashes, crashes
    return results


def test_two_transfers_at_once_hand_each_task_over_once(people, agencies, directive):
    people["steering2"] = type(people["steering"]).objects.create_user(username="vanphong2")
    people["steering2"].memberships.create(agency=agencies["VP"], role="steering")
    moved_counts = []
    with time_machine.travel("2025-03-02 09:00 +0700", tick=False):
        for n in range(ROUNDS):
            old = Agency.objects.create(
                code=f"CU{n}",
                name=f"Sở Cũ {n}",
                kind=AgencyKind.DEPARTMENT,
                unit=agencies["STC"].unit,
            )
            Task.objects.bulk_create(
                Task(
                    title=f"Nhiệm vụ {n}.{i}",
                    assigner=people["steering"],
                    assigning_agency=agencies["VP"],
                    assigned_on=date(2024, 10, 1),
                    lead=old,
                    deadline=date(2025, 6, 30),
                )
                for i in range(TASKS)
            )
            link = record_agency_succession(
                people["admin"],
                predecessor_code=old.code,
                successor_code="STC",
                kind="merge",
                effective=MERGE,
            )
            first, second = _together(
                lambda link=link: services.transfer_open_tasks(people["steering"], link),
                lambda link=link: services.transfer_open_tasks(people["steering2"], link),
            )
            moved_counts.append(sorted([len(first), len(second)]))
            tasks = Task.objects.filter(title__startswith=f"Nhiệm vụ {n}.")
            assert set(tasks.values_list("lead__code", flat=True)) == {"STC"}
            assert LeadHandover.objects.filter(from_agency=old).count() == TASKS
            assert (
                AuditEntry.objects.filter(
                    action="tasks.task.transferred", data__from=old.code
                ).count()
                == TASKS
            )
    assert moved_counts == [[0, TASKS]] * ROUNDS
