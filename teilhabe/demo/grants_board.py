"""The boards of the demo's grants: the WIR-Kuratorium of 26 voting members (seeds/002)
and the Stadtteilbeirat that decides on the neighbourhood fund (seeds/001), with
meetings three times a year, invitations and attendance; the projects' titles, the
notice file written without rendering, and three proofs of use.

Everything goes through the network's, grants' and proofs' services; only attendance
is written in bulk, as `network_data.py` does for the other bodies.
"""

from __future__ import annotations

import datetime
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from teilhabe.funding.models import FundKind
from teilhabe.grants import services as boards
from teilhabe.grants.application_models import Grant
from teilhabe.grants.models import BoardRules, Interest
from teilhabe.network import services as network
from teilhabe.network.models import Actor, ActorKind, Attendance, Body, BodyMembership, Meeting
from teilhabe.organisations.models import Area, Organisation
from teilhabe.proofs import services as proofs

D = Decimal

# The 26 seats of the Kuratorium: administration, council, migrant and postmigrant
# organisations, and further people of the city's society (seeds/002).
KURATORIUM_SEATS = (
    "Dr. Sabine Krüger (Dezernat Soziales und Integration)",
    "Thomas Behrens (Fachbereich Soziales)",
    "Aylin Demir (Büro für Integration)",
    "Jens Hoffmann (Fachbereich Bildung)",
    "Marta Nowak (Fachbereich Jugend)",
    "Klaus Wendt (Ratsfraktion A)",
    "Fatma Yıldız (Ratsfraktion B)",
    "Peter Lorenz (Ratsfraktion C)",
    "Hanna Schulte (Ratsfraktion D)",
    "Stefan Brandt (Ratsfraktion E)",
    "Amadou Diallo",
    "Elif Aksoy",
    "Nikola Petrović",
    "Rasha Haddad",
    "Dariusz Kowalski",
    "Leyla Rahimi",
    "Ioana Popescu",
    "Mehmet Kaya",
    "Samira El Amrani",
    "Viktor Schmidt",
    "Julia Neumann (Stadtjugendring)",
    "Prof. Andrea Vogel (Hochschule)",
    "Bernd Meyer (Kreishandwerkerschaft)",
    "Gül Arslan (Integrationsbeirat)",
    "Christine Wolf (Wohlfahrtsverbände)",
    "Tobias Ernst (Sportbund)",
)
# Seats (by index) that speak for an outside actor of the demo network.
SEAT_ACTORS = {10: "Afrikanisches Kulturforum Musterstadt e. V.", 17: "Türkisch-Islamische"}
DEPUTIES = {
    1: "Ulrike Franke (Fachbereich Soziales)",
    5: "Oliver Schröder (Ratsfraktion A)",
    6: "Derya Şahin (Ratsfraktion B)",
    11: "Murat Çelik",
    13: "Nour Khalil",
    20: "Lena Bauer (Stadtjugendring)",
}
DISTRICT_SEATS = (
    "Renate Albers (Quartiersmanagement)",
    "Hüseyin Öztürk",
    "Maria Lehmann (Kirchengemeinde)",
    "Adriana Ionescu",
    "Karl-Heinz Busch (Bürgerverein)",
)

# Applicants of the demo that are not yet actors of the network.
NEW_APPLICANTS = (
    ("Elternnetzwerk Westhagen e. V.", "verein"),
    ("Verein der Rumänischen Community Musterstadt e. V.", "migrantenorganisation"),
    ("Kurdisches Kulturzentrum Musterstadt e. V.", "migrantenorganisation"),
    ("Syrisch-Deutscher Freundeskreis e. V.", "migrantenorganisation"),
    ("Bulgarischer Kulturverein „Rodina“ e. V.", "migrantenorganisation"),
    ("Polnische Katholische Mission Musterstadt", "kirche"),
    ("Sportverein Lindenhof 1921 e. V.", "verein"),
    ("Theaterwerkstatt Vielfalt e. V.", "verein"),
    ("Frauencafé Nachbarschaft e. V.", "verein"),
    ("Ukrainischer Verein „Dnipro“ e. V.", "migrantenorganisation"),
    ("Netzwerk junger Migrant*innen e. V.", "migrantenorganisation"),
    ("Bürgerverein Westhagen e. V.", "verein"),
)


