"""The `lumiku` command as an operator uses it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lumiku.cli import main
from lumiku.services import users
from lumiku.settings import PROJECT_ROOT


def lumiku(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lumiku.cli", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_bad_setting_stops_with_one_line_naming_it():
    result = lumiku("migrate", PORT="eighty")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "lumiku: Invalid setting PORT: Input should be a valid integer, unable to parse string "
        "as an integer"
    ]


def test_production_refuses_a_weak_secret():
    result = lumiku(
        "health", LUMIKU_ENV="production", SECRET_KEY="secret", PUBLIC_URL="https://lumiku.id"
    )
    assert result.returncode == 2 and "SECRET_KEY is weak" in result.stderr


@pytest.mark.usefixtures("db", "rds")
def test_create_admin_and_set_roles(monkeypatch, capsys):
    monkeypatch.setenv("LUMIKU_ADMIN_PASSWORD", "rahasia-123")
    assert main(["create-admin", "--email", "Ops@Example.com", "--name", "Ops"]) == 0
    assert users.find_by_email("ops@example.com").role == "admin"
    assert main(["create-admin", "--email", "ops@example.com"]) == 0  # again: nothing breaks
    assert main(["users", "set-role", "ops@example.com", "user"]) == 1  # the last admin stays
    assert "last admin" in capsys.readouterr().err
    assert main(["users", "set-role", "nobody@example.com", "admin"]) == 1
    assert main(["users", "list"]) == 0
    assert "ops@example.com" in capsys.readouterr().out


@pytest.mark.usefixtures("db", "rds")
def test_seed_is_idempotent(capsys):
    assert main(["seed"]) == 0 and main(["seed"]) == 0
