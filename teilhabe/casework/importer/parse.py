"""Reading the four tables of the casework import format into checked, staged rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from teilhabe.casework.importer.cells import Cells
from teilhabe.casework.importer.sources import SourceTable
from teilhabe.casework.models.codes import (
    AccessRoute,
    CaseKind,
    ClosingReason,
    Gender,
    GoalArea,
    GoalStatus,
    LegalStatus,
    SchoolQualification,
    SessionForm,
    Topic,
)
from teilhabe.core.tabular import Problem

COLUMNS = {
    "personen": (
        ("person_id",),
        (
            # names are an extension of the format (the lists services keep have them)
            "vorname",
            "nachname",
            "geschlecht",
            "geburtsjahr",
            "staatsangehoerigkeit",
            "herkunftsland",
            "geburtsland",
            "rechtsstatus",
            "stadtteil",
            "einreise",
            "sprachen",
            "schulabschluss",
            "haushalt_id",
        ),
    ),
    "faelle": (
        ("fall_id", "person_id", "dienst", "art", "beginn"),
        ("ende", "zugangsweg", "abschlussgrund", "mitberatene"),
    ),
    "kontakte": (
        ("fall_id", "datum"),
        ("dauer_min", "form", "themen", "anwesende", "sprache", "dolmetsch"),
    ),
    "ziele": (("ziel_id", "fall_id", "bereich", "formuliert_am", "status"), ("status_am", "text")),
}
SERVICES = ("MBE", "JMD", "KIM", "IKB", "SAB", "QM")
# Code sets built once: TextChoices.values builds a new list on every access.
GENDERS, LEGAL, SCHOOL = (
    frozenset(Gender.values),
    frozenset(LegalStatus.values),
    frozenset(SchoolQualification.values),
)
KINDS, ROUTES, REASONS = (
    frozenset(CaseKind.values),
    frozenset(AccessRoute.values),
    frozenset(ClosingReason.values),
)
FORMS, TOPICS = frozenset(SessionForm.values), frozenset(Topic.values)
AREAS, STATUSES = frozenset(GoalArea.values), frozenset(GoalStatus.values)


@dataclass(slots=True)
class PersonRow:
    line: int
    pid: str
    first_name: str
    last_name: str
    gender: str
    birth_year: int | None
    nationalities: list[str]
    origin: str
    birth_country: str
    legal_status: str
    district: str
    arrival: datetime.date | None
    languages: list[str]
    school: str
    household: str


@dataclass(slots=True)
class CaseRow:
    line: int
    fid: str
    pid: str
    service: str
    kind: str
    opened: datetime.date | None
    closed: datetime.date | None
    access_route: str
    closing_reason: str
    co_counselled: list[str]


@dataclass(slots=True)
class SessionRow:
    line: int
    fid: str
    date: datetime.date | None
    duration: int | None
    form: str
    topics: list[str]
    present: list[str]
    language: str
    interpreter: bool | None


@dataclass(slots=True)
class GoalRow:
    line: int
    gid: str
    fid: str
    area: str
    agreed: datetime.date | None
    status: str
    status_on: datetime.date | None
    text: str


@dataclass
class Staged:
    persons: dict[str, PersonRow] = field(default_factory=dict)
    cases: dict[str, CaseRow] = field(default_factory=dict)
    sessions: list[SessionRow] = field(default_factory=list)
    goals: dict[str, GoalRow] = field(default_factory=dict)
    has_sessions: bool = False
    # Names are an extension of the format; without the columns, stored names stay.
    has_names: bool = False
    warnings: list[Problem] = field(default_factory=list)


def check_columns(name: str, table: SourceTable, problems: list[Problem], staged: Staged) -> bool:
    required, optional = COLUMNS[name]
    for column in required:
        if column not in table.columns:
            problems.append(Problem(table.file, 1, column, _("Required column is missing.")))
    for column in table.columns:
        if column and column not in required and column not in optional:
            staged.warnings.append(Problem(table.file, 1, column, _("Unknown column, ignored.")))
    return all(column in table.columns for column in required)


def _unique(cells: Cells, column: str, key: str, seen: dict[str, int]) -> bool:
    if key in seen:
        cells.problem(
            column,
            _("Duplicate id; it already appears in line %(line)s.") % {"line": seen[key]},
            key,
        )
        return False
    seen[key] = cells.row.line
    return True


def read_persons(
    table: SourceTable, districts: dict[str, str], problems: list[Problem], staged: Staged
) -> None:
    seen: dict[str, int] = {}
    staged.has_names = "vorname" in table.columns or "nachname" in table.columns
    for row in table.rows:
        c = Cells(table.file, row, problems)
        pid = c.text("person_id", required=True)
        district = c.text("stadtteil")
        person = PersonRow(
            row.line,
            pid,
            c.text("vorname"),
            c.text("nachname"),
            c.code("geschlecht", GENDERS),
            c.integer("geburtsjahr", 1900, 2100),
            c.countries("staatsangehoerigkeit"),
            c.country("herkunftsland"),
            c.country("geburtsland"),
            c.code("rechtsstatus", LEGAL),
            districts.get(district.casefold(), ""),
            c.date("einreise"),
            c.languages("sprachen"),
            c.code("schulabschluss", SCHOOL),
            c.text("haushalt_id"),
        )
        if district and district.casefold() not in districts:
            c.problem("stadtteil", _("Unknown district."), district)
        year = row.get("geburtsjahr")
        if person.birth_year is not None and len(year) != 4:
            c.problem("geburtsjahr", _("Expected four digits."), year)
        elif person.birth_year and person.birth_year > datetime.date.today().year:
            c.problem("geburtsjahr", _("The year lies in the future."), year)
        if pid and _unique(c, "person_id", pid, seen):
            staged.persons[pid] = person


def read_cases(
    table: SourceTable, known_persons: set[str], problems: list[Problem], staged: Staged
) -> None:
    seen: dict[str, int] = {}
    services = {code.lower(): code for code in SERVICES}
    for row in table.rows:
        c = Cells(table.file, row, problems)
        fid, pid = c.text("fall_id", required=True), c.text("person_id", required=True)
        service = c.code("dienst", services, required=True)
        case = CaseRow(
            row.line,
            fid,
            pid,
            services.get(service, ""),
            c.code("art", KINDS, required=True),
            c.date("beginn", required=True),
            c.date("ende"),
            c.code("zugangsweg", ROUTES),
            c.code("abschlussgrund", REASONS),
            c.ids("mitberatene"),
        )
        if pid and pid not in known_persons:
            c.problem("person_id", _("Unknown person."), pid)
        for other in case.co_counselled:
            if other not in known_persons:
                c.problem("mitberatene", _("Unknown person."), other)
        if case.opened and case.closed and case.closed < case.opened:
            c.problem("ende", _("The case ends before it begins."), row.get("ende"))
        if fid and _unique(c, "fall_id", fid, seen):
            staged.cases[fid] = case


def read_sessions(
    table: SourceTable,
    known_cases: set[str],
    known_persons: set[str],
    problems: list[Problem],
    staged: Staged,
) -> None:
    staged.has_sessions = True
    for row in table.rows:
        c = Cells(table.file, row, problems)
        fid = c.text("fall_id", required=True)
        session = SessionRow(
            row.line,
            fid,
            c.date("datum", required=True),
            c.integer("dauer_min", 1, 600),
            c.code("form", FORMS),
            c.codes("themen", TOPICS),
            c.ids("anwesende"),
            c.language("sprache"),
            c.yes_no("dolmetsch"),
        )
        if fid and fid not in known_cases:
            c.problem("fall_id", _("Unknown case."), fid)
        for other in session.present:
            if other not in known_persons:
                c.problem("anwesende", _("Unknown person."), other)
        staged.sessions.append(session)


def read_goals(
    table: SourceTable, known_cases: set[str], problems: list[Problem], staged: Staged
) -> None:
    seen: dict[str, int] = {}
    for row in table.rows:
        c = Cells(table.file, row, problems)
        gid, fid = c.text("ziel_id", required=True), c.text("fall_id", required=True)
        goal = GoalRow(
            row.line,
            gid,
            fid,
            c.code("bereich", AREAS, required=True),
            c.date("formuliert_am", required=True),
            c.code("status", STATUSES, required=True),
            c.date("status_am"),
            c.text("text"),
        )
        if fid and fid not in known_cases:
            c.problem("fall_id", _("Unknown case."), fid)
        if goal.agreed and goal.status_on and goal.status_on < goal.agreed:
            c.problem(
                "status_am",
                _("The status was set before the goal was agreed."),
                row.get("status_am"),
            )
        if gid and _unique(c, "ziel_id", gid, seen):
            staged.goals[gid] = goal
