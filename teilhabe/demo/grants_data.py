"""Grants of the demo city: the WIR-Kuratorium (seeds/002: 26 members, three meetings a
year, 49 small, 7 large and 4 internal projects for about 566,000 EUR) and the
Stadtteilbeirat deciding on the neighbourhood fund of 6,000 EUR (seeds/001).

Each project goes the whole path through the grants' services: application with a
finance plan, completeness check, assessment, agenda, the board's counts, the grant,
notice and payments; a few are refused or still open, three have a proof of use. The
notice is filed as a plain one-page PDF (`grants_board.notice_pdf`) instead of being
rendered, which would take seconds each. Dates the services stamp with "now" are set
back to the meeting's time afterwards, so the history reads as it happened.

Runs after the planning (applications name a field of action); a second run changes
nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal
from typing import Any

from auditlog.context import disable_auditlog
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.demo import grants_board as kit
from teilhabe.documents import storage
from teilhabe.funding import services as funding
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund, FundKind
from teilhabe.grants import applications, notices, payments, selectors, voting
from teilhabe.grants import services as boards
from teilhabe.grants.amounts import euro
from teilhabe.grants.application_models import Application, Assessment, Grant, StatusChange
from teilhabe.grants.grant_models import GrantNotice
from teilhabe.network.models import Actor, Body, Meeting
from teilhabe.organisations.models import Organisation
from teilhabe.planning.models import FieldOfAction

D = Decimal
KURATORIUM = "WIR-Kuratorium"
DISTRICT_BOARD = "Stadtteilbeirat Westhagen"
TARGET = D("566000")
INTERNAL = (D("18000"), D("21500"), D("24000"), D("26500"))
LARGE_SHARES = (19, 17, 15.5, 14, 12.5, 11.5, 10.5)  # per cent of the large projects' sum


@dataclass
class Project:
    fund: Fund
    title: str
    amount: Decimal  # granted (or requested, where refused or open)
    applicant: Actor | None
    outcome: str = "approve"  # approve, reject, tie, recused, excluded, open


def _round(amount: Decimal, step: int) -> Decimal:
    return (amount / step).quantize(D(1), rounding=ROUND_UP) * step


def _projects(
    funds: dict[str, Fund], actors: list[Actor], city: Actor, rng: random.Random
) -> list[Project]:
    small = [
        Project(
            funds[FundKind.SMALL_PROJECTS],
            kit.SMALL_TITLES[n % len(kit.SMALL_TITLES)]
            + (" – Folgeprojekt" if n >= len(kit.SMALL_TITLES) else ""),
            D(rng.randrange(1200, 5001, 50)),
            actors[n % len(actors)],
        )
        for n in range(49)
    ]
    large_sum = TARGET - sum((p.amount for p in small), D(0)) - sum(INTERNAL, D(0))
    amounts = [_round(large_sum * D(str(share)) / 100, 100) for share in LARGE_SHARES[:-1]]
    amounts.append(large_sum - sum(amounts))
    large = [
        Project(funds[FundKind.LARGE_PROJECTS], title, amount, actors[(3 * n + 1) % len(actors)])
        for n, (title, amount) in enumerate(zip(kit.LARGE_TITLES, amounts, strict=True))
    ]
    internal = [
        Project(funds[FundKind.INTERNAL_PROJECTS], title, amount, city)
        for title, amount in zip(kit.INTERNAL_TITLES, INTERNAL, strict=True)
    ]
    granted = small + large + internal
    rng.shuffle(granted)
    return granted


def load_grants(today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if Body.objects.filter(name=KURATORIUM).exists():
        return
    # The audit log records what people do; writing it for some 4,000 generated rows
    # took a third of the time of this loader (measured), so the demo's grants have none.
    with disable_auditlog():
        _load(today)


def _load(today: datetime.date) -> None:
    funds = {fund.kind: fund for fund in Fund.objects.filter(programme__code="WIR")}
    fields = list(FieldOfAction.objects.order_by("code"))
    if len(funds) < 3 or not fields:
        return  # the funding and the plan of the demo are not loaded
    rng = random.Random(2022)
    staff = User.objects.filter(username="kim").first()
    stadt = Organisation.objects.get(slug="stadt")
    city = Actor.objects.get(organisation=stadt)
    actors = kit.applicant_actors()
    since = today - datetime.timedelta(days=1100)
    board = kit.make_board(
        KURATORIUM,
        stadt,
        kit.KURATORIUM_SEATS,
        kit.DEPUTIES,
        since,
        purpose="Begleitet den Integrationsplan, entscheidet über Klein- und interne Projekte "
        "und legt dem Rat Großprojektanträge vor.",
        rhythm="dreimal im Jahr",
    )
    path = _Path(staff, fields, rng, today)
    projects = _projects(funds, actors, city, rng)
    # Meetings every four months back from today: three a year over almost three years.
    dates = [_tuesday(today - datetime.timedelta(days=122 * k)) for k in range(8, 0, -1)]
    excluded_seat = board.seats[10]  # sits on the board of the Afrikanisches Kulturforum
    forum = Actor.objects.filter(name__startswith="Afrikanisches Kulturforum").first()
    special = {3: "excluded", 9: "recused"}
    refusals = {
        2: ("Umbau eines Kulturzentrums", "12000", "tie"),
        5: ("Reisekosten einer Delegation", "3900", "reject"),
        6: ("Vereinsfahrzeug", "4800", "reject"),
    }
    _budgets(projects, dates, today)
    per_meeting = -(-len(projects) // len(dates))
    number = 0
    for index, day in enumerate(dates):
        held = kit.meeting(board, day, rng, must_attend=[excluded_seat, board.seats[3]])
        batch = projects[index * per_meeting : (index + 1) * per_meeting]
        for project in batch:
            outcome = special.get(number, "approve")
            if outcome == "excluded" and forum is not None:
                project.applicant = forum
            path.run(project, held, board, _year(day, today), outcome)
            number += 1
        extra = refusals.get(index)
        if extra:
            title, amount, outcome = extra
            kind = FundKind.LARGE_PROJECTS if outcome == "tie" else FundKind.SMALL_PROJECTS
            refused = Project(funds[kind], title, D(amount), actors[index])
            path.run(refused, held, board, _year(day, today), outcome)
        held.minutes = (
            f"Das Kuratorium hat über {len(batch) + bool(extra)} Anträge beraten und entschieden."
        )
        held.save()
    upcoming = kit.meeting(board, _tuesday(today + datetime.timedelta(days=35)), rng, today=today)
    for n, title in enumerate(("Mehrsprachige Elternbriefe", "Interkultureller Wochenmarkt")):
        path.run(
            Project(funds[FundKind.SMALL_PROJECTS], title, D("2400") + 800 * n, actors[n + 2]),
            upcoming,
            board,
            today.year,
            "open",
        )
    path.pending(funds[FundKind.SMALL_PROJECTS], actors[5])
    path.pending(funds[FundKind.SMALL_PROJECTS], None)
    _district(path, today, rng)
    kit.proofs_of_use(path.grants, path.staff, today)


def _year(day: datetime.date, today: datetime.date) -> int:
    """The budget year a meeting decides for: its own, within the programme's years."""
    return min(max(day.year, today.year - 2), today.year)


