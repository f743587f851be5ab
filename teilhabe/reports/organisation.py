"""The organisation report: one document of an organisation's year, as the seed report
000 is one document — the casework of each counselling service (the annual figures of
presentation.py), the family education programmes (programmes/figures.py), groups,
events and volunteers (activities/figures.py) and the network work (network/figures.py).

The numbers are the engines', never recomputed here: this module lays them out as
tables (report_tables.py) that the page, the PDF, the XLSX and the CSV all read, and
gathers the engines' own JSON under one object. Definitions: each engine's docstring;
the report as a whole in docs/architecture.md ("Organisation report").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.activities import figures as activity_figures
from teilhabe.activities.codes import EventKind
from teilhabe.activities.figures import ActivityReport, GroupFigures
from teilhabe.core.countries import country_name
from teilhabe.network.figures import network_figures
from teilhabe.network.models import Body, BodyMembership
from teilhabe.organisations.models import Organisation, Service
from teilhabe.programmes.figures import programme_figures
from teilhabe.programmes.models import EarlyEndReason, Programme
from teilhabe.reports.parts import organisation_sections
from teilhabe.reports.presentation import AnnualReport, annual_report
from teilhabe.reports.report_tables import (
    Cell,
    Column,
    ReportSection,
    ReportTable,
    Share,
    figure_table,
    fixed,
)


def _cell(value: float | int | None, is_share: bool) -> Cell:
    return Share(value) if is_share and value is not None else value


def _programme_rows(
    this: dict[str, Any], last: dict[str, Any]
) -> list[tuple[str, str, Cell, Cell]]:
    counts = (
        ("familien", _("Families in the programme")),
        ("familien_neu", _("of which new")),
        ("familien_laufend_jahresende", _("still taking part at the end of the year")),
        ("programmwechsel_zugang", _("came from another programme")),
        ("herkunftslaender_anzahl", _("Countries of origin")),
        ("sprachen_anzahl", _("Languages")),
        ("hausbesuche", _("Home visits")),
    )
    averages = (
        ("hausbesuche_je_familie", _("Home visits per family")),
        ("hausbesuch_dauer_durchschnitt", _("Average duration of a home visit (minutes)")),
    )
    ends = (
        ("beendet_regulaer", _("Completed regularly")),
        ("beendet_vorzeitig", _("Ended early")),
        ("programmwechsel_abgang", _("went on to another programme")),
    )
    time_in_programme = (
        ("verweildauer_monate_durchschnitt", _("Average time in the programme (months)")),
    )
    return [
        *((key, label, this[key], last[key]) for key, label in counts),
        *((key, label, fixed(this[key]), fixed(last[key])) for key, label in averages),
        *((key, label, this[key], last[key]) for key, label in ends),
        *((key, label, fixed(this[key]), fixed(last[key])) for key, label in time_in_programme),
    ]


@dataclass
class OrganisationReport:
    organisation: Organisation
    year: int
    casework: list[AnnualReport]
    programmes: list[tuple[Programme, dict[str, Any]]]
    activities: ActivityReport
    network: dict[str, Any]
    created: datetime.date = field(default_factory=timezone.localdate)
    # the sections other apps register (reports/parts.py), computed once
    parts: list[ReportSection] = field(default_factory=list)

    @property
    def service_codes(self) -> list[str]:
        return [report.services[0].code for report in self.casework]

    def sections(self) -> list[ReportSection]:
        return [
            self._casework(),
            self._programmes(),
            self._groups_and_events(),
            self._volunteers(),
            self._network(),
            *self.parts,
        ]

    def _casework(self) -> ReportSection:
        tables = []
        for report in self.casework:
            service = report.services[0]
            rows = [
                (
                    figure.key,
                    figure.label,
                    _cell(figure.value, figure.is_share),
                    _cell(figure.previous, figure.is_share),
                )
                for figure in report.key_figures()
            ]
            note = (
                _("Closed year: the stored figures of %(day)s.")
                % {"day": report.closed_on.strftime("%d.%m.%Y")}
                if report.closed_on
                else ""
            )
            tables.append(
                figure_table(
                    f"fallarbeit_{service.code.lower()}",
                    f"{service.name} ({service.code})",
                    _("%(service)s key figures") % {"service": service.code},
                    self.year,
                    rows,
                    note,
                )
            )
        return ReportSection(
            "fallarbeit",
            _("Counselling and case management"),
            tables,
            _("The organisation offers no counselling service you lead."),
        )

    def _programmes(self) -> ReportSection:
        tables: list[ReportTable] = []
        reasons = dict(EarlyEndReason.choices)
        for programme, this in self.programmes:
            last, key, name = this["vorjahr"], f"programm_{programme.pk}", programme.name
            tables.append(
                figure_table(key, name, name[:31], self.year, _programme_rows(this, last))
            )
            tables.append(
                figure_table(
                    f"{key}_abbruchgruende",
                    _("%(programme)s: reasons for early ends") % {"programme": name},
                    _("%(programme)s early ends") % {"programme": name[:18]},
                    self.year,
                    [
                        (code, str(reasons[code]), count, last["abbruchgruende"].get(code, 0))
                        for code, count in this["abbruchgruende"].items()
                    ],
                    first=_("Reason for the early end"),
                )
            )
            countries = list(this["herkunftslaender"])
            countries += [code for code in last["herkunftslaender"] if code not in countries]
            tables.append(
                figure_table(
                    f"{key}_herkunftslaender",
                    _("%(programme)s: families by country of origin") % {"programme": name},
                    _("%(programme)s origins") % {"programme": name[:22]},
                    self.year,
                    [
                        (
                            code,
                            country_name(code),
                            this["herkunftslaender"].get(code, 0),
                            last["herkunftslaender"].get(code, 0),
                        )
                        for code in countries
                    ],
                    _("A family with members of two countries of origin counts under both."),
                    first=_("Country of origin"),
                )
            )
        return ReportSection(
            "programme", _("Family education programmes"), tables, _("No programme.")
        )

    def _groups_and_events(self) -> ReportSection:
        this, last = self.activities.current, self.activities.previous
        totals = figure_table(
            "aktivitaeten",
            _("Groups and events in figures"),
            _("Groups and events"),
            self.year,
            [
                ("gruppentermine", _("Group dates held"), this.group_dates, last.group_dates),
                (
                    "teilnahmen",
                    _("Attendances at group dates"),
                    this.group_participants,
                    last.group_participants,
                ),
                ("veranstaltungen", _("Events and outings"), len(this.events), len(last.events)),
                (
                    "teilnehmende_veranstaltungen",
                    _("Participants of events"),
                    this.event_participants,
                    last.event_participants,
                ),
            ],
        )
        return ReportSection(
            "aktivitaeten",
            _("Groups and events"),
            [totals, self._groups(this.groups, last.groups), self._events()],
        )

    def _groups(self, this: list[GroupFigures], last: list[GroupFigures]) -> ReportTable:
        """Every group with dates in either year, matched by the group (not its name),
        so that the previous year's column adds up to the previous year's total."""
        before = {group.id: group for group in last}
        now = {group.id: group for group in this}
        only_before = sorted(
            (group for group in last if group.id not in now), key=lambda g: (g.name, g.id)
        )
        rows: list[tuple[Cell, ...]] = []
        for group in [*this, *only_before]:
            current = now.get(group.id)
            previous = before.get(group.id)
            rows.append(
                (
                    group.name,
                    current.dates if current else 0,
                    current.cancelled if current else 0,
                    current.participants if current else 0,
                    current.persons if current else None,
                    previous.participants if previous else 0,
                )
            )
        return ReportTable(
            "gruppen",
            _("Groups"),
            _("Groups"),
            (
                Column(_("Group"), False),
                Column(_("Dates held")),
                Column(_("Cancelled")),
                Column(_("Attendances")),
                Column(_("Different persons")),
                Column(_("Attendances %(year)s") % {"year": self.year - 1}),
            ),
            rows,
            [str(group.id) for group in [*this, *only_before]],
            _(
                "Attendances: the participants of every date added up (who comes every week "
                "counts every week). Different persons only for groups that record names."
            ),
        )

    def _events(self) -> ReportTable:
        kinds = dict(EventKind.choices)
        events = self.activities.current.events
        return ReportTable(
            "veranstaltungen",
            _("Events and outings"),
            _("Events and outings"),
            (
                Column(_("Date"), False),
                Column(_("Title"), False),
                Column(_("Kind"), False),
                Column(_("Place"), False),
                Column(_("Participants")),
                Column(_("Partners"), False),
                Column(_("Funding source"), False),
            ),
            [
                (
                    event.date,
                    event.title,
                    str(kinds.get(event.kind, event.kind)),
                    event.place,
                    event.participants,
                    event.partners,
                    event.funding_source,
                )
                for event in events
            ],
            [str(event.id) for event in events],
        )

    def _volunteers(self) -> ReportSection:
        this, last = self.activities.current.volunteers, self.activities.previous.volunteers
        totals = figure_table(
            "ehrenamt",
            _("Volunteers in figures"),
            _("Volunteers in figures"),
            self.year,
            [
                ("ehrenamtliche", _("Volunteers"), this.volunteers, last.volunteers),
                ("gruppenleitungen", _("of whom lead a group"), this.group_leads, last.group_leads),
                ("stunden", _("Hours of voluntary work"), this.hours, last.hours),
            ],
        )
        areas = ReportTable(
            "ehrenamt_aufgabenbereiche",
            _("Volunteers by task area"),
            _("Task areas"),
            (Column(_("Task area"), False), Column(_("Volunteers")), Column(_("Hours"))),
            [(area.name, area.volunteers, area.hours) for area in this.by_task_area],
            [area.name for area in this.by_task_area],
            _("A volunteer with engagements in two task areas counts in both."),
        )
        return ReportSection("ehrenamt", _("Volunteers"), [totals, areas])

    def _network(self) -> ReportSection:
        this, last = self.network, self.network["vorjahr"]
        keys = (
            ("gremien", _("Bodies with a seat")),
            ("sitzungen_teilgenommen", _("Meetings attended")),
            ("kooperationsvereinbarungen", _("Cooperation agreements in force")),
            ("kooperationsvereinbarungen_neu", _("of which concluded in the year")),
            ("kooperationspartner", _("Cooperation partners")),
        )
        totals = figure_table(
            "netzwerk",
            _("Network work in figures"),
            _("Network in figures"),
            self.year,
            [(key, label, this[key], last[key]) for key, label in keys],
        )
        kinds, functions = dict(Body.Kind.choices), dict(BodyMembership.Function.choices)
        bodies = ReportTable(
            "netzwerk_gremien",
            _("Bodies"),
            _("Bodies"),
            (
                Column(_("Body"), False),
                Column(_("Kind"), False),
                Column(_("Role in the body"), False),
                Column(_("Meetings attended")),
            ),
            [
                (
                    body["gremium"],
                    str(kinds.get(body["art"], body["art"])),
                    ", ".join(str(functions.get(code, code)) for code in body["funktionen"]),
                    body["sitzungen_teilgenommen"],
                )
                for body in this["gremien_liste"]
            ],
            [body["gremium"] for body in this["gremien_liste"]],
        )
        return ReportSection("netzwerk", _("Network"), [totals, bodies])

    def as_json(self) -> dict[str, Any]:
        """The engines' own objects under one roof: `fallarbeit` per service code with the
        keys of annual-report.md, `programme` with the keys of docs/programmes.md."""
        return {
            "organisation": {"slug": self.organisation.slug, "name": self.organisation.name},
            "jahr": self.year,
            "erstellt_am": self.created.isoformat(),
            "fallarbeit": {report.services[0].code: report.figures for report in self.casework},
            "programme": [figures for _programme, figures in self.programmes],
            "aktivitaeten": activity_figures.as_json(self.activities),
            "netzwerk": self.network,
        }


def organisation_report(
    organisation: Organisation,
    services: Sequence[Service],
    year: int,
    programmes: Iterable[Programme],
) -> OrganisationReport:
    """The report of `organisation` for `year`: the casework of `services` (one annual
    report each, closed years with their stored figures), `programmes` (those of the
    organisation the reader may see), its groups, events, volunteers and network work."""
    chosen = sorted(programmes, key=lambda programme: (programme.name, programme.pk))
    return OrganisationReport(
        organisation=organisation,
        year=year,
        casework=[annual_report([organisation], [service], year) for service in services],
        programmes=[(programme, programme_figures([programme], year)) for programme in chosen],
        activities=activity_figures.activity_report(organisation, year),
        network=network_figures(organisation, year),
        parts=organisation_sections(organisation, year),
    )
