"""Load test: the app served as `make run` serves it, N logged-in users in a closed loop.

    scripts/run-bench load        (or: make bench BENCH=load; BENCH_DB=sqlite|postgres)

What it does, bounded in time and on loopback only:
- a scratch site under var/bench-load-<db>/ (its own SQLite file, or <DATABASE_URL>_load on
  PostgreSQL) with `make run`'s steps: migrate, collectstatic, load_units, load_demo (done once
  and reused while the marker file is there);
- `scripts/serve` (granian + the job worker, DEBUG off, whitenoise) on a free port, with the
  serving model `make run` uses; BENCH_SERVE adds granian options (e.g. "--workers 3
  --blocking-threads 2") to compare serving models;
- BENCH_USERS (10,30,100) users, each its own session (created server-side with
  Client.force_login: 100 password hashes would measure PBKDF2, not the app) cycling through
  the mix: home page, an indicator page, the analytics API (Bearer token), the task list.
  Closed loop, no think time: a user sends its next request when the last one has answered.
  Each level: BENCH_WARMUP (5) s unmeasured, then BENCH_SECONDS (20) s measured.
- prints one markdown row per level: users, req/s, p50, p95, p99, errors, the machine's load
  average (1 min, before → after) and CPU use during the window. The generator runs on the
  same machine as the server (threads in this process): its own CPU share is printed too.
  BENCH_OUT=file appends the table to a file as well. BENCH_PATHS="/healthz" replaces the mix
  (serving's own cost, without the app).
"""

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
if not Path(PY).exists():
    PY = sys.executable
DB = os.environ.get("BENCH_DB", "sqlite")
USERS = [int(n) for n in os.environ.get("BENCH_USERS", "10,30,100").split(",")]
SECONDS = float(os.environ.get("BENCH_SECONDS", 20))
WARMUP = float(os.environ.get("BENCH_WARMUP", 5))
# make run's serving model lives in scripts/serve; BENCH_SERVE overrides it.
SERVE = os.environ.get("BENCH_SERVE", "").split()
LABEL = os.environ.get("BENCH_LABEL", "")
# BENCH_PATHS="/healthz" (comma-separated, logged-in pages) replaces the mix: /healthz alone
# measures what serving costs without the app (HTTP, WSGI, middleware, gzip, threads).
PATHS = [p for p in os.environ.get("BENCH_PATHS", "").split(",") if p]

SETUP = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from theodoi.api.models import ApiToken
from theodoi.targets.models import DataValue
User = get_user_model()
user = User.objects.get(username="vanphong")
sessions = []
for i in range(%d):
    c = Client()
    c.force_login(user)
    sessions.append(c.cookies["sessionid"].value)
_t, raw = ApiToken.objects.issue(user, name="bench-load")
# The indicator the API tests use (province revenue), its latest half-year in the demo.
v = (
    DataValue.objects.filter(indicator__code="THU_NSNN", unit__code="68", period_id__contains="S")
    .select_related("indicator", "unit").order_by("-end_month").first()
)
print(json.dumps({"sessions": sessions, "token": raw, "indicator": v.indicator.code,
                  "unit": v.unit.code, "period": v.period_id}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_env() -> dict:
    var = ROOT / "var" / f"bench-load-{DB}"
    var.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "theodoi.settings",
        "THEODOI_VAR_DIR": str(var),
        "SECRET_KEY": "bench-load-" + "k" * 50,
        "THEODOI_DEMO": "1",
        "SECURE_COOKIES": "0",
        "DEBUG": "0",
        "PYTHONPATH": str(ROOT),
        "BIN": str(Path(PY).parent),
    }
    if DB == "postgres":
        url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/theodoi_bench"
        base, name = url.rsplit("/", 1)
        env["DATABASE_URL"] = f"{base}/{name}_load"
        with psycopg.connect(base + "/postgres", autocommit=True) as c:
            if not c.execute(
                "SELECT 1 FROM pg_database WHERE datname=%s", [name + "_load"]
            ).fetchone():
                (var / "ready").unlink(missing_ok=True)
                c.execute(f'CREATE DATABASE "{name}_load"')
    else:
        env.pop("DATABASE_URL", None)
    return env


def manage(env, *args, capture=False):
    r = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )
    return r.stdout


def prepare(env) -> None:
    ready = Path(env["THEODOI_VAR_DIR"]) / "ready"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    if not ready.exists():
        manage(env, "load_units", capture=True)
        manage(env, "load_demo", capture=True)
        ready.touch()


def cpu_times() -> tuple[int, int]:
    with open("/proc/stat") as f:
        parts = [int(x) for x in f.readline().split()[1:]]
    idle = parts[3] + parts[4]
    return sum(parts) - idle, sum(parts)


