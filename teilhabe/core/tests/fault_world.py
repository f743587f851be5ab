"""Helpers for the fault tests (test_faults.py), run inside `teilhabe shell` subprocesses
against the installation's own database.

`setup` builds a small city with enough cases that closing a year takes a moment and
signs a team lead in (the session is in the database, its key goes to the test, which
then talks to the real server with that cookie). `state` writes what the test checks
after the kill: the closed years, their figures against a fresh computation, and their
audit entries.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership, create_user
from teilhabe.casework.models import Case, Person, Session
from teilhabe.organisations.models import Organisation, Service
from teilhabe.reports.figures import Scope, annual_figures
from teilhabe.reports.freeze import figures_for
from teilhabe.reports.models import FrozenReport
from teilhabe.reports.tests.city_world import YEAR, build

SERVICES = ("JMD", "MBE")
EXTRA_CLIENTS = 400


def setup(path: str) -> None:
    organisation = build()["organisations"]["diakonie"]
    mbe = Service.objects.get(code="MBE")
    people = Person.objects.bulk_create(
        Person(organisation=organisation, first_name=f"Extra{n}", last_name="Test", birth_year=1985)
        for n in range(EXTRA_CLIENTS)
    )
    cases = Case.objects.bulk_create(
        Case(
            organisation=organisation,
            service=mbe,
            client=person,
            kind="beratung",
            opened_on=datetime.date(YEAR, 1 + n % 12, 1),
            access_route="familie",
        )
        for n, person in enumerate(people)
    )
    Session.objects.bulk_create(
        Session(case=case, date=datetime.date(YEAR, 12, 1), duration_minutes=45) for case in cases
    )
    lead = create_user(username="leitung", first_name="Lea", last_name="Leitung", password=None)
    add_membership(lead, organisation, Role.TEAM_LEAD)
    client = Client()
    client.force_login(lead)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    Path(path).write_text(json.dumps({"session": cookie, "year": YEAR}))


def state(path: str) -> None:
    organisation = Organisation.objects.get(slug="diakonie")
    scope = Scope((organisation.pk,), SERVICES, ())
    reports = list(FrozenReport.objects.order_by("pk"))
    content_type = ContentType.objects.get_for_model(FrozenReport)
    computed = annual_figures(scope, YEAR, with_previous=False)
    computed["vorjahr"] = figures_for(scope, YEAR - 1, with_previous=False)
    document: dict[str, Any] = {
        "reports": [
            {
                "pk": report.pk,
                "scope": [report.services, report.kinds, report.year],
                "open": report.reopened_at is None,
                "figures_complete": json.loads(report.figures_json)
                == json.loads(json.dumps(computed)),
                "city_counts": sorted(report.city_counts or {}),
                "frozen_by": report.frozen_by.username if report.frozen_by else None,
            }
            for report in reports
        ],
        "audit": list(
            LogEntry.objects.filter(content_type=content_type)
            .order_by("pk")
            .values_list("object_pk", "action")
        ),
    }
    Path(path).write_text(json.dumps(document))
