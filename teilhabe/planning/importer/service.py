"""The plan import (shared/formats/plan.md): check everything, then store.

All or nothing: every problem of every file is collected; while there is one, nothing
is written. A dry run checks and reports without writing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem, ProblemList, TableError
from teilhabe.core.tabular_sources import open_tables
from teilhabe.planning.importer.check import check_references
from teilhabe.planning.importer.parse import TABLES, Staged, read_tables
from teilhabe.planning.importer.store import Summary, store
from teilhabe.planning.models import RESERVED_SLUGS, Concept


@dataclass
class PlanImportResult:
    concept: str
    dry_run: bool
    staged: Staged
    summary: Summary = field(default_factory=Summary)
    warnings: list[Problem] = field(default_factory=list)


def check(path: Path, concept: Concept | None) -> Staged:
    """The checked rows of the files at `path`; TableError with every problem."""
    tables = open_tables(path, TABLES)
    if not tables:
        names = ", ".join(f"{name}.csv" for name in TABLES)
        message = _("None of the tables of the plan format was found (%(names)s).")
        raise TableError([Problem(path.name, 1, "", message % {"names": names})])
    problems = ProblemList()
    staged = read_tables(tables, problems)
    check_references(staged, concept, problems)
    if problems:
        raise TableError(problems)
    return staged


def import_plan(
    path: Path, slug: str, *, title: str = "", dry_run: bool = False
) -> PlanImportResult:
    """Creates the concept `slug` if new (titled `title`, else the slug) and imports
    the files into it; raises TableError, storing nothing, when anything is wrong."""
    if not slug or slugify(slug) != slug or slug in RESERVED_SLUGS:
        message = _("Not a valid short name for a concept (letters, digits, hyphens).")
        raise TableError([Problem("--konzept", 1, "", message, slug)])
    concept = Concept.objects.filter(slug=slug).first()
    staged = check(path, concept)
    result = PlanImportResult(slug, dry_run, staged, warnings=staged.warnings)
    if dry_run:
        return result
    with transaction.atomic():
        if concept is None:
            concept = Concept.objects.create(slug=slug, title=title or slug)
        elif title and title != concept.title:
            concept.title = title
            concept.save(update_fields=["title"])
        result.summary = store(concept, staged)
    return result
