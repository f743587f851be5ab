"""Write paths of the programmes: set-up, enrolment, home visits, end, change of programme.

Every rule that refuses something raises a ValidationError whose messages name the
form field they belong to, so that the page shows them beside the field.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from teilhabe.casework.models import Household, Person
from teilhabe.core.versioning import save_versioned
from teilhabe.programmes.models import EarlyEndReason, EndKind, Enrolment, HomeVisit, Programme


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def planned_end_for(programme: Programme, start: datetime.date) -> datetime.date:
    """The last day of the programme's planned duration: 01.09.2024 + 24 months ->
    31.08.2026."""
    return add_months(start, programme.duration_months) - datetime.timedelta(days=1)


@transaction.atomic
def create_programme(
    *,
    organisation_id: int,
    service_id: int,
    name: str,
    duration_months: int,
    material_units: int | None,
) -> Programme:
    programme = Programme(
        organisation_id=organisation_id,
        service_id=service_id,
        name=name,
        duration_months=duration_months,
        material_units=material_units,
    )
    programme.full_clean()
    programme.save()
    return programme


def update_programme(programme: Programme, *, expected_version: int, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.full_clean()
    save_versioned(programme, expected_version)


@dataclass(frozen=True)
class NewFamily:
    """A family the organisation does not know yet: the parent the home visitor works
    with and, optionally, the child the programme is for."""

    first_name: str
    last_name: str
    gender: str = ""
    birth_year: int | None = None
    country_of_origin: str = ""
    languages: list[str] = field(default_factory=list)
    phone: str = ""
    address: str = ""
    child_first_name: str = ""
    child_birth_year: int | None = None


@transaction.atomic
def create_family(organisation_id: int, family: NewFamily) -> tuple[Household, Person]:
    household = Household.objects.create(organisation_id=organisation_id)
    parent = Person(
        organisation_id=organisation_id,
        household=household,
        first_name=family.first_name,
        last_name=family.last_name,
        gender=family.gender,
        birth_year=family.birth_year,
        country_of_origin=family.country_of_origin,
        languages=family.languages,
        phone=family.phone,
        address=family.address,
    )
    parent.full_clean(exclude=["external_id"])
    parent.save()
    if family.child_first_name or family.child_birth_year:
        child = Person(
            organisation_id=organisation_id,
            household=household,
            first_name=family.child_first_name,
            last_name=family.last_name,
            birth_year=family.child_birth_year,
            country_of_origin=family.country_of_origin,
            languages=family.languages,
        )
        child.full_clean(exclude=["external_id"])
        child.save()
    return household, parent


@transaction.atomic
def enrol(
    *,
    programme: Programme,
    household: Household,
    start_date: datetime.date,
    contact_person: Person | None = None,
    planned_end: datetime.date | None = None,
    home_visitor: Any = None,
    coordinator: Any = None,
    previous_enrolment: Enrolment | None = None,
) -> Enrolment:
    if household.organisation_id != programme.organisation_id:
        raise ValidationError(_("The family belongs to another organisation."))
    if not programme.is_active:
        raise ValidationError(_("The programme takes no new families."))
    overlapping = Enrolment.objects.filter(programme=programme, household=household).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start_date)
    )
    if overlapping.exists():
        raise ValidationError(_("This family already takes part in this programme."))
    enrolment = Enrolment(
        programme=programme,
        household=household,
        contact_person=contact_person,
        start_date=start_date,
        planned_end=planned_end or planned_end_for(programme, start_date),
        home_visitor=home_visitor,
        coordinator=coordinator,
        previous_enrolment=previous_enrolment,
    )
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def record_visit(
    enrolment: Enrolment,
    *,
    date: datetime.date,
    duration_minutes: int,
    visitor: Any = None,
    material_unit: int | None = None,
    notes: str = "",
    recorded_by: Any = None,
) -> HomeVisit:
    visit = HomeVisit(
        enrolment=enrolment,
        date=date,
        duration_minutes=duration_minutes,
        visitor=visitor,
        material_unit=material_unit,
        notes=notes,
        recorded_by=recorded_by,
    )
    visit.full_clean()
    visit.save()
    return visit


def _check_can_end(enrolment: Enrolment, end_date: datetime.date, field_name: str) -> None:
    if enrolment.end_date is not None:
        raise ValidationError(_("This participation has already ended."))
    last_visit = enrolment.visits.aggregate(last=Max("date"))["last"]
    if last_visit and last_visit > end_date:
        raise ValidationError(
            {
                field_name: _(
                    "A home visit is recorded on %(date)s, after this end. Please check the date."
                )
                % {"date": last_visit.strftime("%d.%m.%Y")}
            }
        )


@transaction.atomic
def end_enrolment(
    enrolment: Enrolment,
    *,
    expected_version: int,
    end_date: datetime.date,
    end_kind: str,
    end_reason: str = "",
    end_reason_text: str = "",
) -> None:
    """Ends the participation; an early end needs its reason, a regular end has none."""
    _check_can_end(enrolment, end_date, "end_date")
    enrolment.end_date, enrolment.end_kind = end_date, end_kind
    regular = end_kind == EndKind.REGULAR
    enrolment.end_reason = "" if regular else end_reason
    enrolment.end_reason_text = (
        "" if regular or end_reason != EarlyEndReason.OTHER else end_reason_text
    )
    enrolment.full_clean()
    save_versioned(enrolment, expected_version)


@transaction.atomic
def change_programme(
    enrolment: Enrolment,
    *,
    expected_version: int,
    target: Programme,
    start_date: datetime.date,
    old_end_kind: str = EndKind.EARLY,
    home_visitor: Any = None,
    coordinator: Any = None,
) -> Enrolment:
    """Ends the enrolment the day before `start_date` and enrols the family in `target`
    from `start_date`, linked to the old enrolment.

    The old participation ends early with the reason "change of programme", or
    regularly when the family completed it and goes on (E:DU families that finish and
    start HIPPY, seed 000 lines 652-654).
    """
    if target.pk == enrolment.programme_id or target.organisation_id != (
        enrolment.programme.organisation_id
    ):
        raise ValidationError(
            {"target": _("Please choose another programme of the same organisation.")}
        )
    if start_date <= enrolment.start_date:
        raise ValidationError(
            {"start_date": _("The new programme must start after the old one started.")}
        )
    end_date = start_date - datetime.timedelta(days=1)
    _check_can_end(enrolment, end_date, "start_date")
    early = old_end_kind == EndKind.EARLY
    end_enrolment(
        enrolment,
        expected_version=expected_version,
        end_date=end_date,
        end_kind=EndKind.EARLY if early else EndKind.REGULAR,
        end_reason=EarlyEndReason.CHANGE_OF_PROGRAMME if early else "",
    )
    return enrol(
        programme=target,
        household=enrolment.household,
        contact_person=enrolment.contact_person,
        start_date=start_date,
        home_visitor=home_visitor or enrolment.home_visitor,
        coordinator=coordinator or enrolment.coordinator,
        previous_enrolment=enrolment,
    )


def update_enrolment(enrolment: Enrolment, *, expected_version: int, **fields: Any) -> None:
    """Home visitor, coordinator, planned end, contact person."""
    for name, value in fields.items():
        setattr(enrolment, name, value)
    enrolment.full_clean()
    save_versioned(enrolment, expected_version)
