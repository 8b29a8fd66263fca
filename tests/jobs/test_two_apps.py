"""Two app nodes over one database, as two machines would run them: each node is `make run`'s
`scripts/serve` (granian + one job worker) on its own port with its own var/ folder; they
share only the database (sessions, the cache with CACHE=database, the job queue) and the
file store (MEDIA_ROOT). A session opened on node A is valid on node B; a figure written
through one is read through the other, the analytics answer cached on both is renewed on
both; 200 queued jobs are run exactly once each by the two workers.

On PostgreSQL (DATABASE_URL set, as `make test`'s second pass): a scratch database
<name>_two_apps beside the test database. On SQLite: one shared database file, which is what
two processes on one machine can share (several machines need PostgreSQL)."""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
JOBS = 200
DEADLINE = 240  # seconds for everything a node or a worker has to do

SEED = """
from django.contrib.auth import get_user_model
from theodoi.api.models import ApiToken
from theodoi.org.models import AdminUnit, Agency, AgencyKind, Membership, UnitKind
from theodoi.permissions.roles import Role
from theodoi.targets.models import Indicator
province = AdminUnit.objects.create(code="68", name="Lâm Đồng", kind=UnitKind.PROVINCE)
vp = Agency.objects.create(code="VP-UBND", name="Văn phòng UBND tỉnh", short_name="VP UBND",
    kind=AgencyKind.DEPARTMENT, unit=province, is_steering_office=True)
stc = Agency.objects.create(code="STC", name="Sở Tài chính", short_name="STC",
    kind=AgencyKind.DEPARTMENT, unit=province)
User = get_user_model()
steering = User.objects.create_user("vanphong", password="pw-two-apps-1")
Membership.objects.create(user=steering, agency=vp, role=Role.STEERING)
specialist = User.objects.create_user("chuyenvien.stc", password="pw-two-apps-2")
Membership.objects.create(user=specialist, agency=stc, role=Role.SPECIALIST)
Indicator.objects.create(code="THU_NSNN", name="Thu ngân sách nhà nước",
    unit_of_measure="tỷ đồng", field="Tài chính", kind="flow", unit_aggregation="sum",
    lead_agency=stc, finest_period="month")
print(ApiToken.objects.issue(specialist)[1], ApiToken.objects.issue(steering)[1])
"""

QUEUE = """
from django.contrib.auth import get_user_model
from theodoi.jobs.services import start
from tests.jobs.counted import count_run
user = get_user_model().objects.get(username="vanphong")
for n in range(%d):
    start(user, count_run, kind="counted", title=f"Đếm {n}")
print("queued")
"""