SMALL_TITLES = (
    "Sprachcafé für Eltern",
    "Hausaufgabenhilfe mit Muttersprachler*innen",
    "Interkulturelles Kochbuch",
    "Nachbarschaftsfest im Quartier",
    "Fahrradkurs für Frauen",
    "Mehrsprachige Lesepatenschaften",
    "Erzählcafé „Ankommen damals und heute“",
    "Fußballturnier gegen Rassismus",
    "Workshop Bewerbungstraining",
    "Theaterprojekt „Zwischen den Sprachen“",
    "Gesundheitslotsinnen im Stadtteil",
    "Ausflüge für neu zugewanderte Familien",
    "Computerkurs für Seniorinnen und Senioren",
    "Gemeinschaftsgarten Westhagen",
    "Fotoausstellung „Gesichter der Stadt“",
    "Schwimmkurs für Kinder",
    "Mädchentreff mit Mentorinnen",
    "Infoabende zum Schulsystem",
    "Musikworkshop für Jugendliche",
    "Demokratiewerkstatt für junge Erwachsene",
    "Begegnungschor",
    "Kulturdolmetscher*innen bei Elternabenden",
    "Filmreihe „Migration im Film“",
    "Antidiskriminierungs-Training im Sportverein",
    "Frauenfrühstück mit Beratung",
)
LARGE_TITLES = (
    "Berufsbegleitende Deutschkurse in der Pflege",
    "Gründungsbegleitung in Ankunftsquartieren",
    "Antidiskriminierungsberatung für muslimische Frauen",
    "Festival „Fluid Identity“",
    "A-Teams gegen Diskriminierung an Schulen",
    "Wir sind auch da! Begleitung südosteuropäischer Hilfsarbeiter*innen",
    "Wir leben in einer Demokratie – politische Bildung mit Graffiti und Rap",
)
INTERNAL_TITLES = (
    "Einführung einer mehrsprachigen Integrations-App",
    "Interkulturelle Öffnung der Bürgerämter",
    "Mehrsprachige Wegweiser im Rathaus",
    "Fortbildung Antidiskriminierung für die Verwaltung",
)


@dataclass
class Board:
    body: Body
    seats: list[BodyMembership]  # the voting seats, chair first
    deputies: dict[int, BodyMembership]  # seat index -> deputy


def applicant_actors() -> list[Actor]:
    """The organisations that apply: the new ones and the outside partners of the demo."""
    actors = []
    for name, kind in NEW_APPLICANTS:
        actor = Actor.objects.filter(name=name).first() or Actor(
            name=name, kind=ActorKind.objects.get(code=kind)
        )
        if actor.pk is None:
            network.save_actor(actor, districts=[])
        actors.append(actor)
    outside = Actor.objects.filter(organisation__isnull=True, is_active=True).exclude(
        kind__code__in=["auslaenderbehoerde", "gesundheit", "schule"]
    )
    return actors + [a for a in outside.order_by("name") if a not in actors]


def _seat(
    body: Body, name: str, function: str, since: datetime.date, actor: Actor | None = None
) -> BodyMembership:
    return network.save_membership(
        BodyMembership(body=body, person_name=name, function=function, term_from=since, actor=actor)
    )


def make_board(
    name: str,
    owner: Organisation,
    seats: Sequence[str],
    deputies: dict[int, str],
    since: datetime.date,
    *,
    purpose: str,
    rhythm: str,
    districts: Sequence[Area] = (),
) -> Board:
    body = network.save_body(
        Body(name=name, kind=Body.Kind.BOARD, owner=owner, purpose=purpose, rhythm=rhythm),
        districts=districts,
    )
    BoardRules.objects.create(body=body)  # §§ 20, 21, 90, 91 VwVfG as they are
    actors = {
        index: Actor.objects.filter(name__startswith=prefix).first()
        for index, prefix in SEAT_ACTORS.items()
    }
    members = [
        _seat(
            body,
            person,
            BodyMembership.Function.CHAIR if index == 0 else BodyMembership.Function.MEMBER,
            since,
            actors.get(index) if len(seats) > 10 else None,
        )
        for index, person in enumerate(seats)
    ]
    standing_in = {
        index: _seat(body, person, BodyMembership.Function.MEMBER, since)
        for index, person in deputies.items()
    }
    for index, member in enumerate(members):
        boards.set_voting_right(member, standing_in.get(index))
    for index, actor in actors.items():
        if actor is not None and len(seats) > 10:
            boards.declare_interest(
                members[index], actor, Interest.Kind.BOARD_MEMBER, since, "Vorstand"
            )
    return Board(body, members, standing_in)


