"""The demo city's integration concept "Integrationskonzept Musterstadt 2.0", modelled on
Hannover's WIR2.0 (shared/seeds/002): adopted by the council three years ago for five
years, six fields of action, a goal tree two and three levels deep, two district action
plans (Westhagen, Am Hafen; shared/seeds/001) whose goals each serve a city goal, and 88
measures led by the actors of the demo network, some financed by the demo's funding
programmes (one of them ending within the year), with target groups, indicators and
two years of progress: running, completed, postponed and two cancelled measures, some
running ones without an entry for more than 180 days (the reminders), a few planned
ones and three drafts with internal notes.

The text lives in data/integrationskonzept.json; dates, costs and the course of each
measure come from a seeded random generator, so the demo is the same on every machine
for the same day. Concept, fields, goals, measures and indicators go through
`planning/services.py` like anything the coordinator enters; measures, their links,
indicators and progress entries are inserted in bulk (the progress in the order of
its dates, as the plan import adds it), which keeps the demo build fast.
"""

from __future__ import annotations

import datetime
import json
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.funding import services as funding_services
from teilhabe.funding.models import FundingProgramme
from teilhabe.network.models import Actor
from teilhabe.organisations.models import Area
from teilhabe.planning import services
from teilhabe.planning.models import (
    Concept,
    FieldOfAction,
    Goal,
    Indicator,
    IndicatorSource,
    Measure,
    ProgressEntry,
    Status,
)

DATA = Path(__file__).resolve().parent / "data"
SLUG = "integrationskonzept"
TITLE = "Integrationskonzept Musterstadt 2.0"
SEED = 2022
HISTORY_DAYS = 730  # progress entries over the last two years
# How many measures take which course; the rest run.
COMPLETED, POSTPONED, SILENT, PLANNED = 14, 5, 6, 9
CANCELLED = ("Mehrsprachige Ehrenamtsbörse", "Unternehmer*innenfrühstück migrantischer Betriebe")
DRAFTS = (
    "Meldestelle für rassistische Vorfälle",
    "Westhagen: Spielplatzpatenschaften",
    "Hafenquartier: Runder Tisch Wohnen mit Eigentümern",
)
# Courses fixed by title: the programme that ended took this one with it; the one
# financed by the programme ending within the year is running.
FIXED = {
    "Konfliktmanagement im Quartier": "postponed",
    "Sprachcafé am Nachmittag": "running",
    "Stadtteilmütter": "running",
}
# Indicators read from the data of the lead organisation (planning/indicator_values.py).
FROM_DATA = {
    "HIPPY-Hausbesuchsprogramm in zwei weiteren Stadtteilen": (
        "Familien im Programm",
        IndicatorSource.PROGRAMME_FAMILIES,
    ),
    "Sprachcafé am Nachmittag": (
        "Teilnahmen an Gruppenterminen",
        IndicatorSource.GROUP_ATTENDANCES,
    ),
    "Qualifizierung von Integrationslotsinnen und -lotsen": (
        "aktive Ehrenamtliche",
        IndicatorSource.VOLUNTEERS,
    ),
}
# Who records a lead organisation's progress in the demo; others: the coordinator.
RECORDERS = {"diakonie": "teamleitung"}
RUNNING_REMARKS = [
    "Erste Gruppe gestartet.",
    "Kooperationsvereinbarung mit den Partnern unterzeichnet.",
    "Zwischenbericht im Kuratorium vorgestellt.",
    "Mehr Anmeldungen als Plätze; Warteliste eingerichtet.",
    "Stelle besetzt, Einarbeitung läuft.",
    "Material in fünf Sprachen übersetzt.",
    "Rückmeldungen der Teilnehmenden ausgewertet.",
    "Zweiter Durchgang begonnen.",
    "Räume im Stadtteilzentrum gefunden.",
    "Termine wegen Krankheit verschoben.",
]
END_REMARKS = {
    Status.COMPLETED: [
        "Abschlussbericht liegt vor.",
        "Wie geplant abgeschlossen; das Angebot geht in den Regelbetrieb über.",
        "Abgeschlossen; Ziel nicht ganz erreicht, Restmittel zurückgegeben.",
    ],
    Status.POSTPONED: [
        "Zurückgestellt: die Stelle ist unbesetzt.",
        "Zurückgestellt bis zur Klärung der Finanzierung.",
        "Zurückgestellt: es fehlen Räume.",
    ],
    Status.CANCELLED: [
        "Abgebrochen: der Träger hat sich zurückgezogen.",
        "Abgebrochen: zu wenig Nachfrage; die Mittel wurden umgeschichtet.",
    ],
}


