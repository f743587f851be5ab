"""The parts of the benchmark that need Django set up."""

from __future__ import annotations

import random
import time
from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.bench.__main__ import summarise
from teilhabe.demo.musterstadt import DATA
from teilhabe.organisations.area_import import import_areas
from teilhabe.organisations.services import create_organisation


def prepare() -> None:
    import_areas(DATA / "musterstadt-gebiete.csv")
    organisation = create_organisation("bench", "Grossstadt", ["MBE", "JMD", "IKB", "KIM"])
    lead = User.objects.create(username="bench-lead", first_name="Bench", last_name="Lead")
    add_membership(lead, organisation, Role.TEAM_LEAD)


def _client() -> Client:
    user = User.objects.get(username="bench-lead")
    client = Client(HTTP_HOST="localhost")  # an allowed host, as behind the real server
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _time(client: Client, urls: list[str]) -> dict[str, float]:
    samples = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return summarise(samples)


def misspell(name: str) -> str:
    """Swaps the last two letters: "Kovalenko" -> "Kovalenok"."""
    return name[:-2] + name[-1] + name[-2] if len(name) > 3 else name


def time_pages(count: int) -> dict[str, Any]:
    from teilhabe.casework.models import Person

    client = _client()
    rng = random.Random(7)
    client.get(reverse("accounts:profile"))  # warm-up: templates, translations
    last_names = list(
        Person.objects.exclude(last_name="").values_list("last_name", flat=True)[:2000]
    )
    person_ids = list(Person.objects.values_list("pk", flat=True)[:20000])
    filters = ["?dienst=MBE&status=open", "?dienst=JMD&status=all", "?status=closed", "?dienst=KIM"]
    return {
        "trivial": _time(client, [reverse("accounts:profile")] * count),
        "case list (filtered)": _time(
            client, [reverse("casework:case_list") + rng.choice(filters) for _ in range(count)]
        ),
        "client search (misspelled name)": _time(
            client,
            [
                reverse("casework:client_list") + "?q=" + misspell(rng.choice(last_names))
                for _ in range(count)
            ],
        ),
        "client page": _time(
            client,
            [
                reverse("casework:client_detail", kwargs={"pk": rng.choice(person_ids)})
                for _ in range(count)
            ],
        ),
    }


def query_plans() -> str:
    """The database's plans for the case list, kept beside the figures for tuning."""
    from teilhabe.casework.selectors import case_list

    user = User.objects.get(username="bench-lead")
    parts = []
    for service, status in (("MBE", "open"), ("", "closed")):
        cases = case_list(user, service=service, status=status)
        filters = f"service={service or 'all'} status={status}"
        parts.append(f"-- case list {filters}: page\n{cases[:50].explain()}")
        parts.append(f"-- case list {filters}: count\n{cases.values('pk').explain()}")
    return "\n\n".join(parts)
