"""Security review (attack as another role/organisation): the outside body's token form
takes no organisation, body or status from the POST; an inactive body's link is dead;
another pool's coordinator and another mediator reach nothing by id."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.mediation.models import (
    Assignment,
    MediationRequest,
    Mediator,
    RequestingBody,
    Status,
)
from teilhabe.mediation.tests.world import mediation_world
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

FORM = {
    "requesting_person": "Frau Sekretariat",
    "language": "ron",
    "subject": "schule",
    "date": "2030-03-04",
    "starts_at": "08:00",
    "duration_minutes": "45",
    "modality": "telefon",
    "family_reference": "F-99",
}


@pytest.fixture
def world(provider: Organisation, users_by_role: dict[str, Any]) -> dict[str, Any]:
    return mediation_world(provider, users_by_role["counsellor"])


@pytest.fixture
def other() -> Organisation:
    return Organisation.objects.create(slug="fremd", name="Fremder Träger")


def test_outside_form_ignores_posted_organisation_body_and_status(
    world: dict[str, Any], provider: Organisation, other: Organisation
) -> None:
    foreign_body = RequestingBody.objects.create(organisation=other, name="Fremde Schule")
    url = reverse("mediation:outside_request", args=[world["<body_token>"]])
    hostile = {
        **FORM,
        "organisation": str(other.pk),
        "body": str(foreign_body.pk),
        "status": Status.COMPLETED,
        "created_by": "1",
    }
    response = Client().post(url, hostile)
    assert response.status_code == 200
    item = MediationRequest.objects.get(family_reference="F-99")
    assert (item.organisation, item.body_id, item.status, item.created_by) == (
        provider,
        world["<requesting_body>"],
        Status.OPEN,
        None,
    )
    # the thank-you page names no other request
    assert "Frau Sekretariat" not in response.content.decode()


def test_an_inactive_body_or_a_guessed_token_is_a_404(world: dict[str, Any]) -> None:
    body = RequestingBody.objects.get(pk=world["<requesting_body>"])
    token = world["<body_token>"]
    assert Client().get(reverse("mediation:outside_request", args=[token])).status_code == 200
    for guess in (token[:-1], token.upper(), token + "x"):
        assert Client().get(reverse("mediation:outside_request", args=[guess])).status_code == 404
    # what is no token at all does not even match the address
    assert Client().get("/sprachmittlung/extern/'%20OR%201=1%20--/").status_code == 404
    body.is_active = False
    body.save(update_fields=["is_active"])
    assert Client().post(reverse("mediation:outside_request", args=[token]), FORM).status_code == (
        404
    )
    assert not MediationRequest.objects.filter(family_reference="F-99").exists()


def test_another_pool_reaches_no_mediator_body_or_assignment(
    world: dict[str, Any], other: Organisation
) -> None:
    foreign_lead = signed_in_client(make_user("fremdleitung", other, Role.TEAM_LEAD.value))
    for name, key in (("mediator_edit", "<mediator>"), ("body_edit", "<requesting_body>")):
        assert foreign_lead.get(reverse(f"mediation:{name}", args=[world[key]])).status_code == 404
    for name in ("request_detail", "request_cancel", "request_complete"):
        url = reverse(f"mediation:{name}", args=[world["<assigned_request>"]])
        assert foreign_lead.get(url).status_code == 404, name
    unfulfilled = reverse("mediation:request_unfulfilled", args=[world["<mediation_request>"]])
    assert foreign_lead.post(unfulfilled).status_code == 404
    assert MediationRequest.objects.get(pk=world["<mediation_request>"]).status == Status.OPEN
    mediators = foreign_lead.get(reverse("mediation:mediator_list")).content.decode()
    assert "Popescu" not in mediators

    stranger = signed_in_client(make_user("fremdmittler", other, Role.COUNSELLOR.value))
    for name in ("my_cancel", "my_complete"):
        url = reverse(f"mediation:{name}", args=[world["<assignment>"]])
        assert stranger.get(url).status_code in (403, 404), name
    confirm = reverse("mediation:my_confirm", args=[world["<assignment>"]])
    assert stranger.post(confirm).status_code in (403, 404)
    accept = reverse("mediation:accept", args=[world["<mediation_request>"]])
    assert stranger.post(accept).status_code in (403, 404)
    assignment = Assignment.objects.get(pk=world["<assignment>"])
    assert assignment.confirmed_at is None and assignment.cancelled_at is None


def test_a_coordinator_cannot_move_a_body_into_another_organisation(
    world: dict[str, Any],
    users_by_role: dict[str, Any],
    provider: Organisation,
    other: Organisation,
) -> None:
    lead = signed_in_client(users_by_role["team_lead"])
    url = reverse("mediation:body_edit", args=[world["<requesting_body>"]])
    response = lead.post(
        url, {"organisation": str(other.pk), "name": "Umgezogen", "is_active": "on"}
    )
    assert response.status_code in (200, 400)
    body = RequestingBody.objects.get(pk=world["<requesting_body>"])
    assert (body.organisation, body.name) == (provider, "Gesamtschule Matrix")


def test_one_account_is_one_mediator_of_a_pool(world: dict[str, Any]) -> None:
    """Review finding: a second record of the same account in the same pool made
    accepting a request fail with a 500; the database and the form refuse it now."""
    from django.db import IntegrityError, transaction

    first = Mediator.objects.get(pk=world["<mediator>"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Mediator.objects.create(
            organisation=first.organisation,
            first_name="Ana",
            last_name="Popescu (2)",
            kind=first.kind,
            user=first.user,
            languages=["ron"],
            subjects=first.subjects,
            modalities=first.modalities,
        )
    second = Mediator(organisation=first.organisation, first_name="Ana", last_name="B",
                      kind=first.kind, user=first.user)  # fmt: skip
    with pytest.raises(ValidationError):
        second.validate_constraints()


def test_the_database_holds_no_usable_link(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    """Only the link's SHA-256 is stored: a copy of the table opens no form. The link is
    shown once when issued; a new one makes the old one stop working."""
    body = RequestingBody.objects.get(pk=world["<requesting_body>"])
    token = world["<body_token>"]
    assert token not in body.token_hash
    form = "mediation:outside_request"
    assert Client().get(reverse(form, args=[body.token_hash])).status_code == 404

    lead = signed_in_client(users_by_role["team_lead"])
    assert token not in lead.get(reverse("mediation:body_list")).content.decode()
    shown = lead.post(reverse("mediation:body_link", args=[body.pk]), follow=True)
    page = shown.content.decode()
    new = page.split("/sprachmittlung/extern/")[1].split("/")[0]
    assert new != token and "nicht noch einmal angezeigt" in page
    assert new not in lead.get(reverse("mediation:body_list")).content.decode()  # only once
    assert Client().get(reverse(form, args=[token])).status_code == 404
    assert Client().get(reverse(form, args=[new])).status_code == 200
