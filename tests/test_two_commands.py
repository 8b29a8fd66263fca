"""`make test` as a newcomer meets it: without a browser it stops in its first lines with the
one command to run, before any test."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_run_tests_names_the_missing_browser_before_running_anything(tmp_path):
    env = {**os.environ, "CHROMIUM": str(tmp_path / "no-chromium")}
    result = subprocess.run(
        ["scripts/run-tests", "--collect-only"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "CHROMIUM=" in result.stderr and "/usr/bin/chromium" in result.stderr
    assert "== tests on SQLite" not in result.stdout