@dataclass
class Course:
    """What happens to a measure: its start, planned end and dated entries."""

    fate: str
    starts: datetime.date | None
    ends: datetime.date | None
    entries: list[tuple[datetime.date, str, int | None, str]]


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _course(
    rng: random.Random, fate: str, concept: Concept, today: datetime.date, same_day: bool
) -> Course:
    assert concept.period_start is not None and concept.period_end is not None
    window = today - datetime.timedelta(days=HISTORY_DAYS)
    days = datetime.timedelta
    if fate == "planned":
        starts = today + days(rng.randint(20, 240)) if rng.random() < 0.7 else None
        entries: list[tuple[datetime.date, str, int | None, str]] = []
        if rng.random() < 0.5:
            note = "Konzeption mit den Partnern abgestimmt."
            entries.append((today - days(rng.randint(10, 100)), Status.PLANNED.value, None, note))
        return Course(fate, starts, concept.period_end, entries)
    latest_start = {"silent": window + days(60), "completed": today - days(300)}.get(
        fate, today - days(90)
    )
    starts = _day(rng, concept.period_start, latest_start)
    stop = {
        "silent": today - days(rng.randint(200, 330)),
        "completed": _day(rng, max(starts, window) + days(150), today - days(20)),
        "postponed": _day(rng, today - days(400), today - days(30)),
        "cancelled": _day(rng, today - days(400), today - days(30)),
    }.get(fate, today)
    day = max(starts, window + days(rng.randint(0, 45)))
    if fate in ("postponed", "cancelled"):
        stop = max(stop, day + days(30))  # its end comes after its start
    carried = starts < window  # running before the first entry of the two years shown
    stand = rng.randint(20, 45) if carried else rng.randint(5, 15)
    remark = "Stand aus der bisherigen Maßnahmenliste übernommen." if carried else "Gestartet."
    entries = [(day, Status.RUNNING.value, stand, remark)]
    if same_day:  # two entries on one day count in the order they were stored
        entries.append((day, "", None, "Auftaktveranstaltung mit 30 Gästen."))
    while (day := day + days(rng.randint(45, 120))) < stop:
        if rng.random() < 0.15:
            entries.append((day, "", None, rng.choice(RUNNING_REMARKS)))
            continue
        stand = min(stand + rng.randint(5, 15), 95)
        remark = rng.choice(RUNNING_REMARKS) if rng.random() < 0.5 else ""
        entries.append((day, "", stand, remark))
    ends = min(starts + days(365 * rng.randint(2, 5)), concept.period_end)
    if fate in ("completed", "postponed", "cancelled"):
        status = {"completed": Status.COMPLETED, "postponed": Status.POSTPONED}.get(
            fate, Status.CANCELLED
        )
        final = rng.choice([100, 100, 90]) if status == Status.COMPLETED else None
        entries.append((stop, status.value, final, rng.choice(END_REMARKS[status])))
        if status == Status.COMPLETED:
            ends = max(stop + days(rng.randint(-60, 60)), starts)
    return Course(fate, starts, ends, entries)


def _fates(specs: list[dict[str, Any]], rng: random.Random) -> list[str]:
    fates = ["running"] * len(specs)
    open_ = []
    for index, spec in enumerate(specs):
        if spec["title"] in CANCELLED:
            fates[index] = "cancelled"
        elif spec["title"] in DRAFTS:
            fates[index] = "planned"
        elif spec["title"] in FIXED:
            fates[index] = FIXED[spec["title"]]
        else:
            open_.append(index)
    rng.shuffle(open_)
    counts = {"completed": COMPLETED, "postponed": POSTPONED - 1, "silent": SILENT}
    counts["planned"] = PLANNED - len(DRAFTS)
    for fate, count in counts.items():
        for index in open_[:count]:
            fates[index] = fate
        open_ = open_[count:]
    return fates


