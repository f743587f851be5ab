"""The demo's grants (seeds/002 and 001): 49 small, 7 large and 4 internal projects for
about 566,000 EUR decided by a Kuratorium of 26, the district's fund of 6,000 EUR with
its board, refusals, open applications and proofs of use; loaded once only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from teilhabe.demo import musterstadt
from teilhabe.demo.grants_data import DISTRICT_BOARD, KURATORIUM, load_grants
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund, FundBudget, FundKind
from teilhabe.grants.application_models import Application, Grant, Status
from teilhabe.grants.grant_models import GrantNotice, Payment
from teilhabe.grants.models import Interest, ItemDecision, Recusal, VotingRight
from teilhabe.grants.selectors import rules_of, situation
from teilhabe.grants.voting import exclusion
from teilhabe.network.models import Body, Meeting
from teilhabe.proofs import services as proofs
from teilhabe.proofs.models import ProofOfUse, ProofStatus
from teilhabe.proofs.transparency import published_grants

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    # The whole demo (about a minute here): the grants need its plan, funds and network.
    musterstadt.load(scale=0)


def _wir(kind: str) -> Fund:
    return Fund.objects.get(programme__code="WIR", kind=kind)


def check_the_kuratorium_granted_49_small_7_large_4_internal_for_566000() -> None:
    counts = {
        kind: Grant.objects.filter(application__fund=_wir(kind)).count()
        for kind in (FundKind.SMALL_PROJECTS, FundKind.LARGE_PROJECTS, FundKind.INTERNAL_PROJECTS)
    }
    assert counts == {
        FundKind.SMALL_PROJECTS: 49,
        FundKind.LARGE_PROJECTS: 7,
        FundKind.INTERNAL_PROJECTS: 4,
    }
    wir = Grant.objects.filter(application__fund__programme__code="WIR")
    total = wir.aggregate(total=Sum("amount"))["total"]
    assert abs(total - Decimal("566000")) <= Decimal("5660")
    small = Grant.objects.filter(application__fund=_wir(FundKind.SMALL_PROJECTS))
    assert small.aggregate(top=Sum("amount"))["top"] and all(
        grant.amount <= 5000 for grant in small
    )
    # Every grant has its application with a balanced plan, an assessment, a notice.
    for grant in wir.select_related("application"):
        application = grant.application
        costs = sum((line.amount for line in application.costs.all()), Decimal(0))
        assert costs == application.own_contribution + application.requested
        assert application.assessments.exists()
        decision = ItemDecision.objects.get(agenda_item=application.agenda_item)
        assert decision.outcome == ItemDecision.Outcome.ADOPTED
    assert GrantNotice.objects.count() == Grant.objects.count()
    # Some paid in full, some in part.
    paid = {g.pk: sum((p.amount for p in g.payments.all()), Decimal(0)) for g in wir}
    full = [g for g in wir if paid[g.pk] == g.amount]
    part = [g for g in wir if 0 < paid[g.pk] < g.amount]
    assert full and part


def check_the_funds_hold_what_was_granted_and_paid() -> None:
    for fund in Fund.objects.all():
        for budget in FundBudget.objects.filter(fund=fund):
            figures = fund_figures(fund, budget.year)
            assert figures.committed <= figures.budget
            assert figures.paid <= figures.committed
            assert figures.free == figures.budget - figures.committed
    payments = Payment.objects.aggregate(total=Sum("amount"))["total"]
    assert payments and payments > 0
    district = Fund.objects.get(kind=FundKind.NEIGHBOURHOOD)
    year = timezone.localdate().year
    assert fund_figures(district, year).budget == Decimal("6000")
    decided = Grant.objects.filter(application__fund=district).count()
    refused = Application.objects.filter(fund=district, status=Status.REJECTED).count()
    assert 4 <= decided + refused <= 6


def check_the_boards_decide_with_their_members() -> None:
    kuratorium = Body.objects.get(name=KURATORIUM)
    assert VotingRight.objects.filter(membership__body=kuratorium).count() == 26
    assert VotingRight.objects.filter(membership__body=kuratorium, deputy__isnull=False).exists()
    assert VotingRight.objects.filter(membership__body__name=DISTRICT_BOARD).count() == 5
    held = Meeting.objects.filter(body=kuratorium, held_on__lte=timezone.localdate())
    assert held.count() == 8  # three a year
    assert Recusal.objects.filter(agenda_item__meeting__body=kuratorium).count() == 1
    ties = ItemDecision.objects.filter(outcome=ItemDecision.Outcome.TIE_REJECTED)
    assert ties.count() == 1 and ties.get().yes == ties.get().no
    # A member on the board of an applicant is excluded from that item (§ 20 VwVfG).
    interest = Interest.objects.get(
        membership__body=kuratorium, organisation__name__startswith="Afrikanisches"
    )
    excluded = Application.objects.filter(
        applicant_actor=interest.organisation, agenda_item__meeting__body=kuratorium
    ).first()
    assert excluded is not None and excluded.agenda_item is not None
    current = situation(excluded.agenda_item)
    seat = next(s for s in current.seats if s.member.key == interest.membership_id)
    assert exclusion(seat.member, current.applicant, rules_of(kuratorium.pk)) is not None
    assert Application.objects.filter(status=Status.REJECTED).count() >= 3
    assert (
        Application.objects.filter(
            status__in=[Status.SUBMITTED, Status.INCOMPLETE, Status.ON_AGENDA]
        ).count()
        >= 3
    )


def check_proofs_of_use_and_the_public_list() -> None:
    assert ProofOfUse.objects.filter(status=ProofStatus.ACCEPTED).count() == 1
    submitted = ProofOfUse.objects.get(status=ProofStatus.SUBMITTED)
    assert any(line.flagged for line in proofs.statement_of(submitted).lines)
    today = timezone.localdate()
    assert ProofOfUse.objects.filter(status=ProofStatus.OPEN, due_on__lt=today).count() == 1
    # Only organisations in the public list: the private person's application is not.
    assert all(g.application.applicant_actor_id for g in published_grants())
    assert published_grants().count() == Grant.objects.count()


def test_the_demo_grants(demo: None) -> None:
    """One load for all checks: loading the demo takes most of the time."""
    check_the_kuratorium_granted_49_small_7_large_4_internal_for_566000()
    check_the_funds_hold_what_was_granted_and_paid()
    check_the_boards_decide_with_their_members()
    check_proofs_of_use_and_the_public_list()
    # Loading twice changes nothing.
    before = (Grant.objects.count(), Application.objects.count(), Body.objects.count())
    load_grants()
    assert (Grant.objects.count(), Application.objects.count(), Body.objects.count()) == before
