"""The web server as scripts/serve runs it (granian calling theodoi.wsgi in worker processes).

A server process that dies without stopping its workers (kill -9, a crash) must not leave them
answering on the port by themselves: the next start could not bind it, and requests would go
to processes nobody manages. theodoi.wsgi makes each worker leave when its parent is gone."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEADLINE = 60  # seconds: the server starts within a few; a worker leaves within ~2 after TERM


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", "/healthz")
        return c.getresponse().status == 200
    except OSError:
        return False


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's wait is missing


def _until(predicate, what: str) -> None:
    end = time.monotonic() + DEADLINE
    while not predicate():
        assert time.monotonic() < end, what
        time.sleep(0.1)  # polling a real process, bounded by DEADLINE (no clock to freeze)


def test_workers_leave_when_the_server_process_is_killed(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "theodoi.settings",
        "SECRET_KEY": "serving-" + "k" * 50,
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "THEODOI_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [
            str(BIN / "granian"),
            "theodoi.wsgi:application",
            "--interface",
            "wsgi",
            "--no-ws",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _until(lambda: _answers(port), "the server did not answer /healthz")
        workers = _children(server.pid)
        assert len(workers) == 2

        server.kill()  # SIGKILL: the server cannot stop its workers itself
        server.wait(timeout=10)

        _until(lambda: not any(_alive(w) for w in workers), "a worker outlived its server")
        assert not _answers(port)
    finally:
        try:
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
