"""Query parameters, path ids and id lists with hostile values (issue 9, finding 7):
a 400 with the error page, a 404 or a 422, never a 500."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from teilhabe.accounts.roles import Role
from teilhabe.activities import services as activity_services
from teilhabe.conftest import signed_in_client
from teilhabe.core import params
from teilhabe.organisations.models import Organisation, Service


def query(**values: str) -> QueryDict:
    result = QueryDict(mutable=True)
    result.update(values)
    return result


@pytest.mark.parametrize(
    ("value", "expected"), [("2024", 2024), (" 1990 ", 1990), ("2100", 2100), ("", None)]
)
def test_a_year_within_range_is_read(value: str, expected: int | None) -> None:
    assert params.year(query(jahr=value), default=None) == expected


@pytest.mark.parametrize(
    "value", ["99999", "0", "1989", "2101", "²", "١٢", "２０２４", "-1", "2e3"]
)
def test_a_year_out_of_range_or_with_other_digits_is_refused(value: str) -> None:
    with pytest.raises(params.InvalidParameter) as refused:
        params.year(query(jahr=value), default=2024)
    assert refused.value.name == "jahr"


def test_month_date_id_page_choice_and_text() -> None:
    assert params.month(query(monat="2024-02"), default=None) == (2024, 2)
    assert params.date(query(datum="2024-02-29"), default=None) == datetime.date(2024, 2, 29)
    assert params.date(query(datum="1.3.2024"), default=None) == datetime.date(2024, 3, 1)
    assert params.object_id(query(bericht="7"), "bericht", default=None) == 7
    assert params.page(query()) == 1 and params.page(query(seite="3")) == 3
    assert params.choice(query(status="closed"), "status", ("open", "closed"), default="") == (
        "closed"
    )
    assert params.text(query(q=" Olena "), "q") == "Olena"
    for parameter, value in [
        ("monat", "9999-12"),
        ("monat", "2024-13"),
        ("monat", "2024-1"),
        ("datum", "2026-02-30"),
        ("datum", "30.02.2026"),
        ("datum", "2024-02-29T00:00"),
        ("bericht", "²"),
        ("bericht", "0"),
        ("bericht", str(2**63)),
        ("seite", "1e400"),
        ("status", "all"),
        ("q", "a\x00b"),
        ("q", "x" * 201),
    ]:
        parsers: dict[str, Callable[[QueryDict], object]] = {
            "monat": lambda data: params.month(data, default=None),
            "datum": lambda data: params.date(data, default=None),
            "bericht": lambda data: params.object_id(data, "bericht", default=None),
            "seite": params.page,
            "status": lambda data: params.choice(data, "status", ("open", "closed"), default=""),
            "q": lambda data: params.text(data, "q"),
        }
        with pytest.raises(params.InvalidParameter):
            parsers[parameter](query(**{parameter: value}))


def test_no_url_takes_an_unbounded_integer() -> None:
    """Every numeric path id uses the `id` converter (teilhabe/core/converters.py)."""

    def walk(patterns: list[Any]) -> list[str]:
        found = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                found += walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                converters = getattr(pattern.pattern, "converters", {})
                found += [
                    str(pattern.pattern) for c in converters.values() if type(c) is IntConverter
                ]
        return found

    assert walk(get_resolver().url_patterns) == []


@pytest.mark.django_db
def test_an_id_list_beyond_the_integer_column_finds_nothing() -> None:
    huge = 2**70
    assert list(Service.objects.filter(pk__in=[huge])) == []
    first = Service.objects.order_by("pk").first()
    assert first is not None
    assert list(Service.objects.filter(pk__in=[huge, first.pk])) == [first]


@pytest.fixture
def group_client(users_by_role: dict[str, Any], provider: Organisation) -> tuple[Client, int]:
    group = activity_services.create_group(provider, name="Elterncafé")
    return signed_in_client(users_by_role[Role.PROGRAMME_COORDINATOR.value]), group.pk


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["99999", "0", "²"])
def test_a_hostile_year_on_the_group_page_is_a_400(
    value: str, group_client: tuple[Client, int]
) -> None:
    client, pk = group_client
    response = client.get(reverse("activities:group_detail", kwargs={"pk": pk}), {"jahr": value})
    assert response.status_code == 400
    assert next(t.name for t in response.templates) == "400.html"
    assert "jahr" in response.context["detail"]


@pytest.mark.django_db
def test_an_impossible_date_or_month_is_a_400(group_client: tuple[Client, int]) -> None:
    client, pk = group_client
    url = reverse("activities:meeting_create", kwargs={"pk": pk})
    assert client.get(url, {"datum": "2026-02-30"}).status_code == 400
    assert client.get(reverse("activities:calendar"), {"monat": "9999-12"}).status_code == 400
    assert client.get(reverse("activities:event_list"), {"jahr": "99999"}).status_code == 400


@pytest.mark.django_db
def test_a_huge_path_id_is_a_404(group_client: tuple[Client, int]) -> None:
    client, pk = group_client
    url = reverse("activities:group_detail", kwargs={"pk": pk})
    assert client.get(url).status_code == 200
    assert client.get(url.replace(str(pk), "99999999999999999999")).status_code == 404
    assert client.get(url.replace(str(pk), str(2**63))).status_code == 404


@pytest.mark.django_db
def test_a_hostile_report_id_on_the_reopen_page_is_a_400(users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    assert client.get(reverse("statistics:reopen"), {"bericht": "²"}).status_code == 400
    assert client.get(reverse("statistics:reopen"), {"bericht": "9" * 30}).status_code == 400


@pytest.mark.django_db
def test_a_huge_api_limit_is_refused(users_by_role: dict[str, Any]) -> None:
    from teilhabe.api.services import issue_token

    key = issue_token(users_by_role[Role.COUNSELLOR.value], "test")[1]
    client = Client(headers={"Authorization": f"Bearer {key}"})
    url = reverse("api:cases")
    assert client.get(url, {"limit": "99999999999999999999"}).status_code == 422
    assert client.get(url, {"offset": "99999999999999999999"}).status_code == 422
    assert client.get(url, {"limit": "500"}).status_code == 200
    assert client.get(reverse("api:case", kwargs={"pk": 2**64})).status_code == 422


@pytest.mark.django_db
def test_the_second_factor_page_ignores_a_next_that_is_not_a_path(
    users_by_role: dict[str, Any],
) -> None:
    client = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    response = client.get(reverse("accounts:second_factor"), {"next": "99999"})
    assert response.status_code == 302 and response.url == "/"


def test_the_second_factor_code_takes_only_ascii_digits() -> None:
    from teilhabe.accounts.forms import TokenForm

    assert TokenForm({"token": "123456"}).is_valid()
    assert not TokenForm({"token": "²²²²²²"}).is_valid()
    assert not TokenForm({"token": "١٢٣٤٥٦"}).is_valid()


@pytest.mark.django_db
def test_an_overlong_user_name_is_refused_before_the_lock_out_log() -> None:
    """The lock-out log keeps user names in 255 characters: PostgreSQL refused a longer
    one with an error (500) instead of the login form's message."""
    from axes.models import AccessAttempt

    response = Client().post(reverse("accounts:login"), {"username": "x" * 3000, "password": "y"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not AccessAttempt.objects.filter(username__startswith="xxx").exists()