def _tuesday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - 1) % 7)


def _budgets(projects: list[Project], dates: list[datetime.date], today: datetime.date) -> None:
    """Each fund's budget of a year holds what the board grants in it, with some room;
    a budget the funding demo set stays when it is large enough."""
    per_meeting = -(-len(projects) // len(dates))
    needed: dict[tuple[int, int], Decimal] = {}
    funds: dict[int, Fund] = {}
    for index, day in enumerate(dates):
        year = _year(day, today)
        for project in projects[index * per_meeting : (index + 1) * per_meeting]:
            key = (project.fund.pk, year)
            funds[project.fund.pk] = project.fund
            needed[key] = needed.get(key, D(0)) + project.amount
    for (fund_pk, year), amount in sorted(needed.items()):
        fund = funds[fund_pk]
        figures = fund_figures(fund, year)
        wanted = _round((figures.committed + amount) * D("1.08"), 10000)
        if figures.budget < wanted:
            funding.set_budget(fund, year, wanted)


class _Path:
    """One application from the draft to the grant, its notice and payments."""

    def __init__(
        self, staff: Any, fields: list[FieldOfAction], rng: random.Random, today: datetime.date
    ) -> None:
        self.staff, self.fields, self.rng, self.today = staff, fields, rng, today
        self.grants: list[Grant] = []

    def _start(self, project: Project, year: int, own_share: Decimal) -> Application:
        amount = project.amount
        own = (
            D(0)
            if project.fund.kind == FundKind.INTERNAL_PROJECTS
            else _round(amount * own_share, 50)
        )
        costs = amount + own
        fees = _round(costs * D("0.55"), 10)
        material = _round(costs * D("0.30"), 10)
        lines = [
            ("Honorare", fees),
            ("Sachkosten", material),
            ("Öffentlichkeitsarbeit und Verpflegung", costs - fees - material),
        ]
        name = project.applicant.name if project.applicant else "Privatperson"
        application, _token = applications.start(
            project.fund,
            year,
            {
                "organisation_name": name,
                "organisation_address": "Musterstadt",
                "contact_name": "Projektleitung",
                "contact_email": "antrag@verein.example",
                "title": project.title,
                "description": f"{project.title}: ein Projekt im Rahmen des WIR-Plans.",
                "field_of_action": self.fields[len(project.title) % len(self.fields)],
                "own_contribution": own,
                "requested": amount,
            },
            lines,
        )
        if project.applicant is not None:
            application.applicant_actor = project.applicant
            application.save(update_fields=["applicant_actor"])
        applications.submit(application)
        return application

    def run(
        self, project: Project, held: Meeting, board: kit.Board, year: int, outcome: str
    ) -> None:
        application = self._start(project, year, D("0.1"))
        applications.check_completeness(application, self.staff, True, "")
        recommend = (
            Assessment.Recommendation.REJECT
            if outcome in ("reject",)
            else Assessment.Recommendation.APPROVE
        )
        applications.assess(
            application,
            self.staff,
            content="Ziele und Zielgruppe passen zum Handlungsfeld; Träger mit Erfahrung.",
            calculation="Kosten plausibel und ortsüblich; Eigenanteil angemessen.",
            eligible_costs=sum((line.amount for line in application.costs.all()), D(0)),
            recommendation=recommend,
            recommended_amount=project.amount,
        )
        item = applications.put_on_agenda(application, held, self.staff)
        if outcome == "open":
            self._backdate(application, held.held_on - datetime.timedelta(days=40), held)
            return
        if outcome == "recused":
            boards.recuse(
                item, board.seats[3], "Ehepartnerin im Vorstand des Antragstellers", self.staff
            )
        current = selectors.situation(item)
        present = voting.quorum(current, selectors.rules_of(held.body_id)).present
        # A clear majority, a tie, or a clear no: a few against or abstaining at most.
        few = min(2, (present - 1) // 3)
        no, abstain = self.rng.randint(0, few), self.rng.randint(0, few)
        if outcome == "tie":
            abstain = present % 2
            no = (present - abstain) // 2
        if outcome == "reject":
            abstain = 1 if present > 3 else 0
            no = present - present // 4 - abstain
        boards.record_counts(item, self.staff, yes=present - no - abstain, no=no, abstain=abstain)
        grant = applications.apply_decision(application, self.staff, held.held_on)
        self._backdate(application, held.held_on - datetime.timedelta(days=40), held)
        if grant is not None:
            self._after(grant, held.held_on)

    def pending(self, fund: Fund, applicant: Actor | None) -> None:
        title = "Nachbarschaftsbibliothek" if applicant else "Kunstkurs im Hinterhof"
        application = self._start(
            Project(fund, title, D("1800"), applicant), self.today.year, D("0.1")
        )
        if applicant is not None:
            applications.check_completeness(
                application, self.staff, False, "Kostenvoranschläge fehlen."
            )

    def _backdate(self, application: Application, submitted: datetime.date, held: Meeting) -> None:
        def at(day: datetime.date) -> datetime.datetime:
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))

        Application.objects.filter(pk=application.pk).update(
            created_at=at(submitted - datetime.timedelta(days=3)), submitted_at=at(submitted)
        )
        history = StatusChange.objects.filter(application=application)
        history.filter(status__in=["entwurf", "eingereicht"]).update(at=at(submitted))
        history.filter(status__in=["vollstaendig", "geprueft"]).update(
            at=at(submitted + datetime.timedelta(days=12))
        )
        history.filter(status="tagesordnung").update(
            at=at(held.held_on - datetime.timedelta(days=14))
        )
        history.filter(status__in=["bewilligt", "abgelehnt"]).update(at=at(held.held_on))
        Assessment.objects.filter(application=application).update(
            at=at(submitted + datetime.timedelta(days=12))
        )

    def _after(self, grant: Grant, decided: datetime.date) -> None:
        """The notice, then payments: grants of more than ten months ago are paid in
        full, later ones in part; the last meeting's are waiting for a request."""
        starts = decided + datetime.timedelta(days=14)
        ends = starts + datetime.timedelta(days=300)
        due = ends + datetime.timedelta(days=182)
        terms: dict[str, Any] = {
            "purpose": grant.application.title,
            "starts_on": starts,
            "ends_on": ends,
            "proof_due_on": due,
            "conditions": "",
        }
        notices.check_terms(terms)
        content = kit.notice_pdf(
            [
                "Zuwendungsbescheid (Demo)",
                f"Aktenzeichen {grant.application.year}-{grant.application_id}",
                grant.application.organisation_name,
                grant.application.title,
                f"Zuwendung: {euro(grant.amount)}",
            ]
        )
        stored = storage.store([content], len(content))
        GrantNotice.objects.create(
            grant=grant,
            purpose=grant.application.title,
            starts_on=starts,
            ends_on=ends,
            proof_due_on=due,
            issued_on=starts,
            file_id=stored.file_id,
            size=stored.size,
            sha256=stored.sha256,
            issued_by=self.staff,
        )
        age = (self.today - decided).days
        large = grant.application.fund.kind == FundKind.LARGE_PROJECTS
        first = _round(grant.amount / 2, 50) if large or age <= 300 else grant.amount
        paid_on = starts + datetime.timedelta(days=7)
        if age > 60:
            payments.record_payment(grant, first, paid_on, self.staff)
        if age > 300 and first < grant.amount:
            rest = grant.amount - first
            payments.record_payment(grant, rest, paid_on + datetime.timedelta(days=183), self.staff)
        elif 0 < age <= 60:
            payments.request_payment(grant, first, "Erste Rate", None)
        self.grants.append(grant)


