"""Checking the references of a plan import: between its files and to what is stored
already (fields, goals and measures of the concept, funding programmes of the
installation, areas). Every problem names the row and column that refers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem
from teilhabe.funding.models import FundingProgramme
from teilhabe.organisations.models import Area
from teilhabe.planning.importer.parse import Staged
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure


@dataclass
class Known:
    """The codes stored before the import (a concept not yet created has none)."""

    programmes: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)
    goal_parents: dict[str, str] = field(default_factory=dict)
    measures: set[str] = field(default_factory=set)
    areas: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, concept: Concept | None) -> Known:
        known = cls(
            programmes=set(FundingProgramme.objects.values_list("code", flat=True)),
            areas=set(Area.objects.values_list("code", flat=True)),
        )
        if concept is not None:
            known.fields = set(
                FieldOfAction.objects.filter(concept=concept).values_list("code", flat=True)
            )
            known.goal_parents = {
                code: parent or ""
                for code, parent in Goal.objects.filter(concept=concept).values_list(
                    "code", "parent__code"
                )
            }
            known.measures = set(
                Measure.objects.filter(concept=concept).values_list("code", flat=True)
            )
        return known


def _unknown(staged: Staged, table: str, line: int, column: str, value: str) -> Problem:
    return Problem(staged.files[table], line, column, _("Unknown code."), value)


def _check_goals(staged: Staged, known: Known, problems: list[Problem]) -> None:
    fields = known.fields | set(staged.fields)
    parents = {**known.goal_parents, **{code: g.parent for code, g in staged.goals.items()}}
    for goal in staged.goals.values():
        if goal.field and goal.field not in fields:
            problems.append(_unknown(staged, "ziele", goal.line, "handlungsfeld", goal.field))
        if goal.parent and goal.parent not in parents:
            problems.append(_unknown(staged, "ziele", goal.line, "uebergeordnet", goal.parent))
        if goal.area and goal.area not in known.areas:
            problems.append(
                Problem(staged.files["ziele"], goal.line, "gebiet", _("Unknown area."), goal.area)
            )
        # Up the chain of parents, as it will be after the import: back at the goal
        # itself means the goal would be its own ancestor.
        seen, step = {goal.code}, goal.parent
        while step and step not in seen:
            seen.add(step)
            step = parents.get(step, "")
        if step == goal.code:
            message = _("The goal would be its own ancestor.")
            problems.append(
                Problem(staged.files["ziele"], goal.line, "uebergeordnet", message, goal.parent)
            )


def _check_measures(staged: Staged, known: Known, problems: list[Problem]) -> None:
    goals = set(known.goal_parents) | set(staged.goals)
    programmes = known.programmes | set(staged.programmes)
    file = staged.files.get("massnahmen", "")
    for measure in staged.measures.values():
        for code in measure.goals:
            if code not in goals:
                problems.append(_unknown(staged, "massnahmen", measure.line, "ziele", code))
        for code in measure.areas:
            if code not in known.areas:
                problems.append(Problem(file, measure.line, "gebiete", _("Unknown area."), code))
        if measure.funding and measure.funding not in programmes:
            problems.append(
                _unknown(staged, "massnahmen", measure.line, "finanzierung", measure.funding)
            )


def _check_stored_periods(staged: Staged, concept: Concept | None, problems: list[Problem]) -> None:
    """A file without `beginn` or `ende` keeps the stored date: the end must still not
    lie before the beginning."""
    has_start, has_end = staged.has("massnahmen", "beginn"), staged.has("massnahmen", "ende")
    if concept is None or (has_start and has_end):
        return
    stored = Measure.objects.filter(concept=concept, code__in=list(staged.measures))
    for code, starts, ends in stored.values_list("code", "starts_on", "planned_end"):
        row = staged.measures[code]
        first = row.starts if has_start else starts
        last = row.ends if has_end else ends
        if first and last and last < first:
            column = "ende" if has_end else "beginn"
            problems.append(
                Problem(
                    staged.files["massnahmen"],
                    row.line,
                    column,
                    _("The end lies before the beginning."),
                )
            )


def check_references(staged: Staged, concept: Concept | None, problems: list[Problem]) -> None:
    known = Known.load(concept)
    _check_goals(staged, known, problems)
    _check_measures(staged, known, problems)
    _check_stored_periods(staged, concept, problems)
    measures = known.measures | set(staged.measures)
    for entry in staged.progress:
        if entry.measure not in measures:
            problems.append(_unknown(staged, "fortschritt", entry.line, "massnahme", entry.measure))