def _actors() -> dict[str, Actor]:
    network = json.loads((DATA / "netzwerk.json").read_text(encoding="utf-8"))
    actors = {}
    for spec in network["actors"]:
        if spec.get("organisation"):
            actors[spec["key"]] = Actor.objects.get(organisation__slug=spec["organisation"])
        else:
            found = Actor.objects.filter(name=spec["name"]).order_by("pk").first()
            assert found is not None, spec["name"]
            actors[spec["key"]] = found
    return actors


def _democracy_programme(today: datetime.date) -> FundingProgramme:
    found = FundingProgramme.objects.filter(code="DL").first()
    if found is not None:
        return found
    return funding_services.save_programme(
        FundingProgramme(
            code="DL",
            title="Bundesprogramm „Demokratie leben!“ – Partnerschaft für Demokratie",
            funder="Bund (Bundesfamilienministerium)",
            amount_per_year=Decimal("125000.00"),
            starts_on=datetime.date(today.year - 3, 1, 1),
            ends_on=datetime.date(today.year + 2, 12, 31),
        )
    )


def load_planning(today: datetime.date | None = None) -> Concept:
    """The concept with its goals, district action plans, measures and progress; run
    after the network and the funding of the demo."""
    today = today or timezone.localdate()
    data = json.loads((DATA / "integrationskonzept.json").read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    concept = services.save_concept(
        Concept(
            slug=SLUG,
            title=TITLE,
            adopted_on=datetime.date(today.year - 3, 9, 22),
            period_start=datetime.date(today.year - 3, 10, 1),
            period_end=datetime.date(today.year + 2, 9, 30),
            published=True,
        )
    )
    fields = {
        code: services.save_field(FieldOfAction(concept=concept, code=code, title=title))
        for code, title in data["fields"]
    }
    areas = {area.code: area for area in Area.objects.all()}
    goals: dict[str, Goal] = {}
    field_of: dict[str, str] = {}
    for spec in data["goals"]:  # parents come first in the file
        parent = goals[spec["parent"]] if spec.get("parent") else None
        goal = Goal(
            concept=concept,
            code=spec["code"],
            title=spec["title"],
            field=fields[spec["field"]] if spec.get("field") else None,
            parent=parent,
            area=areas[spec["area"]] if spec.get("area") else None,
        )
        goals[spec["code"]] = services.save_goal(goal)
        field_of[spec["code"]] = spec.get("field") or field_of[spec["parent"]]
    _measures(concept, data, goals, field_of, areas, rng, today)
    return concept


def _measures(
    concept: Concept,
    data: dict[str, Any],
    goals: dict[str, Goal],
    field_of: dict[str, str],
    areas: dict[str, Area],
    rng: random.Random,
    today: datetime.date,
) -> None:
    actors = _actors()
    _democracy_programme(today)
    programmes = {p.code: p for p in FundingProgramme.objects.all()}
    users = {u.username: u for u in User.objects.filter(username__in=["kim", "teamleitung"])}
    specs: list[dict[str, Any]] = data["measures"]
    fates = _fates(specs, rng)
    noted = sorted(rng.sample(range(len(specs)), len(data["internal_notes"])))
    numbers: dict[str, int] = {}
    measures: list[Measure] = []
    courses: list[Course] = []
    same_day_done = False
    for index, (spec, fate) in enumerate(zip(specs, fates, strict=True)):
        first = spec["goals"].split("|")[0]
        prefix = first.split("-")[0] + "." if "-" in first else "M" + field_of[first][2:] + "."
        numbers[prefix] = numbers.get(prefix, 0) + 1
        same_day = fate == "running" and not same_day_done
        same_day_done = same_day_done or same_day
        course = _course(rng, fate, concept, today, same_day)
        small = "-" in first  # district measures cost less
        cost = None if rng.random() < 0.2 else Decimal(rng.randint(2, 30 if small else 240) * 500)
        groups = rng.sample(data["target_groups"][field_of[first]], rng.randint(1, 2))
        draft = spec["title"] in DRAFTS
        note = data["draft_note"] if draft else ""
        if index in noted and not draft:
            note = data["internal_notes"][noted.index(index)]
        measure = Measure(
            concept=concept,
            code=f"{prefix}{numbers[prefix]:02d}",
            title=spec["title"],
            description=spec.get("description", ""),
            lead=actors[spec["lead"]],
            starts_on=course.starts,
            planned_end=course.ends,
            planned_cost=cost,
            funding=programmes[spec["funding"]] if spec.get("funding") else None,
            target_groups="\n".join(groups),
            draft=draft,
            internal_note=note,
        )
        # The field rules a form checks; references and constraints the database checks.
        measure.full_clean(
            exclude=["concept", "lead", "funding"],
            validate_unique=False,
            validate_constraints=False,
        )
        measures.append(measure)
        courses.append(course)
    # In bulk: through the services, 88 measures with their links, indicators and audit
    # entries took about 3,000 queries, as long as the rest of the demo's network.
    Measure.objects.bulk_create(measures)
    _links(measures, specs, goals, actors, areas)
    indicators: list[Indicator] = []
    for measure, spec in zip(measures, specs, strict=True):
        templates = data["indicators"][field_of[spec["goals"].split("|")[0]]]
        indicators += _indicators(measure, templates, rng, concept)
    Indicator.objects.bulk_create(indicators)
    entries = []
    for measure, course in zip(measures, courses, strict=True):
        organisation = measure.lead.organisation if measure.lead else None
        recorder = users.get(RECORDERS.get(organisation.slug if organisation else "", "kim"))
        entries += [
            ProgressEntry(
                measure=measure,
                date=day,
                status=status,
                stand=stand,
                remark=remark,
                recorded_by=recorder,
            )
            for day, status, stand, remark in course.entries
        ]
    ProgressEntry.objects.bulk_create(entries, batch_size=500)


def _links(
    measures: list[Measure],
    specs: list[dict[str, Any]],
    goals: dict[str, Goal],
    actors: dict[str, Actor],
    areas: dict[str, Area],
) -> None:
    goal_links, partner_links, area_links = [], [], []
    for measure, spec in zip(measures, specs, strict=True):
        goal_links += [
            Measure.goals.through(measure_id=measure.pk, goal_id=goals[code].pk)
            for code in spec["goals"].split("|")
        ]
        partner_links += [
            Measure.partners.through(measure_id=measure.pk, actor_id=actors[key].pk)
            for key in spec.get("partners", "").split("|")
            if key
        ]
        area_links += [
            Measure.areas.through(measure_id=measure.pk, area_id=areas[code].pk)
            for code in spec.get("areas", "").split("|")
            if code
        ]
    Measure.goals.through.objects.bulk_create(goal_links)
    Measure.partners.through.objects.bulk_create(partner_links)
    Measure.areas.through.objects.bulk_create(area_links)


def _indicators(
    measure: Measure, templates: list[list[Any]], rng: random.Random, concept: Concept
) -> list[Indicator]:
    assert concept.period_end is not None
    year = concept.period_end.year
    out = []
    if measure.title in FROM_DATA:
        name, source = FROM_DATA[measure.title]
        out.append(Indicator(measure=measure, name=name, unit="Anzahl", year=year, source=source))
    count = rng.choice([0, 1, 1, 1, 2])
    for name, unit, baseline, target in rng.sample(templates, count):
        factor = Decimal(rng.choice([50, 75, 100, 150])) / 100
        out.append(
            Indicator(
                measure=measure,
                name=name,
                unit=unit,
                baseline=(Decimal(baseline) * factor).quantize(Decimal(1)),
                target=(Decimal(target) * factor).quantize(Decimal(1)),
                year=year,
            )
        )
    return out
