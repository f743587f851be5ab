"""The demo city "Musterstadt": areas, organisations and a user for every role.

The data lives in data/ and goes through the same import and service code that an
installation uses, so the demo also exercises them.
"""

from __future__ import annotations

import json
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from teilhabe.accounts.models import Membership, User
from teilhabe.accounts.services import add_membership, create_user
from teilhabe.casework.importer.service import import_casework
from teilhabe.casework.models import Case
from teilhabe.demo import casework_history as history
from teilhabe.demo.activities_data import load_activities
from teilhabe.demo.casework_data import Plan, write
from teilhabe.demo.funding_data import load_funding
from teilhabe.demo.grants_data import load_grants
from teilhabe.demo.network_data import load_network
from teilhabe.demo.planning import load_planning
from teilhabe.demo.programmes_data import load_programmes
from teilhabe.mediation.demo import load_mediation
from teilhabe.opening.demo import load_opening
from teilhabe.organisations.area_import import import_areas
from teilhabe.organisations.catalogue import install_service_catalogue
from teilhabe.organisations.models import Area, Organisation, Service
from teilhabe.organisations.services import create_organisation
from teilhabe.participation.demo import load_participation
from teilhabe.registrations.demo import load_registrations

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    organisation: str


def _definition() -> dict[str, object]:
    return json.loads((DATA / "musterstadt.json").read_text(encoding="utf-8"))


def is_loaded() -> bool:
    return Organisation.objects.filter(slug="diakonie").exists()


def demo_logins() -> list[DemoLogin]:
    definition = _definition()
    password = str(definition["password"])
    roles = dict(Membership._meta.get_field("role").flatchoices)
    names = {o["slug"]: o["name"] for o in definition["organisations"]}  # type: ignore[attr-defined]
    return [
        DemoLogin(u["username"], password, str(roles[u["role"]]), names[u["organisation"]])
        for u in definition["users"]  # type: ignore[attr-defined]
    ]


# Clients of the demo city at scale 1; the default demo is a small town's share of it.
BIG_CITY_CLIENTS = 60_000
DEMO_SCALE = 0.0085
# The demo's history: this year up to today and the two years before it, so that every
# "previous year" of the reports has figures; the cases of the first year include some
# opened in the year before it, as a service that starts to record brings its running
# cases along.
YEARS = 3
LEAD_IN_DAYS = 365


@transaction.atomic
def load(scale: float = DEMO_SCALE) -> None:
    definition = _definition()
    install_service_catalogue()
    import_areas(DATA / "musterstadt-gebiete.csv")
    organisations = {}
    for spec in definition["organisations"]:  # type: ignore[attr-defined]
        organisation = create_organisation(
            spec["slug"], spec["name"], spec["services"], spec["kind"]
        )
        organisation.address = spec.get("address", "")
        organisation.email = spec.get("email", "")
        organisation.save()
        organisations[spec["slug"]] = organisation
    for spec in definition["users"]:  # type: ignore[attr-defined]
        user = User.objects.filter(username=spec["username"]).first() or create_user(
            username=spec["username"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            email=f"{spec['username']}@musterstadt.example",
            password=str(definition["password"]),
        )
        services = list(Service.objects.filter(code__in=spec["services"]))
        add_membership(user, organisations[spec["organisation"]], spec["role"], services)
    load_network()
    load_programmes()
    load_activities()
    load_registrations()  # public events of the activities above
    load_funding()
    load_mediation()
    load_casework(scale)
    # after the funding: measures name its programmes; ideas answer with its measures
    load_participation(load_planning())
    load_grants()  # needs the plan's fields of action
    load_opening(str(definition["password"]))  # intercultural opening: after the plan


def load_casework(scale: float) -> None:
    """Three years of casework at the welfare provider and the city's case management,
    generated in the import format and loaded through the real import; then what the
    format cannot say (casework_history.py)."""
    clients = max(int(BIG_CITY_CLIENTS * scale), 0)
    if not clients:
        return
    districts = list(Area.objects.filter(level=1).values_list("name", flat=True))
    today = timezone.localdate()
    first, year = today.year - YEARS + 1, today.year
    services = {"MBE": 0.45, "IKB": 0.15, "JMD": 0.4}
    plans = {
        "diakonie": Plan(clients, services, districts, first, year, 2024, "D", today, LEAD_IN_DAYS),
        "stadt": Plan(
            max(clients // 5, 1), {"KIM": 1.0}, districts, first, year, 7, "K", today, LEAD_IN_DAYS
        ),
    }
    with tempfile.TemporaryDirectory() as folder:
        for slug, plan in plans.items():
            target = Path(folder) / slug
            write(plan, target)
            import_casework(target, Organisation.objects.get(slug=slug))
    # The import format names no counsellor: the demo gives every case to one.
    responsible = {"MBE": "berater", "IKB": "berater", "JMD": "jmd", "KIM": "casemanagement"}
    for code, username in responsible.items():
        Case.objects.filter(service__code=code).update(
            responsible=User.objects.get(username=username)
        )
    rng = random.Random(2026)  # the same demo on every machine
    for slug in plans:
        organisation = Organisation.objects.get(slug=slug)
        history.set_household_relations(organisation)
        history.cancel_some_sessions(organisation, rng)
        history.add_intermediate_statuses(organisation, rng)
