import pytest

from theodoi.core.env import EnvError, env_bool, env_list, env_secret


def test_env_bool_reads_the_usual_words_and_fails_loudly(monkeypatch):
    monkeypatch.setenv("X", "yes")
    assert env_bool("X", False) is True
    monkeypatch.setenv("X", "0")
    assert env_bool("X", True) is False
    monkeypatch.setenv("X", "maybe")
    with pytest.raises(EnvError):
        env_bool("X", False)
    monkeypatch.delenv("X")
    assert env_bool("X", True) is True


def test_env_list_and_secret_file(monkeypatch, tmp_path):
    monkeypatch.setenv("HOSTS", "a.vn, b.vn,")
    assert env_list("HOSTS", []) == ["a.vn", "b.vn"]
    secret = tmp_path / "s"
    secret.write_text("abc\n")
    monkeypatch.delenv("TOKEN", raising=False)
    monkeypatch.setenv("TOKEN_FILE", str(secret))
    assert env_secret("TOKEN") == "abc"
    monkeypatch.setenv("TOKEN_FILE", str(tmp_path / "missing"))
    with pytest.raises(EnvError):
        env_secret("TOKEN")