STATE = """
from theodoi.audit.models import AuditEntry
from theodoi.jobs.models import Job
runs = AuditEntry.objects.filter(data__counted_run__isnull=False)
runs = list(runs.values_list("data", flat=True))
left = Job.objects.filter(kind="counted").exclude(state__in=["done", "failed"]).count()
print(len(runs), len({r["counted_run"] for r in runs}), len({r["worker"] for r in runs}),
      Job.objects.filter(kind="counted", state="done").count(), left)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _shell(env, code: str) -> str:
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=DEADLINE,
    )
    return out.stdout.strip().splitlines()[-1]


def _scratch_database(base: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{base / 'shared.sqlite3'}"
    server, name = url.rsplit("/", 1)
    scratch = f"{name}_two_apps"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{scratch}"')
    return f"{server}/{scratch}"


class Node:
    """One app machine: scripts/serve (granian + a worker) with its own var/ folder."""

    def __init__(self, name, common, base):
        self.port = _free_port()
        self.env = {**common, "THEODOI_VAR_DIR": str(base / name)}
        self.log = base / f"{name}.log"  # what the node printed, shown if it stops
        self.proc = subprocess.Popen(
            ["scripts/serve", f"127.0.0.1:{self.port}", "--workers", "1"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
            start_new_session=True,  # scripts/serve, granian and the worker: one group
        )

    def request(self, method, path, *, headers=None, body=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            # Header names in lower case (HTTP does not care; servers differ), repeated ones
            # (Set-Cookie) joined by newlines.
            headers: dict[str, str] = {}
            for name, value in r.getheaders():
                key = name.lower()
                headers[key] = f"{headers[key]}\n{value}" if key in headers else value
            return r.status, headers, r.read().decode()
        finally:
            c.close()

    def wait_up(self, deadline):
        while True:
            assert self.proc.poll() is None, (
                "scripts/serve stopped:\n" + self.log.read_text(errors="replace")[-3000:]
            )
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            assert time.monotonic() < deadline, "the node did not answer in time"
            time.sleep(0.2)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    base = tmp_path_factory.mktemp("two-apps")
    common = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "theodoi.settings",
        "SECRET_KEY": "two-apps-" + "k" * 50,  # the same on every machine
        "DEBUG": "1",
        "SECURE_COOKIES": "0",
        "PYTHONPATH": str(ROOT),
        "BIN": str(Path(PY).parent),
        "DATABASE_URL": _scratch_database(base),
        "CACHE": "database",
        "MEDIA_ROOT": str(base / "shared-files"),
        "THEODOI_VAR_DIR": str(base / "setup"),
    }
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=common, check=True)
    tokens = _shell(common, SEED).split()
    a, b = Node("a", common, base), Node("b", common, base)
    try:
        deadline = time.monotonic() + DEADLINE
        a.wait_up(deadline)
        b.wait_up(deadline)
        yield a, b, {"specialist": tokens[0], "steering": tokens[1]}, common
    finally:
        a.stop()
        b.stop()


def _api(node, token, method, path, payload=None, **query):
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = json.dumps(payload) if payload is not None else None
    status, _h, text = node.request(
        method, path + ("?" + urlencode(query) if query else ""), headers=headers, body=body
    )
    return status, json.loads(text)


def test_a_session_opened_on_one_node_is_valid_on_the_other(nodes):
    a, b, _tokens, _env = nodes
    status, headers, page = a.request("GET", "/dang-nhap/")
    csrf = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)
    form = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, headers, _ = a.request(
        "POST",
        "/dang-nhap/",
        headers={
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=urlencode(
            {"username": "vanphong", "password": "pw-two-apps-1", "csrfmiddlewaretoken": form}
        ),
    )
    assert status == 302, "the login on node A was refused"
    session = re.search(r"sessionid=([^;]+)", headers["set-cookie"]).group(1)
    assert b.request("GET", "/nhiem-vu/")[0] == 302  # not logged in: to the login page
    status, _h, page = b.request("GET", "/nhiem-vu/", headers={"Cookie": f"sessionid={session}"})
    assert status == 200 and "vanphong" in page


def test_a_figure_written_through_one_node_is_read_through_both_and_the_cache_renewed(nodes):
    a, b, tokens, _env = nodes
    q = {"indicator": "THU_NSNN", "unit": "68", "period": "2021S1"}

    def write(node, value):
        row = {**q, "value": value, "status": "estimate"}
        status, body = _api(
            node, tokens["specialist"], "POST", "/api/v1/datavalues", {"values": [row]}
        )
        assert status == 201, body

    def read(node):
        status, body = _api(node, tokens["steering"], "GET", "/api/v1/analytics", **q)
        assert status == 200, body
        return body["value"]

    write(a, "100")
    assert read(a) == read(b) == "100"  # both nodes now hold the answer (when cached)
    write(a, "250")
    assert read(b) == "250" and read(a) == "250"
    write(b, "6.265")
    assert read(a) == "6265" and read(b) == "6265"


def test_jobs_queued_once_are_run_exactly_once_by_the_two_workers(nodes):
    _a, _b, _tokens, env = nodes
    assert _shell(env, QUEUE % JOBS) == "queued"
    deadline = time.monotonic() + DEADLINE
    while True:
        runs, distinct, workers, done, left = map(int, _shell(env, STATE).split())
        if left == 0:
            break
        assert time.monotonic() < deadline, f"{left} jobs still waiting after {DEADLINE} s"
        time.sleep(0.5)
    assert (runs, distinct, done) == (JOBS, JOBS, JOBS)
    assert 1 <= workers <= 2