def meeting(
    board: Board,
    held_on: datetime.date,
    rng: random.Random,
    must_attend: Sequence[BodyMembership] = (),
    today: datetime.date | None = None,
) -> Meeting:
    """A meeting with its invitations and, when held, the attendance: about one in six
    members is excused; a personal deputy comes for an excused member."""
    held = network.create_meeting(
        board.body,
        agenda=["Begrüßung und Feststellung der Beschlussfähigkeit"],
        held_on=held_on,
        starts_at=datetime.time(17, 0),
        place="Rathaus, Sitzungssaal 2",
    )
    everyone = network.members_on(board.body, held_on)
    boards.invite(held, everyone, held_on - datetime.timedelta(days=21))
    if today is not None and held_on > today:
        return held
    excused: set[int] = set()
    for index, seat in enumerate(board.seats):
        if seat not in must_attend and rng.random() < 0.17:
            excused.add(seat.pk)
            deputy = board.deputies.get(index)
            if deputy is not None and rng.random() < 0.7:
                excused.discard(deputy.pk)
                continue
        deputy = board.deputies.get(index)
        if deputy is not None:
            excused.add(deputy.pk)  # the deputy stays home while the member attends
    Attendance.objects.bulk_create(
        Attendance(
            meeting=held,
            membership=seat,
            status=Attendance.Status.EXCUSED if seat.pk in excused else Attendance.Status.PRESENT,
        )
        for seat in everyone
    )
    return held


def notice_pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF with the given lines, written directly: the demo files each notice
    without rendering it through the HTML-to-PDF engine, which takes seconds per page."""
    text = "BT /F1 11 Tf 56 780 Td 15 TL " + " ".join(
        "({}) '".format(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
        for line in lines
    )
    stream = (text + " ET").encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def receipts(grant: Grant, factors: tuple[Decimal, ...], day: datetime.date) -> bytes:
    """A receipt list as German Excel writes it: one receipt per line of the plan."""
    rows = ["Datum;Empfänger;Zweck;Betrag;Position"]
    lines = grant.application.costs.order_by("position")
    for line, factor in zip(lines, factors, strict=False):
        amount = str((line.amount * factor).quantize(D("0.01"))).replace(".", ",")
        rows.append(f"{day:%d.%m.%Y};Dienstleister GmbH;{line.label};{amount};{line.position}")
    return "\n".join(rows).encode("utf-8")


def proofs_of_use(grants: Sequence[Grant], staff: Any, today: datetime.date) -> None:
    """Three proofs of use: one accepted, one with a line more than 20 % over, one overdue."""
    old = [
        g
        for g in grants
        if g.application.fund.kind == FundKind.SMALL_PROJECTS and (today - g.decided_on).days > 500
    ]
    if len(old) < 3:
        return
    for grant, factors, accept in (
        (old[0], (D(1), D(1), D(1)), True),
        (old[1], (D("1.3"), D("0.75"), D("0.85")), False),
    ):
        proof = proofs.proof_for(grant)
        notice = grant.notices.first()
        assert notice is not None
        proofs.save_report(
            proof, "Das Projekt wurde wie geplant durchgeführt.", grant.application.own_contribution
        )
        proofs.upload_receipts(
            proof,
            "belegliste.csv",
            io.BytesIO(receipts(grant, factors, notice.ends_on - datetime.timedelta(days=30))),
        )
        proofs.submit(proof)
        if accept:
            proofs.check(proof, staff, True, "")
    proofs.proof_for(old[2])  # due half a year after the project, not yet submitted
