"""A small programme world for the role-matrix and browser tests: a HIPPY and an E:DU
programme at the provider, a family enrolled in HIPPY with one home visit."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.organisations.models import Organisation, Service
from teilhabe.programmes import services
from teilhabe.programmes.models import Programme


def programme_of(organisation: Organisation, code: str, name: str) -> Programme:
    service = Service.objects.get(code=code)
    organisation.services.add(service)
    existing = Programme.objects.filter(organisation=organisation, service=service).first()
    return existing or services.create_programme(
        organisation_id=organisation.pk,
        service_id=service.pk,
        name=name,
        duration_months=24,
        material_units=60,
    )


def programme_world(organisation: Organisation) -> dict[str, Any]:
    hippy = programme_of(organisation, "HIPPY", "HIPPY")
    programme_of(organisation, "EDU", "E:DU")
    household, parent = services.create_family(
        organisation.pk,
        services.NewFamily(
            first_name="Samira", last_name="Khalil", country_of_origin="SY", languages=["ar"]
        ),
    )
    enrolment = services.enrol(
        programme=hippy,
        household=household,
        contact_person=parent,
        start_date=datetime.date(2024, 9, 1),
    )
    services.record_visit(enrolment, date=datetime.date(2024, 9, 10), duration_minutes=45)
    return {"<programme>": hippy.pk, "<enrolment>": enrolment.pk}