class User(threading.Thread):
    def __init__(self, port, session, token, paths, stop, results):
        super().__init__(daemon=True)
        self.port, self.session, self.token = port, session, token
        self.paths, self.stop, self.results = paths, stop, results
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def run(self):
        i = random.randrange(len(self.paths))
        while not self.stop.is_set():
            kind, path = self.paths[i % len(self.paths)]
            i += 1
            headers = {"Accept-Encoding": "gzip", "Cookie": f"sessionid={self.session}"}
            if kind == "api":
                headers = {"Accept-Encoding": "gzip", "Authorization": f"Bearer {self.token}"}
            t = time.perf_counter()
            try:
                self.conn.request("GET", path, headers=headers)
                r = self.conn.getresponse()
                r.read()
                ok = r.status == 200
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                self.conn.close()
            self.results.append((time.perf_counter(), time.perf_counter() - t, ok, kind))


def pct(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def level(port, data, paths, n) -> dict:
    stop = threading.Event()
    results: list = []
    users = [User(port, data["sessions"][k], data["token"], paths, stop, results) for k in range(n)]
    for u in users:
        u.start()
    time.sleep(WARMUP)
    load0 = os.getloadavg()[0]
    busy0, total0 = cpu_times()
    own0 = time.process_time()
    t0 = time.perf_counter()
    time.sleep(SECONDS)
    t1 = time.perf_counter()
    busy1, total1 = cpu_times()
    own1 = time.process_time()
    load1 = os.getloadavg()[0]
    stop.set()
    for u in users:
        u.join(timeout=40)
    window = [r for r in results if t0 <= r[0] < t1]
    lat = sorted(r[1] for r in window)
    ncpu = os.cpu_count() or 1
    return {
        "users": n,
        "rps": len(window) / (t1 - t0),
        "p50": pct(lat, 50) * 1000,
        "p95": pct(lat, 95) * 1000,
        "p99": pct(lat, 99) * 1000,
        "errors": sum(1 for r in window if not r[2]),
        "requests": len(window),
        "load": (load0, load1),
        "cpu": 100 * (busy1 - busy0) / max(1, total1 - total0),
        "gen_cpu": 100 * (own1 - own0) / (t1 - t0) / ncpu,
    }


def wait_up(port, proc, deadline=120):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit("scripts/serve stopped before answering")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("scripts/serve did not answer /healthz in time")


def fmt(x: float) -> str:
    return f"{x:,.0f}".replace(",", ".")


def main() -> None:
    env = site_env()
    prepare(env)
    data = json.loads(manage(env, "shell", "-c", SETUP % max(USERS), capture=True).splitlines()[-1])
    q = f"indicator={data['indicator']}&unit={data['unit']}&period={data['period']}"
    paths = [
        ("page", "/"),
        ("page", f"/chi-tieu/{data['indicator']}/"),
        ("api", f"/api/v1/analytics?{q}"),
        ("page", "/nhiem-vu/"),
    ]
    if PATHS:
        paths = [("page", p) for p in PATHS]
    port = free_port()
    serve = subprocess.Popen(
        ["scripts/serve", f"127.0.0.1:{port}", *SERVE],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    rows = []
    try:
        wait_up(port, serve)
        # Every path answers 200 once before measuring (a wrong mix would measure errors).
        for kind, path in paths:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            h = {"Cookie": f"sessionid={data['sessions'][0]}"}
            if kind == "api":
                h = {"Authorization": f"Bearer {data['token']}"}
            c.request("GET", path, headers=h)
            r = c.getresponse()
            r.read()
            if r.status != 200:
                raise SystemExit(f"{path} answered {r.status}")
        for n in USERS:
            rows.append(level(port, data, paths, n))
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
    serving = " ".join(SERVE) or "scripts/serve defaults"
    if PATHS:
        serving += f"; paths {', '.join(PATHS)} instead of the mix"
    out = [
        f"Load, {DB}, granian {serving}{' — ' + LABEL if LABEL else ''}; "
        f"{WARMUP:.0f} s warm-up + {SECONDS:.0f} s measured per level; generator on the same "
        f"machine ({os.cpu_count()} CPUs); {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        "| users | req/s | p50 ms | p95 ms | p99 ms | errors | load avg 1 min | CPU busy "
        "| generator CPU |",
        "|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['users']} | {r['rps']:.1f} | {fmt(r['p50'])} | {fmt(r['p95'])} | "
            f"{fmt(r['p99'])} | {r['errors']}/{r['requests']} | "
            f"{r['load'][0]:.2f} → {r['load'][1]:.2f} | {r['cpu']:.0f}% | {r['gen_cpu']:.1f}% |"
        )
    text = "\n".join(out)
    print(text)
    if os.environ.get("BENCH_OUT"):
        with open(os.environ["BENCH_OUT"], "a") as f:
            f.write(text + "\n\n")


if __name__ == "__main__":
    main()
