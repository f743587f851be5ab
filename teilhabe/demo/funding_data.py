"""Funding of the demo city: a Hagen-like "Förderprogramm Südosteuropa" of 350,000 EUR a
year that ended on 31.12.2024 with the posts and work that hung on it (shared/seeds/003),
a WIR-like programme feeding funds for small, large and internal projects
(seeds/002) that ends within the coming year, so that the start pages warn, and a
district's neighbourhood fund of 6,000 EUR (seeds/001).

Everything goes through `funding/services.py` like anything a user enters. A programme
whose code the plan import already created is completed, not duplicated.
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

from django.utils import timezone

from teilhabe.funding import services
from teilhabe.funding.models import (
    DependantKind,
    Fund,
    FundingProgramme,
    FundKind,
    ProgrammeDependency,
    StaffPost,
)
from teilhabe.organisations.models import Area, Organisation, Service

D = Decimal


def _month_end(day: datetime.date, months_ahead: int) -> datetime.date:
    index = day.month - 1 + months_ahead
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _programme(code: str, **fields: object) -> FundingProgramme:
    programme = FundingProgramme.objects.filter(code=code).first() or FundingProgramme(code=code)
    for name, value in fields.items():
        if not getattr(programme, name):
            setattr(programme, name, value)
    return services.save_programme(programme)


def _post(
    programme: FundingProgramme, title: str, slug: str, service: str | None, hours: str
) -> None:
    services.save_post(
        StaffPost(
            programme=programme,
            title=title,
            organisation=Organisation.objects.get(slug=slug),
            service=Service.objects.get(code=service) if service else None,
            hours_per_week=D(hours),
        )
    )


def _dependant(
    programme: FundingProgramme,
    kind: str,
    label: str,
    slug: str | None = None,
    service: str | None = None,
    note: str = "",
) -> None:
    services.save_dependant(
        ProgrammeDependency(
            programme=programme,
            kind=kind,
            label=label,
            organisation=Organisation.objects.get(slug=slug) if slug else None,
            service=Service.objects.get(code=service) if service else None,
            note=note,
        )
    )


def load_funding(today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    soe = _programme(
        "SOE",
        title="Förderprogramm Südosteuropa",
        funder="Land (Landesförderung Zuwanderung aus Südosteuropa)",
        amount_per_year=D("350000.00"),
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
        legal_basis="Förderrichtlinie Zuwanderung aus Südosteuropa, Nr. 2.1",
        contact="Bezirksregierung, Dezernat Integration\nfoerderung@bezirksregierung.example",
        notes="Nicht verlängert; Weiterfinanzierung im Haushalt beantragt.",
    )
    _post(soe, "Sprach- und Kulturmittlung Rumänisch", "stadt", "KIM", "39")
    _post(soe, "Sprach- und Kulturmittlung Bulgarisch", "stadt", "KIM", "39")
    _post(soe, "Sprach- und Kulturmittlung Romanes", "caritas", "QM", "19.5")
    _post(soe, "Konfliktmanagement im Quartier", "caritas", "QM", "30")
    _dependant(soe, DependantKind.SERVICE, "Clearing im Case-Management", "stadt", "KIM")
    _dependant(
        soe,
        DependantKind.OTHER,
        "Konfliktarbeit und aufsuchende Arbeit in Westhagen",
        "caritas",
        "QM",
        note="Nachbarschaftskonflikte, Müll, Lärm; Sprechstunde vor Ort.",
    )

    wir = _programme(
        "WIR",
        title="Landesprogramm WIR – Integration vor Ort",
        funder="Land (Ministerium für Integration)",
        amount_per_year=D("200000.00"),
        starts_on=datetime.date(today.year - 2, 1, 1),
        ends_on=_month_end(today, 9),
        legal_basis="Richtlinie WIR, Nr. 4 (Projektförderung über kommunale Fonds)",
        contact="Landesamt für Integration, Referat 22",
    )
    _post(wir, "Koordination der WIR-Fonds", "stadt", None, "19.5")
    _dependant(wir, DependantKind.GROUP, "Sprachcafé am Nachmittag", "diakonie", "MBE")
    _dependant(wir, DependantKind.PROGRAMME, "Integrationslotsen", "diakonie", None)

    year = today.year
    funds = {
        kind: services.save_fund(Fund(name=name, kind=kind, programme=wir, description=text))
        for kind, name, text in (
            (FundKind.SMALL_PROJECTS, "WIR-Fonds Kleinprojekte", "Bis 5.000 EUR je Projekt."),
            (FundKind.LARGE_PROJECTS, "WIR-Fonds Großprojekte", "Über 5.000 EUR je Projekt."),
            (FundKind.INTERNAL_PROJECTS, "WIR-Fonds interne Projekte", "Projekte der Stadt."),
        )
    }
    for kind, budget in (
        (FundKind.SMALL_PROJECTS, "80000"),
        (FundKind.LARGE_PROJECTS, "90000"),
        (FundKind.INTERNAL_PROJECTS, "30000"),
    ):
        services.set_budget(funds[kind], year - 1, D(budget))
        services.set_budget(funds[kind], year, D(budget))
    small, large = funds[FundKind.SMALL_PROJECTS], funds[FundKind.LARGE_PROJECTS]
    jan = datetime.date(year, 1, 1)
    services.commit(small, year, D("4800"), "Kleinprojekt Nähwerkstatt", jan.replace(month=2))
    services.commit(small, year, D("3500"), "Kleinprojekt Elterncafé", jan.replace(month=3))
    services.commit(small, year, D("2000"), "Kleinprojekt Fußballturnier", jan.replace(month=3))
    services.pay(small, year, D("4800"), "Kleinprojekt Nähwerkstatt", jan.replace(month=4))
    services.release(small, year, D("2000"), "Fußballturnier abgesagt", jan.replace(month=5))
    services.repay(small, year, D("650"), "Nähwerkstatt: nicht verbraucht", jan.replace(month=9))
    services.commit(large, year, D("42000"), "Großprojekt Stadtteilmütter", jan.replace(month=3))
    services.pay(large, year, D("21000"), "Stadtteilmütter, 1. Rate", jan.replace(month=4))

    district = services.save_fund(
        Fund(
            name="Verfügungsfonds Westhagen",
            kind=FundKind.NEIGHBOURHOOD,
            area=Area.objects.get(code="MS-03"),
            description="Der Stadtteilbeirat entscheidet über Anträge bis 1.000 EUR.",
        )
    )
    services.set_budget(district, year, D("6000"))
    services.commit(district, year, D("800"), "Hoffest Westhagen-Süd", jan.replace(month=5))
    services.commit(
        district, year, D("450"), "Spielgeräte Nachbarschaftsgarten", jan.replace(month=6)
    )
