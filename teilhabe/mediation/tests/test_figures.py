"""Mediation figures against counts made by hand; the city tables with small numbers
suppressed."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from teilhabe.core.languages import language_name
from teilhabe.mediation import figures, services
from teilhabe.mediation.figures import Fact, tally
from teilhabe.mediation.models import Assignment, MediationRequest, Mediator, RequestingBody
from teilhabe.mediation.tests.world import make_request
from teilhabe.organisations.models import Area, Organisation


def fact(
    body: str, language: str, outcome: str, month: str = "03", lead: float | None = None
) -> Fact:
    return Fact(body, language, "Schule", "Mitte", month, outcome, lead)


def test_tally_by_hand() -> None:
    result = tally(
        [
            fact("Schule A", "Rumänisch", figures.FULFILLED, lead=2.0),
            fact("Schule A", "Rumänisch", figures.UNFULFILLED),
            fact("Jugendamt", "Rumänisch", figures.FULFILLED, "04", lead=30.0),
            fact("Jugendamt", "Arabisch", figures.OTHER, "04", lead=5.0),
            fact("Jugendamt", "Bulgarisch", figures.UNFULFILLED, "10"),
        ]
    )
    assert result.totals() == (5, 2, 2, 1)
    assert result.table("body") == [("Jugendamt", 3, 1, 1, 1), ("Schule A", 2, 1, 1, 0)]
    assert result.table("month") == [("03", 2, 1, 1, 0), ("04", 2, 1, 0, 1), ("10", 1, 0, 1, 0)]
    assert result.unmet_by_language() == [("Bulgarisch", 1), ("Rumänisch", 1)]
    assert result.lead_median_hours == 5.0


def test_city_tables_suppress_small_numbers_and_their_complements() -> None:
    rows = [fact("x", "A", figures.FULFILLED)] * 5 + [fact("x", "A", figures.UNFULFILLED)]
    rows += [fact("x", "A", figures.OTHER)] * 4
    rows += [fact("x", "B", figures.FULFILLED)] * 6 + [fact("x", "B", figures.UNFULFILLED)] * 3
    rows += [fact("x", "B", figures.OTHER)] * 3
    (language,) = [t for t in figures.city_tables(tally(rows), 3) if t.dimension == "language"]
    # A's single unfulfilled request is hidden; A's "other" closes its row, B's
    # unfulfilled and other close the columns: a cycle, nothing can be recomputed.
    assert language.rows == [("A", 10, 5, None, None), ("B", 12, 6, None, None)]
    assert language.totals == (22, 11, 4, 7)


@pytest.mark.django_db
def test_facts_from_requests(provider: Organisation) -> None:
    district = Area.objects.create(code="M", name="Mitte")
    body = RequestingBody.objects.create(organisation=provider, name="Gesundheitsamt")
    mediator = Mediator.objects.create(
        organisation=provider,
        first_name="A",
        last_name="B",
        kind="honorar",
        languages=["ron"],
        modalities=["vor_ort"],
    )
    completed = make_request(body, date=datetime.date(2026, 3, 10), district=district)
    services.assign(completed, mediator, user=None)
    services.complete(
        completed, minutes_spent=60, travel_minutes=0, travel_km=Decimal(0), modality="vor_ort"
    )
    make_request(body, date=datetime.date(2026, 3, 11), language="bul")  # passed untaken
    closed = make_request(body, date=datetime.date(2026, 3, 20), language="bul")
    services.close_unfulfilled(closed, reason="keine Kraft")
    make_request(body, date=datetime.date(2026, 3, 20))  # still ahead on the 15th: other
    cancelled = make_request(body, date=datetime.date(2026, 3, 12))
    services.cancel(cancelled, side="anfragend", reason="entfällt")
    make_request(body, date=datetime.date(2025, 3, 12))  # another year
    assigned_at = Assignment.objects.get(request=completed).assigned_at
    MediationRequest.objects.filter(pk=completed.pk).update(
        created_at=assigned_at - datetime.timedelta(hours=6)
    )
    other = Organisation.objects.create(slug="andere", name="Andere")
    make_request(RequestingBody.objects.create(organisation=other, name="Fremd"))

    result = tally(figures.facts([provider.pk], 2026, datetime.date(2026, 3, 15)))
    assert result.totals() == (5, 1, 2, 2)
    assert result.unmet_by_language() == [(language_name("bul"), 2)]
    assert result.table("district") == [("Mitte", 1, 1, 0, 0), ("–", 4, 0, 2, 2)]
    assert result.lead_median_hours == pytest.approx(6.0)
    everyone = tally(figures.facts(None, 2024, datetime.date(2026, 3, 15)))
    assert [row[0] for row in everyone.table("body")] == ["Fremd"]
