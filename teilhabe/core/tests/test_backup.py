"""Backup and restore through the console script, each into its own database file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def teilhabe(database: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "DATABASE_URL": f"sqlite:///{database}",
        "TEILHABE_DATA_DIR": str(data_dir),
        "PATH": "/usr/bin:/bin",
    }
    command = [sys.executable, "-m", "teilhabe.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_backup_restores_into_an_empty_database(tmp_path: Path) -> None:
    original, restored = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert teilhabe(original, tmp_path, "migrate", "-v", "0").returncode == 0
    assert teilhabe(original, tmp_path, "demo").returncode == 0
    backup = tmp_path / "sicherung.json.gz"
    assert teilhabe(original, tmp_path, "backup", str(backup)).returncode == 0

    result = teilhabe(restored, tmp_path, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    check = teilhabe(
        restored,
        tmp_path,
        "shell",
        "-v",
        "0",
        "-c",
        "from teilhabe.accounts.models import User; from auditlog.models import LogEntry;"
        "from teilhabe.organisations.models import Area;"
        "print(User.objects.count(), Area.objects.count(), LogEntry.objects.count() > 0,"
        " User.objects.get(username='berater').memberships.get().services.count())",
    )
    assert check.stdout.strip().splitlines()[-1].split() == ["11", "15", "True", "3"]
    # A second restore into the now full database is refused.
    assert teilhabe(restored, tmp_path, "restore", str(backup)).returncode == 1
