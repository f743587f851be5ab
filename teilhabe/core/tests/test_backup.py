"""`teilhabe backup` then `teilhabe restore` into an empty database, through the console
script in subprocesses, on the engine of the test run: two SQLite files, or two databases
in the throw-away PostgreSQL cluster of scripts/with_postgres.py (DATABASE_URL).

On PostgreSQL the backup is also restored into SQLite (the other direction, SQLite into
PostgreSQL, is how a pilot moves to a server; both read the same JSON).

The restored installation must give the same annual reports, organisation reports and
city statistics, the same audit log entry for entry (timestamps to the microsecond,
actors, changes, reads), the same rows in every table, and must take new rows afterwards
(on PostgreSQL the id sequences must have moved past the restored ids).
"""

from __future__ import annotations

import datetime
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers

from teilhabe.accounts.models import User
from teilhabe.core import backup_format
from teilhabe.core.tests.scratch import ENGINE, run, scratch_databases, shell, teilhabe

WORLD = "teilhabe.core.tests.backup_world"


@pytest.fixture
def two_databases(tmp_path: Path) -> Iterator[list[str]]:
    with scratch_databases(tmp_path, 2) as urls:
        yield urls


def world(url: str, data_dir: Path, call: str) -> None:
    shell(url, data_dir, WORLD, call)


def dumped(backup: Path) -> dict[str, Any]:
    """A backup's rows by model and primary key."""
    rows = json.loads(gzip.decompress(backup.read_bytes()))
    return {f"{row['model']}#{row.get('pk')}": row["fields"] for row in rows}


@pytest.mark.slow
def test_restore_gives_identical_reports_audit_log_and_rows(
    tmp_path: Path, two_databases: list[str]
) -> None:
    original, restored = two_databases
    run(original, tmp_path, "migrate", "-v", "0")
    run(original, tmp_path, "demo", "--scale", "0.002")
    world(original, tmp_path, "populate()")  # a closed and a reopened year, reads
    world(original, tmp_path, f"write_fingerprint({str(tmp_path / 'before.json')!r})")
    backup = tmp_path / "sicherung.json.gz"
    run(original, tmp_path, "backup", str(backup))

    run(restored, tmp_path, "restore", str(backup))
    world(restored, tmp_path, f"write_fingerprint({str(tmp_path / 'after.json')!r})")
    before = json.loads((tmp_path / "before.json").read_text())
    after = json.loads((tmp_path / "after.json").read_text())
    assert after["rows"] == before["rows"]
    assert len(after["audit"]) == len(before["audit"])
    assert any(e["action"] == 3 and e["remote_addr"] for e in before["audit"])  # reads are in
    for was, now in zip(before["audit"], after["audit"], strict=True):
        assert now == was
    assert after["annual"] == before["annual"]
    assert any(r.get("vorjahr") for r in before["annual"].values())
    assert after["organisation"] == before["organisation"]
    assert after["city"] == before["city"]

    # Every row of every table: a backup of the restored database holds the same rows.
    again = tmp_path / "wieder.json.gz"
    run(restored, tmp_path, "backup", str(again))
    assert dumped(again) == dumped(backup)

    # New rows after the restore get new ids (PostgreSQL: the sequences moved on).
    world(restored, tmp_path, f"write_after_restore({str(tmp_path / 'new.json')!r})")
    new = json.loads((tmp_path / "new.json").read_text())
    assert new["newest_audit"]["pk"] > before["audit"][-1]["id"]

    # A second restore into the now full database is refused.
    refused = teilhabe(restored, tmp_path, "restore", str(backup))
    assert refused.returncode == 1
    assert "empty" in refused.stderr or "leer" in refused.stderr

    if ENGINE == "postgresql":  # and across engines: the PostgreSQL backup into SQLite
        other = f"sqlite:///{tmp_path / 'other-engine.sqlite3'}"
        run(other, tmp_path, "restore", str(backup))
        world(other, tmp_path, f"write_fingerprint({str(tmp_path / 'other.json')!r})")
        assert json.loads((tmp_path / "other.json").read_text()) == before


@pytest.mark.django_db
def test_the_backup_keeps_times_to_the_microsecond() -> None:
    """Django's JSON cuts them to milliseconds; the restored audit log would differ."""
    serializers.register_serializer(backup_format.NAME, backup_format.__name__)
    moment = datetime.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC)
    entry = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk="1",
        object_repr="x",
        action=LogEntry.Action.ACCESS,
        timestamp=moment,
    )
    text = serializers.serialize(backup_format.NAME, [entry])
    assert "09:30:15.123456" in text
    restored = next(iter(serializers.deserialize("json", text))).object
    assert restored.timestamp == moment


@pytest.mark.slow
def test_a_failed_backup_leaves_no_file_and_an_earlier_backup_alone(tmp_path: Path) -> None:
    target = tmp_path / "sicherung.json.gz"
    target.write_bytes(b"the backup of yesterday")
    with scratch_databases(tmp_path, 1) as (not_migrated,):
        result = teilhabe(not_migrated, tmp_path, "backup", str(target))
    assert result.returncode == 1
    assert target.read_bytes() == b"the backup of yesterday"
    assert [path.name for path in tmp_path.iterdir() if "sicherung" in path.name] == [
        "sicherung.json.gz"  # and no half-written file beside it
    ]
