"""The case page in tabs (issue 10, item 9): each tab shows its part only, forms with
errors come back on their tab, tabs other apps register appear, and an unknown or
refused tab falls back to the overview."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import case_sections, services
from teilhabe.casework.models import Person
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation, Service

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 1)


@pytest.fixture
def world(users_by_role: dict[str, User], provider: Organisation) -> dict[str, Any]:
    author = users_by_role[Role.COUNSELLOR.value]
    client = Person.objects.create(organisation=provider, first_name="Olena", last_name="K")
    case = services.open_case(
        client=client, service_id=Service.objects.get(code="MBE").pk, kind="beratung",
        opened_on=DAY, access_route="familie", responsible=author,
    )  # fmt: skip
    for day, minutes in ((DAY, 30), (DAY + datetime.timedelta(days=7), 45)):
        services.record_session(
            case, author=author, present=[], date=day, duration_minutes=minutes,
            topics=["wohnen"], notes="Mietvertrag besprochen",
        )  # fmt: skip
    services.add_goal(
        case, user=author, area="sprachlich", text="B1-Kurs", agreed_on=DAY,
        review_on=DAY + datetime.timedelta(days=90),
    )  # fmt: skip
    return {"author": author, "case": case, "url": reverse("casework:case_detail", args=[case.pk])}


def _page(world: dict[str, Any], tab: str = "") -> str:
    response = signed_in_client(world["author"]).get(world["url"] + tab)
    assert response.status_code == 200
    return str(response.content.decode())


def test_each_tab_shows_its_own_part(world: dict[str, Any]) -> None:
    overview = _page(world)
    # two sessions, the last one on 08.03.2024; one open goal reviewed on 30.05.2024
    assert "2 (zuletzt am 08.03.2024)" in overview
    assert "1 (nächste Überprüfung am 30.05.2024)" in overview
    assert "Mietvertrag besprochen" not in overview and "B1-Kurs" not in overview
    history = _page(world, "?teil=verlauf")
    assert "Mietvertrag besprochen" in history and 'name="duration_minutes"' in history
    plan = _page(world, "?teil=plan")
    assert "B1-Kurs" in plan and "30.05.2024" in plan and "Mietvertrag" not in plan
    assert 'name="shared_with"' in _page(world, "?teil=team")


def test_the_current_tab_is_marked_and_unknown_tabs_fall_back(world: dict[str, Any]) -> None:
    assert 'href="' + world["url"] + '?teil=plan" aria-current="page"' in _page(world, "?teil=plan")
    fallback = _page(world, "?teil=<script>")
    assert 'href="' + world["url"] + '" aria-current="page"' in fallback
    assert "<script>" not in fallback.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_closing_form_is_behind_a_button_and_errors_reopen_it(world: dict[str, Any]) -> None:
    assert '<details class="section close-case" >' in _page(world)
    response = signed_in_client(world["author"]).post(
        reverse("casework:case_close", args=[world["case"].pk]), {"closed_on": "01.01.2020"}
    )
    assert response.status_code == 400
    assert '<details class="section close-case" open>' in response.content.decode()


def test_a_session_with_errors_comes_back_on_the_history_tab(world: dict[str, Any]) -> None:
    response = signed_in_client(world["author"]).post(
        reverse("casework:session_create", args=[world["case"].pk]), {"date": "kein Datum"}
    )
    assert response.status_code == 400 and response.context["tab"] == "verlauf"


@pytest.fixture
def extra_section() -> Iterator[None]:
    section = case_sections.CaseSection(
        key="extra",
        title="Extra",
        template="casework/case/overview.html",
        context=lambda request, case: None if case.client.first_name == "Olena" else {},
        offered=lambda request, case: request.user.username != "nobody",
    )
    case_sections.register_case_section(section)
    yield
    case_sections._sections.pop("extra")


@pytest.mark.usefixtures("extra_section")
def test_registered_sections_appear_and_may_refuse(world: dict[str, Any]) -> None:
    page = _page(world)
    assert 'href="' + world["url"] + '?teil=extra"' in page
    # the section's context refuses this case: the overview is shown instead
    assert 'href="' + world["url"] + '" aria-current="page"' in _page(world, "?teil=extra")


def test_the_overview_reads_little(
    world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = signed_in_client(world["author"])
    with django_assert_max_num_queries(25):
        client.get(world["url"])