def _district(path: _Path, today: datetime.date, rng: random.Random) -> None:
    fund = Fund.objects.filter(kind=FundKind.NEIGHBOURHOOD).order_by("pk").first()
    if fund is None:
        return
    board = kit.make_board(
        DISTRICT_BOARD,
        Organisation.objects.get(slug="stadt"),
        kit.DISTRICT_SEATS,
        {},
        datetime.date(today.year - 1, 1, 1),
        purpose="Entscheidet über den Verfügungsfonds des Stadtteils.",
        rhythm="nach Bedarf",
        districts=[fund.area] if fund.area else [],
    )
    actors = [a for a in Actor.objects.filter(organisation__isnull=True).order_by("name")][:5]
    wishes = (
        ("Lesepicknick im Park", "950"),
        ("Nähkurs für Nachbarinnen", "600"),
        ("Laternenumzug für alle", "720"),
        ("Mehrsprachiges Stadtteilblatt", "480"),
        ("Grillhütte für den Sportplatz", "1000"),
    )
    held = kit.meeting(
        board,
        max(_tuesday(today - datetime.timedelta(days=45)), datetime.date(today.year, 1, 5)),
        rng,
    )
    for n, (title, amount) in enumerate(wishes):
        path.run(
            Project(fund, title, D(amount), actors[n % len(actors)]),
            held,
            board,
            today.year,
            "reject" if n == 4 else "approve",
        )
    held.minutes = "Der Stadtteilbeirat hat über fünf Anträge entschieden."
    held.save()
