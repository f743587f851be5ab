"""The organisation report: one document of an organisation's year, as the seed report
000 is one document — the casework of each counselling service (the annual figures of
presentation.py), the family education programmes (programmes/figures.py), groups,
events and volunteers (activities/figures.py) and the network work (network/figures.py).

The numbers are the engines', never recomputed here: this module lays them out as
tables that the page, the PDF, the XLSX and the CSV all read, and gathers the engines'
own JSON under one object. Definitions: each engine's docstring, and docs/reports.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.activities import figures as activity_figures
from teilhabe.activities.codes import EventKind
from teilhabe.activities.figures import ActivityReport
from teilhabe.core.countries import country_name
from teilhabe.network.figures import network_figures
from teilhabe.network.models import Body, BodyMembership
from teilhabe.organisations.models import Organisation, Service
from teilhabe.programmes.figures import programme_figures
from teilhabe.programmes.models import EarlyEndReason, Programme
from teilhabe.reports.presentation import AnnualReport, annual_report


@dataclass(frozen=True)
class Share:
    """A percentage (41.34 means 41.34 %), so that every format shows it as one."""

    value: float


Cell = int | float | Decimal | str | datetime.date | Share | None


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True


@dataclass(frozen=True)
class ReportTable:
    key: str  # stable: the CSV's `tabelle`, unique within a report
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]  # the first cell labels the row
    note: str = ""


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str
    tables: list[ReportTable]
    empty: str = ""  # said instead of tables when the organisation has nothing here


def _cell(value: float | int | None, is_share: bool) -> Cell:
    return Share(value) if is_share and value is not None else value


def _years(year: int) -> tuple[Column, Column, Column]:
    return Column(_("Figure"), numeric=False), Column(str(year)), Column(str(year - 1))


@dataclass
class OrganisationReport:
    organisation: Organisation
    year: int
    casework: list[AnnualReport]
    programmes: list[tuple[Programme, dict[str, Any]]]
    activities: ActivityReport
    network: dict[str, Any]
    created: datetime.date = field(default_factory=timezone.localdate)

    def sections(self) -> list[ReportSection]:
        return [
            self._casework(),
            self._programmes(),
            self._groups_and_events(),
            self._volunteers(),
            self._network(),
        ]

    # --- casework -----------------------------------------------------------------

    def _casework(self) -> ReportSection:
        tables = []
        for report in self.casework:
            rows: list[tuple[Cell, ...]] = []
            for figure in report.key_figures():
                rows.append(
                    (
                        figure.label,
                        _cell(figure.value, figure.is_share),
                        _cell(figure.previous, figure.is_share),
                    )
                )
            service = report.services[0]
            note = (
                _("Closed year: the stored figures of %(day)s.")
                % {"day": report.closed_on.strftime("%d.%m.%Y")}
                if report.closed_on
                else ""
            )
            tables.append(
                ReportTable(
                    f"fallarbeit_{service.code.lower()}",
                    f"{service.name} ({service.code})",
                    _years(self.year),
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

    # --- programmes ---------------------------------------------------------------

    def _programmes(self) -> ReportSection:
        tables: list[ReportTable] = []
        for programme, this in self.programmes:
            last = this["vorjahr"]
            keys = (
                (_("Families in the programme"), "familien"),
                (_("of which new"), "familien_neu"),
                (_("still taking part at the end of the year"), "familien_laufend_jahresende"),
                (_("came from another programme"), "programmwechsel_zugang"),
                (_("Countries of origin"), "herkunftslaender_anzahl"),
                (_("Languages"), "sprachen_anzahl"),
                (_("Home visits"), "hausbesuche"),
                (_("Home visits per family"), "hausbesuche_je_familie"),
                (_("Average duration of a home visit (minutes)"), "hausbesuch_dauer_durchschnitt"),
                (_("Completed regularly"), "beendet_regulaer"),
                (_("Ended early"), "beendet_vorzeitig"),
                (_("went on to another programme"), "programmwechsel_abgang"),
                (_("Average time in the programme (months)"), "verweildauer_monate_durchschnitt"),
            )
            key = f"programm_{programme.pk}"
            tables.append(
                ReportTable(
                    key,
                    programme.name,
                    _years(self.year),
                    [(label, this[name], last[name]) for label, name in keys],
                )
            )
            reasons = dict(EarlyEndReason.choices)
            tables.append(
                ReportTable(
                    f"{key}_abbruchgruende",
                    _("%(programme)s: reasons for early ends") % {"programme": programme.name},
                    (Column(_("Reason for the early end"), False), *_years(self.year)[1:]),
                    [
                        (str(reasons[code]), count, last["abbruchgruende"].get(code, 0))
                        for code, count in this["abbruchgruende"].items()
                    ],
                )
            )
            countries = list(this["herkunftslaender"])
            countries += [code for code in last["herkunftslaender"] if code not in countries]
            tables.append(
                ReportTable(
                    f"{key}_herkunftslaender",
                    _("%(programme)s: families by country of origin")
                    % {"programme": programme.name},
                    (Column(_("Country of origin"), False), *_years(self.year)[1:]),
                    [
                        (
                            country_name(code),
                            this["herkunftslaender"].get(code, 0),
                            last["herkunftslaender"].get(code, 0),
                        )
                        for code in countries
                    ],
                    _("A family with members of two countries of origin counts under both."),
                )
            )
        return ReportSection(
            "programme", _("Family education programmes"), tables, _("No programme.")
        )

    # --- groups, events, volunteers -----------------------------------------------

    def _groups_and_events(self) -> ReportSection:
        this, last = self.activities.current, self.activities.previous
        totals = ReportTable(
            "aktivitaeten",
            _("Groups and events in figures"),
            _years(self.year),
            [
                (_("Group dates held"), this.group_dates, last.group_dates),
                (_("Attendances at group dates"), this.group_participants, last.group_participants),
                (_("Events and outings"), len(this.events), len(last.events)),
                (_("Participants of events"), this.event_participants, last.event_participants),
            ],
        )
        before = {group.name: group.participants for group in last.groups}
        groups = ReportTable(
            "gruppen",
            _("Groups"),
            (
                Column(_("Group"), False),
                Column(_("Dates held")),
                Column(_("Cancelled")),
                Column(_("Attendances")),
                Column(_("Different persons")),
                Column(_("Attendances %(year)s") % {"year": self.year - 1}),
            ),
            [
                (
                    group.name,
                    group.dates,
                    group.cancelled,
                    group.participants,
                    group.persons,
                    before.get(group.name),
                )
                for group in this.groups
            ],
            _(
                "Attendances: the participants of every date added up (who comes every week "
                "counts every week). Different persons only for groups that record names."
            ),
        )
        kinds = dict(EventKind.choices)
        events = ReportTable(
            "veranstaltungen",
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
                for event in this.events
            ],
        )
        return ReportSection("aktivitaeten", _("Groups and events"), [totals, groups, events])

    def _volunteers(self) -> ReportSection:
        this, last = self.activities.current.volunteers, self.activities.previous.volunteers
        totals = ReportTable(
            "ehrenamt",
            _("Volunteers in figures"),
            _years(self.year),
            [
                (_("Volunteers"), this.volunteers, last.volunteers),
                (_("of whom lead a group"), this.group_leads, last.group_leads),
                (_("Hours of voluntary work"), this.hours, last.hours),
            ],
        )
        areas = ReportTable(
            "ehrenamt_aufgabenbereiche",
            _("Volunteers by task area"),
            (Column(_("Task area"), False), Column(_("Volunteers")), Column(_("Hours"))),
            [(area.name, area.volunteers, area.hours) for area in this.by_task_area],
            _("A volunteer with engagements in two task areas counts in both."),
        )
        return ReportSection("ehrenamt", _("Volunteers"), [totals, areas])

    # --- network --------------------------------------------------------------------

    def _network(self) -> ReportSection:
        this, last = self.network, self.network["vorjahr"]
        keys = (
            (_("Bodies with a seat"), "gremien"),
            (_("Meetings attended"), "sitzungen_teilgenommen"),
            (_("Cooperation agreements in force"), "kooperationsvereinbarungen"),
            (_("of which concluded in the year"), "kooperationsvereinbarungen_neu"),
            (_("Cooperation partners"), "kooperationspartner"),
        )
        totals = ReportTable(
            "netzwerk",
            _("Network work in figures"),
            _years(self.year),
            [(label, this[key], last[key]) for label, key in keys],
        )
        kinds, functions = dict(Body.Kind.choices), dict(BodyMembership.Function.choices)
        bodies = ReportTable(
            "netzwerk_gremien",
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
        )
        return ReportSection("netzwerk", _("Network"), [totals, bodies])

    # --- JSON -----------------------------------------------------------------------

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
    organisation: Organisation, services: Sequence[Service], year: int
) -> OrganisationReport:
    """The report of `organisation` for `year`: the casework of `services` (one annual
    report each, closed years with their stored figures), every programme of the
    organisation, its groups, events, volunteers and network work."""
    programmes = Programme.objects.filter(organisation=organisation).order_by("name", "pk")
    return OrganisationReport(
        organisation=organisation,
        year=year,
        casework=[annual_report([organisation], [service], year) for service in services],
        programmes=[(programme, programme_figures([programme], year)) for programme in programmes],
        activities=activity_figures.activity_report(organisation, year),
        network=network_figures(organisation, year),
    )
