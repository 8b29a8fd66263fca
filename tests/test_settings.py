"""The production settings refuse to start insecurely; check --deploy passes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(args, var_dir=None, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "SECRET_KEY",
            "SECRET_KEY_FILE",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    # A var/ of its own, so that a key `make run` left in this checkout does not count.
    clean["THEODOI_VAR_DIR"] = str(var_dir or ROOT / "var" / "test-no-key")
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run(["check"], DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_mode_refuses_a_weak_secret_key():
    result = run(["check"], DEBUG="0", SECRET_KEY="short")
    assert result.returncode != 0 and "too weak" in result.stderr


def test_check_deploy_passes_with_production_settings():
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY="p" + "x9Yq3Lk2Zr" * 6,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_boolean_in_the_environment_fails_loudly():
    result = run(["check"], DEBUG="perhaps")
    assert result.returncode != 0 and "DEBUG='perhaps'" in result.stderr


def test_commands_find_the_key_make_run_generated(tmp_path):
    """The README's commands (createtoken, ...) work in a fresh shell after `make run`."""
    (tmp_path / "secret_key").write_text("k" + "Zr9x2Lq7Yp" * 6 + "\n")
    result = run(["check"], var_dir=tmp_path, DEBUG="0")
    assert result.returncode == 0, result.stderr
    assert "SECRET_KEY is not set" in run(["check"], DEBUG="0").stderr


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"THEODOI_DEMO": "1"}, "filebased"),  # make run: messages as files under var/mail
        ({"THEODOI_DEMO": "1", "EMAIL_HOST": "mail.example.vn"}, "smtp"),
        ({}, "smtp"),  # a province's server: SMTP
    ],
)
def test_the_demo_writes_mail_to_files_unless_a_mail_server_is_set(env, backend):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "THEODOI_DEMO", "EMAIL_HOST", "EMAIL_BACKEND")
    }
    base.update(DEBUG="0", SECRET_KEY="demo-mail-Zq7" + "x1Y9" * 15, **env)
    code = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f".{backend}." in out
