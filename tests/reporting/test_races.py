"""Races for real (issue 9, items 1, 2 and 4): threads start together on a barrier, each on its
own database connection, against the database the suite runs on (SQLite, then PostgreSQL).

transaction=True: each thread must see what the others commit, so nothing may hide in the test's
own transaction. Rounds are bounded and nothing sleeps; each thread closes its connection.
"""

import threading
from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from theodoi.audit.actions import Action
from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError
from theodoi.reporting import services
from theodoi.reporting.models import ReportingCycle, Submission
from theodoi.targets.models import ValueLock
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 10
WRITERS = 4
WRITES = 5
S = Submission.State


def _run(*jobs):
    """Run each job in its own thread, all released together; return what each returned or
    raised (a DomainError is an answer, anything else fails the test)."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(n, job):
        try:
            barrier.wait()
            results[n] = job()
        except DomainError as e:
            results[n] = e
        except BaseException as e:  # noqa: BLE001 - reported below, in the test's thread
            results[n] = ("crash", e)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    crashes = [r[1] for r in results if isinstance(r, tuple) and r and r[0] == "crash"]
    assert not crashes, crashes
    return results


def _submitted(regime, agency, people, year) -> Submission:
    """A report of `agency` sent to the office for the first half of `year`."""
    now = timezone.now()
    cycle = ReportingCycle.objects.create(
        regime=regime,
        period_id=f"{year}S1",
        cutoff_start=date(year, 1, 1),
        cutoff_end=date(year, 6, 15),
        deadline=date(year, 6, 20),
        opened_at=now,
    )
    return Submission.objects.create(
        cycle=cycle,
        agency=agency,
        state=S.SUBMITTED,
        sections={"ket-qua": "Đạt.", "kho-khan": "Không."},
        created_by=people["specialist"],
        signed_off_by=people["leader"],
        signed_off_at=now,
        submitted_by=people["leader"],
        submitted_at=now,
        first_submitted_at=now,
        created_at=now,
        updated_at=now,
    )


def test_no_figure_is_written_after_the_lock(regime, agencies, people, province, revenue):
    """Four writers post the agency's figure while the office accepts its report: once the
    lock is recorded, no value of that period follows it in the audit trail, and the latest
    value is one that was written before the lock."""
    late = []
    for year in range(2001, 2001 + ROUNDS):
        sub = _submitted(regime, agencies["STC"], people, year)
        period = f"{year}S1"

        def writer(w, period=period):
            def job():
                out = []
                for i in range(WRITES):
                    row = ValueRow(
                        indicator=revenue.code,
                        unit=province.code,
                        period=period,
                        value=str(1000 + w * 100 + i),
                        status="estimate",
                    )
                    try:
                        out.append(record_values(people["specialist"], [row]))
                    except DomainError as e:
                        out.append(e)
                return out

            return job

        _run(
            lambda sub=sub: services.accept(people["steering"], sub),
            *(writer(w) for w in range(WRITERS)),
        )
        lock = AuditEntry.objects.get(action=Action.VALUES_LOCKED, data__period=period)
        after = AuditEntry.objects.filter(
            pk__gt=lock.pk,
            action__in=[Action.VALUE_RECORDED, Action.VALUE_REVISED],
            data__period=period,
        ).count()
        late.append(after)
        assert ValueLock.objects.filter(agency=agencies["STC"], period_id=period).count() == 1
    assert late == [0] * ROUNDS


def test_no_commune_figure_is_written_after_its_report_is_accepted(
    regime, people, tourism, commune_agencies, commune_people, new_communes
):
    """Issue 11: a commune's specialist enters its own figure while the office accepts the
    commune's report. record_values holds the commune's People's Committee as lock_values
    does, so once the lock is recorded no figure of the commune for that period follows it."""
    agency, clerk = commune_agencies["24781"], commune_people["xuanhuong"]
    regime.agencies.add(agency)
    late = []
    for year in range(2026, 2026 + ROUNDS):
        sub = _submitted(regime, agency, people, year)
        period = f"{year}S1"

        def writer(w, period=period):
            def job():
                out = []
                for i in range(WRITES):
                    row = ValueRow(
                        indicator=tourism.code,
                        unit="24781",
                        period=period,
                        value=str(1000 + w * 100 + i),
                        status="estimate",
                    )
                    try:
                        out.append(record_values(clerk, [row]))
                    except DomainError as e:
                        out.append(e)
                return out

            return job

        _run(
            lambda sub=sub: services.accept(people["steering"], sub),
            *(writer(w) for w in range(WRITERS)),
        )
        lock = AuditEntry.objects.get(action=Action.VALUES_LOCKED, data__period=period)
        after = AuditEntry.objects.filter(
            pk__gt=lock.pk,
            action__in=[Action.VALUE_RECORDED, Action.VALUE_REVISED],
            data__period=period,
        ).count()
        late.append(after)
    assert late == [0] * ROUNDS


def test_two_accepts_one_succeeds(regime, agencies, people):
    """The office (two people) accepts the same report at once: exactly one succeeds, one
    lock, one audit entry; the other is told the report is no longer waiting."""
    people["steering2"] = type(people["steering"]).objects.create_user(username="vanphong2")
    people["steering2"].memberships.create(agency=agencies["VP"], role="steering")
    outcomes = []
    for year in range(2001, 2001 + ROUNDS):
        sub = _submitted(regime, agencies["STC"], people, year)
        results = _run(
            lambda sub=sub: services.accept(people["steering"], sub),
            lambda sub=sub: services.accept(people["steering2"], sub),
        )
        won = [r for r in results if isinstance(r, Submission)]
        outcomes.append(
            (
                len(won),
                ValueLock.objects.filter(period_id=f"{year}S1").count(),
                AuditEntry.objects.filter(
                    action=Action.SUBMISSION_ACCEPTED, object_id=str(sub.pk)
                ).count(),
            )
        )
    assert outcomes == [(1, 1, 1)] * ROUNDS


def test_accept_racing_return_ends_consistent(regime, agencies, people):
    """Accept and return at once: the report ends accepted and locked, or returned and
    unlocked, never returned while locked; exactly one of the two moves happened."""
    people["steering2"] = type(people["steering"]).objects.create_user(username="vanphong2")
    people["steering2"].memberships.create(agency=agencies["VP"], role="steering")
    outcomes = []
    for year in range(2001, 2001 + ROUNDS):
        sub = _submitted(regime, agencies["STC"], people, year)
        results = _run(
            lambda sub=sub: services.accept(people["steering"], sub),
            lambda sub=sub: services.return_submission(people["steering2"], sub, "Thiếu số"),
        )
        sub.refresh_from_db()
        locks = ValueLock.objects.filter(period_id=f"{year}S1").count()
        moved = sum(isinstance(r, Submission) for r in results)
        outcomes.append((sub.state, locks, moved))
    assert all(o in [(S.ACCEPTED, 1, 1), (S.RETURNED, 0, 1)] for o in outcomes), outcomes
