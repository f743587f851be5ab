"""The casework import (shared/formats/casework-import.md): check everything, then store.

All or nothing: every problem of every file is collected; while there is one, nothing
is written. A dry run checks and reports without writing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from teilhabe.casework.importer import parse
from teilhabe.casework.importer.guard import ImportGuard
from teilhabe.casework.importer.sources import open_tables
from teilhabe.casework.importer.store import ImportSummary, store
from teilhabe.casework.models import Person
from teilhabe.core.db import refresh_statistics
from teilhabe.core.tabular import Problem, ProblemList, TableError
from teilhabe.organisations.models import Area, Organisation


@dataclass
class ImportResult:
    summary: ImportSummary
    dry_run: bool
    warnings: list[Problem] = field(default_factory=list)
    counts_in_files: dict[str, int] = field(default_factory=dict)


def _districts() -> dict[str, str]:
    districts: dict[str, str] = {}
    for pk, code, name in Area.objects.values_list("pk", "code", "name"):
        districts.setdefault(name.casefold(), str(pk))
        districts[code.casefold()] = str(pk)
    return districts


def _no_progress(percent: int) -> None:
    return None


def check(
    path: Path,
    organisation: Organisation,
    progress: Callable[[int], None] = _no_progress,
    actor: Any = None,
) -> parse.Staged:
    """Reads and checks every table; raises TableError listing every problem.

    `actor` is the importing user, bound by the access rules of `guard.py`; None is the
    command line."""
    tables = open_tables(path)
    problems: list[Problem] = ProblemList()
    staged = parse.Staged()
    usable = {
        name: parse.check_columns(name, table, problems, staged) for name, table in tables.items()
    }
    if usable.get("personen"):
        parse.read_persons(tables["personen"], _districts(), problems, staged)
    stored_persons = set(
        Person.objects.filter(organisation=organisation)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    known_persons = stored_persons | set(staged.persons)
    progress(10)
    if usable.get("faelle"):
        parse.read_cases(tables["faelle"], known_persons, problems, staged)
    guard = ImportGuard.for_user(actor, organisation)
    known_cases = set(guard.cases) | set(staged.cases)
    progress(20)
    if usable.get("kontakte"):
        parse.read_sessions(tables["kontakte"], known_cases, known_persons, problems, staged)
    progress(45)
    if usable.get("ziele"):
        parse.read_goals(tables["ziele"], known_cases, problems, staged)
    guard.check(staged, {name: table.file for name, table in tables.items()}, problems)
    if problems:
        problems.sort(key=lambda p: (parse_order(p.file), p.line))
        raise TableError(problems)
    return staged


def parse_order(file: str) -> int:
    for index, name in enumerate(("personen", "faelle", "kontakte", "ziele")):
        if name in file.lower():
            return index
    return 9


def import_casework(
    path: Path,
    organisation: Organisation,
    *,
    dry_run: bool = False,
    actor: Any = None,
    progress: Callable[[int], None] = _no_progress,
) -> ImportResult:
    staged = check(path, organisation, progress, actor)
    progress(50)
    counts = {
        "personen": len(staged.persons),
        "faelle": len(staged.cases),
        "kontakte": len(staged.sessions),
        "ziele": len(staged.goals),
    }
    if dry_run:
        return ImportResult(ImportSummary(), True, staged.warnings, counts)
    summary = store(organisation, staged, actor=actor, source=path.name)
    refresh_statistics()
    progress(100)
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_pk=str(organisation.pk),
        object_id=organisation.pk,
        object_repr=str(organisation),
        action=LogEntry.Action.UPDATE,
        actor=actor,
        additional_data={"casework_import": path.name, "summary": summary.as_dict()},
    )
    return ImportResult(summary, False, staged.warnings, counts)
