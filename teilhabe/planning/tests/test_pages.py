"""The read-only concept page: fields → goals (district goals under the city goal they
serve) → measures, with each measure's status and stand on the chosen date."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.planning.importer.service import import_plan
from teilhabe.planning.tests.plan_files import make_areas, write_plan


@pytest.fixture
def page(tmp_path: Path, users_by_role: dict[str, Any]) -> Any:
    make_areas()
    import_plan(write_plan(tmp_path / "plan"), "wir2", title="WIR 2.0")
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("planning:concept_detail", kwargs={"slug": "wir2"})

    def get(stichtag: str) -> str:
        response = client.get(url, {"stichtag": stichtag})
        assert response.status_code == 200
        return re.sub(r"\s+", " ", response.content.decode())

    return get


def test_measures_show_their_status_on_the_date(page: Any) -> None:
    before, after = page("2024-12-31"), page("30.06.2025")
    assert re.search(r"M6 Brückenkurs</a> – [^,]+, 80 ", before)
    assert re.search(r"M6 Brückenkurs</a> – [^,]+, 100 ", after)
    assert re.search(r"M1 Sprachkurse Nord</a> – [^,]+, 55 ", before)


def test_a_district_goal_sits_under_the_city_goal_it_serves(page: Any) -> None:
    html = page("2024-12-31")
    city_goal, sub_goal, district_goal = (
        html.index("Z1 Sprache fördern"),
        html.index("Z1.1 Sprachkurse ausbauen"),
        html.index("Z1.1.N Sprachcafés in Nord-Mitte"),
    )
    assert city_goal < sub_goal < district_goal
    # The district goal names the area of its action plan.
    assert re.search(r"Z1\.1\.N Sprachcafés in Nord-Mitte</a></strong> · [^<]*Nord-Mitte", html)
    assert "HF2 Arbeit" in html and "Z3 Anerkennung beschleunigen" in html


def test_a_bad_date_is_a_bad_request(page: Any, users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("planning:concept_detail", kwargs={"slug": "wir2"})
    assert client.get(url, {"stichtag": "31.02.2024"}).status_code == 400


def test_the_list_links_the_concept(users_by_role: dict[str, Any], page: Any) -> None:
    client = signed_in_client(users_by_role[Role.STATISTICS.value])
    response = client.get(reverse("planning:concept_list"))
    assert reverse("planning:concept_detail", kwargs={"slug": "wir2"}) in response.content.decode()


def test_the_navigation_leads_the_coordinator_to_the_plan(
    users_by_role: dict[str, Any],
) -> None:
    url = reverse("planning:concept_list")
    coordinator = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    assert f'href="{url}"' in coordinator.get(reverse("core:dashboard")).content.decode()
    counsellor = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    assert f'href="{url}"' not in counsellor.get(reverse("core:dashboard")).content.decode()
