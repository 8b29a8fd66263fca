"""Task area benchmark: bulk assignment, the task list, the scoreboard and reminders
on a synthetic province (30 agencies, 5,000 tasks). Runs in a throw-away test database.

    scripts/run-bench
    (or: DJANGO_SETTINGS_MODULE=theodoi.settings_test .venv/bin/python bench/bench_tasks.py)
"""

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from theodoi.api.models import ApiToken  # noqa: E402
from theodoi.directives.models import Directive, DirectiveKind  # noqa: E402
from theodoi.org.models import AdminUnit, Agency, AgencyKind, Membership, UnitKind  # noqa: E402
from theodoi.permissions.roles import Role  # noqa: E402
from theodoi.tasks import scoreboard as sb  # noqa: E402
from theodoi.tasks.models import LeadHandover, State, Task  # noqa: E402
from theodoi.tasks.queries import Filters, filtered_tasks  # noqa: E402
from theodoi.tasks.reminders import send_reminders  # noqa: E402
from theodoi.tasks.services import create_tasks  # noqa: E402

N_TASKS, N_AGENCIES, BULK = 5000, 30, 500


FLOOR = {}


def timed(label, fn, repeat=7):
    """Median and p95 of `repeat` runs, and the ratio of the median to the floor (a raw
    SQL read of the five task columns every list needs), measured in the same run."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    median = statistics.median(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    ratio = f"{median / FLOOR['ms']:,.0f}×" if FLOOR.get("ms") else "—"
    print(f"| {label} | {median:,.0f} ms | {p95:,.0f} ms | {ratio} | {repeat} |")
    return result


def main():
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    old = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


def run():
    rnd = random.Random(2021)
    province = AdminUnit.objects.create(code="68", name="Lâm Đồng", kind=UnitKind.PROVINCE)
    vp = Agency.objects.create(
        code="VP",
        name="Văn phòng UBND tỉnh",
        kind=AgencyKind.DEPARTMENT,
        unit=province,
        is_steering_office=True,
    )
    agencies = [
        Agency.objects.create(
            code=f"S{i:02d}", name=f"Sở số {i}", kind=AgencyKind.DEPARTMENT, unit=province
        )
        for i in range(N_AGENCIES)
    ]
    User = get_user_model()
    steering = User.objects.create_user("vanphong", email="vp@x.vn")
    Membership.objects.create(user=steering, agency=vp, role=Role.STEERING)
    specialist = User.objects.create_user("cv", email="cv@x.vn")
    Membership.objects.create(user=specialist, agency=agencies[0], role=Role.SPECIALIST)
    for a in agencies[1:]:
        Membership.objects.create(
            user=User.objects.create_user(f"cv{a.code}", email=f"{a.code}@x.vn"),
            agency=a,
            role=Role.LEADER,
        )
    plan = Directive.objects.create(
        kind=DirectiveKind.PLAN, number="1/KH-UBND", title="Kế hoạch", issuer=vp
    )

    today = date.today()
    rows = [
        {
            "title": f"Nhiệm vụ rà soát số {i}",
            "lead": rnd.choice(agencies),
            "coordinators": [rnd.choice(agencies)],
            "deadline": today + timedelta(days=rnd.randint(1, 400)),
        }
        for i in range(BULK)
    ]
    for r in rows:
        r["coordinators"] = [c for c in r["coordinators"] if c != r["lead"]]
    print(
        f"\n| Task area, {connection.vendor} | median | p95 | × floor | runs |"
        "\n|---|---|---|---|---|"
    )
    timed(
        f"create_tasks: {BULK} rows, all or nothing (with audit)",
        lambda: create_tasks(steering, plan, rows),
        repeat=1,
    )

    states = [
        State.ASSIGNED,
        State.IN_PROGRESS,
        State.REPORTED,
        State.DONE,
        State.DONE,
        State.RETURNED,
    ]
    bulk = []
    for i in range(N_TASKS - BULK):
        deadline = today + timedelta(days=rnd.randint(-500, 300))
        state = rnd.choice(states)
        reported = (
            deadline + timedelta(days=rnd.randint(-20, 20))
            if state in (State.REPORTED, State.DONE)
            else None
        )
        bulk.append(
            Task(
                title=f"Nhiệm vụ tổng hợp số {i}",
                assigner=steering,
                assigning_agency=vp,
                directive=plan,
                assigned_on=deadline - timedelta(days=90),
                lead=rnd.choice(agencies),
                deadline=deadline,
                original_deadline=deadline,
                state=state,
                reported_on=reported,
                search_key=f"nhiem vu tong hop so {i}",
            )
        )
    Task.objects.bulk_create(bulk, batch_size=500)

    def floor():
        with connection.cursor() as cur:
            cur.execute("SELECT id, deadline, reported_on, state, recurrence FROM tasks_task")
            return cur.fetchall()

    times = []
    for _ in range(15):
        t0 = time.perf_counter()
        floor()
        times.append((time.perf_counter() - t0) * 1000)
    FLOOR["ms"] = statistics.median(times)
    print(
        f"| floor: raw SELECT of 5 columns of all {Task.objects.count()} tasks | "
        f"{FLOOR['ms']:,.1f} ms | | 1× | 15 |"
    )

    timed(f"filtered_tasks, steering, all {N_TASKS}", lambda: filtered_tasks(steering, Filters()))
    timed(
        "filtered_tasks, search 'ra soat' (diacritics-free)",
        lambda: filtered_tasks(steering, Filters(q="ra soat")),
    )
    timed(
        "filtered_tasks, specialist (own agency + shared)",
        lambda: filtered_tasks(specialist, Filters()),
    )
    qs = sb.tasks_for_scoreboard(Task.objects.all())
    timed(
        f"scoreboard over {N_TASKS} tasks, one year, {N_AGENCIES} agencies",
        lambda: sb.scoreboard(qs.all(), date(today.year, 1, 1), date(today.year, 12, 31)),
    )
    c = Client()
    c.force_login(steering)
    timed("GET /nhiem-vu/ (list page, 50 a page, steering)", lambda: c.get("/nhiem-vu/"))
    timed("GET /nhiem-vu/?status=overdue", lambda: c.get("/nhiem-vu/", {"status": "overdue"}))
    timed(
        "GET /nhiem-vu/bang-xep-hang/ (scoreboard page)", lambda: c.get("/nhiem-vu/bang-xep-hang/")
    )

    _t, raw = ApiToken.objects.issue(steering)
    auth = {"Authorization": f"Bearer {raw}"}
    r = timed(
        "GET /api/v1/tasks?lead=S01 (API list, one agency)",
        lambda: c.get("/api/v1/tasks", {"lead": "S01"}, headers=auth),
    )
    assert r.status_code == 200 and r.json(), r.status_code
    timed(
        "GET /api/v1/tasks?limit=1000 (API list, 1,000 of 5,000)",
        lambda: c.get("/api/v1/tasks", {"limit": 1000}, headers=auth),
        repeat=3,
    )
    # Agencies that merge: a fifth of the tasks handed over on 01/03 of this year from another
    # agency; the scoreboard then asks who led each counted status on its date.
    agencies = list(Agency.objects.filter(code__startswith="S").order_by("code"))
    LeadHandover.objects.bulk_create(
        [
            LeadHandover(
                task_id=t.pk,
                from_agency=agencies[(k + 1) % len(agencies)],
                to_agency_id=t.lead_id,
                on=date(today.year, 3, 1),
            )
            for k, t in enumerate(Task.objects.only("pk", "lead_id")[: N_TASKS // 5])
        ],
        batch_size=500,
    )
    timed(
        f"scoreboard over {N_TASKS} tasks, {N_TASKS // 5:,} of them handed over",
        lambda: sb.scoreboard(qs.all(), date(today.year, 1, 1), date(today.year, 12, 31)),
    )
    timed(
        "GET /api/v1/tasks?lead=S01 (who led each on its deadline)",
        lambda: c.get("/api/v1/tasks", {"lead": "S01"}, headers=auth),
    )
    timed("send_reminders (first run of the day)", send_reminders, repeat=1)
    timed("send_reminders (second run, sends nothing)", send_reminders, repeat=3)


if __name__ == "__main__":
    main()
