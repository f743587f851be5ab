"""The family education programmes of the demo city: HIPPY and E:DU at the Diakonie,
with enrolled families, home visits every nine days, completions, early ends with their
reasons and one family that changed from E:DU to HIPPY; families since the year before
last, so every year of the reports has a programme to compare with.

Dates count back from today, so the demo always shows a running programme; everything
goes through the programmes' services like anything the coordinator enters.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import cycle

from django.db.models import Case, Value, When
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.casework.models import HouseholdRelation
from teilhabe.organisations.models import Area, Organisation, Service
from teilhabe.programmes import services
from teilhabe.programmes.models import EarlyEndReason, EndKind, Enrolment, Programme

VISIT_EVERY_DAYS = 9
MINUTES = (45, 60, 40)
NOTES = ("", "", "Material der Woche gut bearbeitet.", "", "Termin verschoben, Kind krank.")


@dataclass(frozen=True)
class DemoFamily:
    first_name: str
    last_name: str
    country: str
    languages: tuple[str, ...]
    child: str
    child_born: int  # years before this year
    district: str
    programme: str  # service code
    started: int  # days ago
    ended: int | None = None  # days ago
    reason: str = ""  # "" with an end: completed; "HIPPY": changed to HIPPY


FAMILIES = (
    DemoFamily("Amina", "Haddad", "SY", ("ara",), "Omar", 5, "Westhagen", "HIPPY", 700, 30),
    DemoFamily("Iryna", "Bondarenko", "UA", ("ukr", "rus"), "Sofiia", 4, "Westhagen", "HIPPY",
               400),
    DemoFamily("Fatima", "Ahmadi", "AF", ("prs",), "Yasin", 4, "Nordstadt", "HIPPY", 300, 100,
               EarlyEndReason.NEW_BABY),
    DemoFamily("Zeynep", "Yıldız", "TR", ("tur", "deu"), "Elif", 4, "Westhagen", "HIPPY", 200),
    DemoFamily("Mariam", "Nasser", "PS", ("ara",), "Yusuf", 3, "Altstadt", "HIPPY", 150),
    DemoFamily("Ana", "Popescu", "MD", ("ron",), "Luca", 5, "Westhagen", "HIPPY", 500, 250,
               EarlyEndReason.MOVED_AWAY),
    DemoFamily("Swetlana", "Becker", "KZ", ("rus", "deu"), "Lena", 6, "Nordstadt", "HIPPY", 720,
               10),
    DemoFamily("Noor", "Al-Khatib", "SY", ("ara",), "Rami", 4, "Westhagen", "EDU", 420, 60,
               "HIPPY"),
    DemoFamily("Dilan", "Demir", "TR", ("kmr", "tur"), "Baran", 2, "Westhagen", "EDU", 250),
    DemoFamily("Halyna", "Shevchenko", "UA", ("ukr",), "Marko", 2, "Altstadt", "EDU", 180, 40,
               EarlyEndReason.NO_INTEREST),
    DemoFamily("Priya", "Sharma", "IN", ("hin", "eng"), "Anika", 1, "Nordstadt", "EDU", 120),
    # The families of the years before: they finished or left before last year ended, so
    # the year before last has a programme to compare with.
    DemoFamily("Leyla", "Hamidi", "AF", ("prs", "pus"), "Sara", 6, "Nordstadt", "HIPPY", 1090,
               360),
    DemoFamily("Olga", "Morozova", "RU", ("rus", "deu"), "Mila", 6, "Altstadt", "HIPPY", 1010,
               290),
    DemoFamily("Rahel", "Tesfay", "ER", ("tir",), "Abel", 5, "Westhagen", "HIPPY", 950, 700,
               EarlyEndReason.MOVED_AWAY),
    DemoFamily("Hevin", "Aydın", "TR", ("kmr", "tur"), "Rojda", 4, "Westhagen", "EDU", 900, 430),
    DemoFamily("Sabah", "Jaber", "IQ", ("ara", "ckb"), "Layan", 4, "Nordstadt", "EDU", 820, 600,
               EarlyEndReason.NEW_BABY),
)  # fmt: skip


def load_programmes() -> None:
    organisation = Organisation.objects.get(slug="diakonie")
    coordinator = User.objects.get(username="programm")
    programmes = {
        "HIPPY": _programme(organisation, "HIPPY", "HIPPY", 24, 60),
        "EDU": _programme(organisation, "EDU", "E:DU – Starke Familien", 24, 48),
    }
    today = timezone.localdate()
    districts = {area.name: area for area in Area.objects.filter(level=1)}
    minutes, notes = cycle(MINUTES), cycle(NOTES)
    for family in FAMILIES:
        household, mother = services.create_family(
            organisation.pk,
            services.NewFamily(
                first_name=family.first_name,
                last_name=family.last_name,
                gender="w",
                country_of_origin=family.country,
                languages=list(family.languages),
                child_first_name=family.child,
                child_birth_year=today.year - family.child_born,
            ),
        )
        household.members.update(district=districts.get(family.district))
        household.members.filter(household_relation="").update(
            household_relation=Case(
                When(pk=mother.pk, then=Value(HouseholdRelation.REFERENCE)),
                default=Value(HouseholdRelation.CHILD),
            )
        )
        start = today - datetime.timedelta(days=family.started)
        enrolment = services.enrol(
            programme=programmes[family.programme],
            household=household,
            contact_person=mother,
            start_date=start,
            home_visitor=coordinator,
            coordinator=coordinator,
        )
        last = today - datetime.timedelta(days=family.ended or 1)
        _visits(enrolment, start, last, coordinator, minutes, notes)
        if family.ended is not None:
            _end(enrolment, family, last, programmes, coordinator)


def _programme(
    organisation: Organisation, code: str, name: str, months: int, units: int
) -> Programme:
    service = Service.objects.get(code=code)
    organisation.services.add(service)
    return services.create_programme(
        organisation_id=organisation.pk,
        service_id=service.pk,
        name=name,
        duration_months=months,
        material_units=units,
    )


def _visits(
    enrolment: Enrolment,
    start: datetime.date,
    last: datetime.date,
    visitor: User,
    minutes: cycle[int],
    notes: cycle[str],
) -> None:
    units = enrolment.programme.material_units or 1
    day, unit = start + datetime.timedelta(days=3), 1
    while day <= last:
        services.record_visit(
            enrolment,
            date=day,
            duration_minutes=next(minutes),
            visitor=visitor,
            material_unit=unit,
            notes=next(notes),
            recorded_by=visitor,
        )
        day, unit = day + datetime.timedelta(days=VISIT_EVERY_DAYS), unit % units + 1


def _end(
    enrolment: Enrolment,
    family: DemoFamily,
    last: datetime.date,
    programmes: dict[str, Programme],
    coordinator: User,
) -> None:
    if family.reason in programmes:
        new = services.change_programme(
            enrolment,
            expected_version=enrolment.version,
            target=programmes[family.reason],
            start_date=last + datetime.timedelta(days=1),
            old_end_kind=EndKind.REGULAR,
        )
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        _visits(new, new.start_date, yesterday, coordinator, cycle((45,)), cycle(("",)))
        return
    services.end_enrolment(
        enrolment,
        expected_version=enrolment.version,
        end_date=last,
        end_kind=EndKind.EARLY if family.reason else EndKind.REGULAR,
        end_reason=family.reason,
    )
