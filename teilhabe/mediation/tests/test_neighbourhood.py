"""Neighbourhood conflicts: the deletion after the period leaves the yearly figures
unchanged; entries of another organisation are a 404; outreach counts by hand."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.conftest import signed_in_client
from teilhabe.mediation import neighbourhood
from teilhabe.mediation.models_neighbourhood import ConflictEntry, OutreachContact
from teilhabe.organisations.models import Area, Organisation

pytestmark = pytest.mark.django_db


def conflict(organisation: Organisation, day: datetime.date, **fields: Any) -> ConflictEntry:
    values: dict[str, Any] = {
        "organisation": organisation,
        "occurred_on": day,
        "area": "Marktplatz",
        "kind": "laerm",
        "parties": "Anwohnende",
        "outcome": "geloest",
    }
    values.update(fields)
    return ConflictEntry.objects.create(**values)


def test_cutoff_is_twelve_months_back() -> None:
    assert neighbourhood.cutoff(datetime.date(2026, 12, 3)) == datetime.date(2025, 12, 3)
    assert neighbourhood.cutoff(datetime.date(2026, 3, 31), 2) == datetime.date(2026, 1, 28)


def test_purge_keeps_the_yearly_figures(provider: Organisation) -> None:
    north = Area.objects.create(code="N", name="Nord")
    conflict(provider, datetime.date(2025, 3, 1), district=north)
    conflict(provider, datetime.date(2025, 6, 1), district=north)
    conflict(provider, datetime.date(2025, 6, 2), district=north, kind="muell", preventive=True)
    conflict(provider, datetime.date(2025, 12, 20))  # within the period on 03.12.2026
    before = neighbourhood.conflict_figures([provider.pk], 2025)
    assert before == {
        ("Nord", "laerm", False): 2,
        ("Nord", "muell", True): 1,
        ("–", "laerm", False): 1,
    }

    assert neighbourhood.purge_conflicts(datetime.date(2026, 12, 3)) == 3
    assert list(ConflictEntry.objects.values_list("occurred_on", flat=True)) == [
        datetime.date(2025, 12, 20)
    ]
    assert neighbourhood.conflict_figures([provider.pk], 2025) == before
    # A second run deletes nothing and counts nothing twice.
    assert neighbourhood.purge_conflicts(datetime.date(2026, 12, 3)) == 0
    assert neighbourhood.conflict_figures([provider.pk], 2025) == before


def test_conflicts_of_another_organisation_are_404(
    provider: Organisation, users_by_role: dict[str, Any]
) -> None:
    other = Organisation.objects.create(slug="andere", name="Andere")
    foreign = conflict(other, datetime.date(2026, 5, 1), area="Fremdplatz")
    own = conflict(provider, datetime.date(2026, 5, 1))
    client = signed_in_client(users_by_role["counsellor"])
    assert client.get(reverse("mediation:conflict_edit", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("mediation:conflict_edit", args=[own.pk])).status_code == 200
    page = client.get(reverse("mediation:conflict_list") + "?jahr=2026").content.decode()
    assert "Fremdplatz" not in page and "Marktplatz" in page


def test_outreach_figures_by_hand(provider: Organisation, users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role["counsellor"])
    for persons in ("3", "4"):
        response = client.post(
            reverse("mediation:outreach_create"),
            {
                "date": "2026-05-04",
                "place": "Spielplatz",
                "language": "ron",
                "topic": "schule",
                "persons": persons,
            },
        )
        assert response.status_code == 302
    OutreachContact.objects.create(
        organisation=provider, date=datetime.date(2026, 5, 5), place="Markt", topic="wohnen"
    )
    rows = neighbourhood.outreach_figures([provider.pk], 2026)
    assert [(r["topic"], r["contacts"], r["persons"]) for r in rows] == [
        ("schule", 2, 7),
        ("wohnen", 1, 1),
    ]
