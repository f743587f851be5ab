"""Named votes and the written procedure on the board item page, each case computed by
hand. The board of `world.py`: seats A (chair), B (deputy Bruno), C (works for the
applicant: excluded), D (deputy Doris), E; five seats, so quorum needs
max(5 // 2 + 1, 3) = 3 who may act on the item."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from teilhabe.conftest import signed_in_client
from teilhabe.grants.models import (
    BoardRules,
    ItemDecision,
    NamedVote,
    WrittenAnswer,
    WrittenProcedure,
)
from teilhabe.grants.tests.world import attend, board_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city: Any) -> dict[str, Any]:
    return board_world(city)


@pytest.fixture
def client(users_by_role: Any) -> Any:
    return signed_in_client(users_by_role["integration_coordinator"])


def _url(board: dict[str, Any]) -> str:
    return reverse("grants:board_item", kwargs={"pk": board["item"].pk})


def _named(client: Any, board: dict[str, Any], votes: dict[Any, str]) -> Any:
    data = {"action": "named", **{f"vote_{m.pk}": vote for m, vote in votes.items()}}
    return client.post(_url(board), data)


def _answer(client: Any, board: dict[str, Any], membership: Any, answer: str) -> Any:
    data = {"action": "written_answer", "answerer": membership.pk, "answer": answer}
    return client.post(_url(board), data)


def test_the_named_form_lists_only_who_votes_for_a_seat(board: dict[str, Any], client: Any) -> None:
    a, b, c, d, e = board["members"]
    attend(board["meeting"], a, b, c, e)
    page = client.get(_url(board) + "?namentlich=1").content.decode()
    for voter in (a, b, e):
        assert f'name="vote_{voter.pk}"' in page
    # C is excluded as the applicant's employee, D is absent
    assert f'name="vote_{c.pk}"' not in page
    assert f'name="vote_{d.pk}"' not in page
    # the count form is untouched
    for name in ("yes", "no", "abstain", "chair_vote"):
        assert f'name="{name}"' in page


def test_a_named_vote_that_passes(board: dict[str, Any], client: Any) -> None:
    a, b, _c, d, e = board["members"]
    attend(board["meeting"], a, b, d, e)
    # A yes, B yes, D no, E abstains: 2 yes > 1 no -> adopted; 4 present, 3 needed
    response = _named(client, board, {a: "ja", b: "ja", d: "nein", e: "enthaltung"})
    assert response.status_code == 302
    decision = ItemDecision.objects.get()
    assert (decision.yes, decision.no, decision.abstain) == (2, 1, 1)
    assert (decision.outcome, decision.present, decision.required) == ("angenommen", 4, 3)
    assert (decision.procedure, decision.chair_vote) == ("sitzung", "ja")
    assert dict(NamedVote.objects.values_list("membership_id", "vote")) == {
        a.pk: "ja",
        b.pk: "ja",
        d.pk: "nein",
        e.pk: "enthaltung",
    }
    page = client.get(_url(board)).content.decode()
    assert 'id="named-votes"' in page


@pytest.mark.parametrize(
    ("casting", "chair", "outcome"),
    [
        # 2 yes : 2 no, the statute's default: a tie rejects
        (False, "ja", "stimmengleichheit"),
        # the board's rules let the chair decide, the chair voted yes
        (True, "ja", "angenommen"),
        # ... the chair voted no
        (True, "nein", "abgelehnt"),
    ],
)
def test_a_tie_with_and_without_the_chairs_vote(
    board: dict[str, Any], client: Any, casting: bool, chair: str, outcome: str
) -> None:
    BoardRules.objects.create(body=board["body"], chair_casting_vote=casting)
    a, b, _c, d, e = board["members"]
    attend(board["meeting"], a, b, d, e)
    other = "nein" if chair == "ja" else "ja"
    response = _named(client, board, {a: chair, b: chair, d: other, e: other})
    assert response.status_code == 302
    decision = ItemDecision.objects.get()
    assert (decision.yes, decision.no, decision.outcome) == (2, 2, outcome)


def test_a_tie_when_the_chair_abstains_is_rejected_even_with_the_casting_vote(
    board: dict[str, Any], client: Any
) -> None:
    BoardRules.objects.create(body=board["body"], chair_casting_vote=True)
    a, b, _c, d, e = board["members"]
    attend(board["meeting"], a, b, d, e)
    # 1 yes : 1 no, the chair abstained: nothing to decide the tie
    response = _named(client, board, {a: "enthaltung", b: "ja", d: "nein", e: "enthaltung"})
    assert response.status_code == 302
    assert ItemDecision.objects.get().outcome == "stimmengleichheit"


def test_a_recused_members_vote_is_refused(board: dict[str, Any], client: Any) -> None:
    a, b, c, d, e = board["members"]
    attend(board["meeting"], a, b, c, d, e)
    response = client.post(_url(board), {"action": "recuse", "membership": d.pk, "reason": "x"})
    assert response.status_code == 302
    # A, B, E may vote (3 of 3 needed); D recused
    response = _named(client, board, {a: "ja", b: "ja", d: "ja", e: "nein"})
    assert response.status_code == 400
    assert not ItemDecision.objects.exists()
    # ... as is the excluded C's
    response = _named(client, board, {a: "ja", b: "ja", c: "ja", e: "nein"})
    assert response.status_code == 400
    assert not ItemDecision.objects.exists()
    # without them the vote is recorded: 2 yes : 1 no
    assert _named(client, board, {a: "ja", b: "ja", e: "nein"}).status_code == 302
    assert ItemDecision.objects.get().outcome == "angenommen"


def test_named_votes_without_quorum_are_refused(board: dict[str, Any], client: Any) -> None:
    a, b, c, _d, _e = board["members"]
    attend(board["meeting"], a, b, c)  # C excluded: 2 of 3 needed
    response = _named(client, board, {a: "ja", b: "ja"})
    assert response.status_code == 400
    assert not ItemDecision.objects.exists()


def test_a_written_procedure_with_an_objection_records_no_decision(
    board: dict[str, Any], client: Any, users_by_role: Any
) -> None:
    a, b, _c, d, e = board["members"]
    assert client.post(_url(board), {"action": "written_start"}).status_code == 302
    assert _answer(client, board, a, "ja").status_code == 302
    assert _answer(client, board, b, "ja").status_code == 302
    assert _answer(client, board, e, "widerspruch").status_code == 302
    procedure = WrittenProcedure.objects.get()
    assert procedure.state == WrittenProcedure.State.OBJECTED
    assert procedure.ended_at is not None
    assert not ItemDecision.objects.exists()
    # the procedure is over: no further answer, no second procedure
    assert _answer(client, board, d, "ja").status_code == 400
    assert client.post(_url(board), {"action": "written_start"}).status_code == 400
    assert WrittenAnswer.objects.count() == 3
    # every answer and the end of the procedure are in the audit log with the recorder
    created = LogEntry.objects.filter(
        action=LogEntry.Action.CREATE, content_type__model="writtenanswer"
    )
    assert {entry.actor for entry in created} == {users_by_role["integration_coordinator"]}
    assert created.count() == 3
    assert LogEntry.objects.filter(
        action=LogEntry.Action.UPDATE, content_type__model="writtenprocedure"
    ).exists()
    # the item goes to the meeting, where it is decided: 3 yes : 1 no
    attend(board["meeting"], a, b, d, e)
    response = client.post(_url(board), {"action": "decide", "yes": "3", "no": "1", "abstain": "0"})
    assert response.status_code == 302
    assert ItemDecision.objects.get().procedure == "sitzung"


def test_a_written_procedure_without_objection_decides(board: dict[str, Any], client: Any) -> None:
    a, b, c, d, e = board["members"]
    bruno = board["deputies"][0]
    client.post(_url(board), {"action": "written_start"})
    # C is excluded: C takes no part, and nobody waits for C's seat
    assert _answer(client, board, c, "ja").status_code == 400
    assert _answer(client, board, a, "ja").status_code == 302
    # B's deputy answers for B's seat; B can no longer answer for it
    assert _answer(client, board, bruno, "nein").status_code == 302
    assert _answer(client, board, b, "ja").status_code == 400
    assert _answer(client, board, d, "ja").status_code == 302
    # E has not answered: no result yet
    assert WrittenProcedure.objects.get().state == WrittenProcedure.State.OPEN
    assert not ItemDecision.objects.exists()
    assert _answer(client, board, e, "enthaltung").status_code == 302
    # 4 answered (A, Bruno, D, E) of 3 needed; 2 yes : 1 no, 1 abstention -> adopted
    assert WrittenProcedure.objects.get().state == WrittenProcedure.State.DECIDED
    decision = ItemDecision.objects.get()
    assert (decision.yes, decision.no, decision.abstain) == (2, 1, 1)
    assert (decision.outcome, decision.present, decision.required) == ("angenommen", 4, 3)
    assert decision.procedure == ItemDecision.Procedure.WRITTEN
    assert dict(NamedVote.objects.values_list("membership_id", "vote")) == {
        a.pk: "ja",
        bruno.pk: "nein",
        d.pk: "ja",
        e.pk: "enthaltung",
    }


def test_a_recusal_of_the_last_seat_outstanding_concludes_the_written_procedure(
    board: dict[str, Any], client: Any
) -> None:
    a, b, _c, d, e = board["members"]
    client.post(_url(board), {"action": "written_start"})
    for member in (a, b, d):
        _answer(client, board, member, "ja")
    assert WrittenProcedure.objects.get().state == WrittenProcedure.State.OPEN
    # E, the last seat outstanding, declares a recusal: A, B, D answered, 3 of 3
    # needed; 3 yes : 0 no -> adopted
    client.post(_url(board), {"action": "recuse", "membership": e.pk, "reason": "x"})
    assert WrittenProcedure.objects.get().state == WrittenProcedure.State.DECIDED
    decision = ItemDecision.objects.get()
    assert (decision.yes, decision.no, decision.outcome, decision.present) == (
        3,
        0,
        "angenommen",
        3,
    )


def test_a_decision_at_the_meeting_ends_an_open_written_procedure(
    board: dict[str, Any], client: Any
) -> None:
    a, b, _c, d, e = board["members"]
    client.post(_url(board), {"action": "written_start"})
    _answer(client, board, a, "ja")
    attend(board["meeting"], a, b, d, e)
    response = _named(client, board, {a: "ja", b: "nein", d: "nein", e: "nein"})
    assert response.status_code == 302
    assert WrittenProcedure.objects.get().state == WrittenProcedure.State.SUPERSEDED
    # 1 yes : 3 no at the meeting; the written answer counts for nothing
    decision = ItemDecision.objects.get()
    assert (decision.outcome, decision.procedure) == ("abgelehnt", "sitzung")
    assert _answer(client, board, b, "ja").status_code == 400


def test_a_written_procedure_without_quorum_ends_without_a_decision(
    board: dict[str, Any], client: Any
) -> None:
    a, b, _c, d, e = board["members"]
    # B and D recused, C excluded: only A and E have a say, 3 are needed
    for member in (b, d):
        client.post(_url(board), {"action": "recuse", "membership": member.pk, "reason": "x"})
    client.post(_url(board), {"action": "written_start"})
    _answer(client, board, a, "ja")
    _answer(client, board, e, "ja")
    assert WrittenProcedure.objects.get().state == WrittenProcedure.State.NO_QUORUM
    assert not ItemDecision.objects.exists()


def test_a_read_only_member_organisation_records_no_vote(
    board: dict[str, Any], users_by_role: Any, provider: Any
) -> None:
    from teilhabe.network import services as network_services
    from teilhabe.network.models import BodyMembership

    BodyMembership.objects.create(
        body=board["body"],
        actor=network_services.actor_for_organisation(provider),
        term_from=board["meeting"].held_on,
    )
    a, b, _c, d, _e = board["members"]
    attend(board["meeting"], a, b, d)
    lead = signed_in_client(users_by_role["team_lead"])
    assert _named(lead, board, {a: "ja", b: "ja", d: "ja"}).status_code == 403
    assert lead.post(_url(board), {"action": "written_start"}).status_code == 403
    assert not ItemDecision.objects.exists()
    assert not WrittenProcedure.objects.exists()


def test_the_day_for_the_answers_ends_the_procedure_with_the_answers_received(
    board: dict[str, Any], client: Any
) -> None:
    import datetime

    from django.utils import timezone

    a, b, _c, d, e = board["members"]
    today = timezone.localdate()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    # a day in the past is refused; the form offers two weeks ahead
    assert (
        client.post(_url(board), {"action": "written_start", "answer_by": yesterday}).status_code
        == 400
    )
    assert not WrittenProcedure.objects.exists()
    offered = client.get(_url(board)).context["start_form"]["answer_by"].value()
    assert offered == today + datetime.timedelta(days=14)
    due = (today + datetime.timedelta(days=3)).isoformat()
    assert (
        client.post(_url(board), {"action": "written_start", "answer_by": due}).status_code == 302
    )
    for member in (a, b, d):
        assert _answer(client, board, member, "ja").status_code == 302
    page = client.get(_url(board)).content.decode()
    assert f"Antworten bis {(today + datetime.timedelta(days=3)):%d.%m.%Y}" in page
    assert WrittenProcedure.objects.get().state == WrittenProcedure.State.OPEN  # E waited for
    # the day passes without E's answer: A, B, D answered, 3 of 3 needed -> adopted 3 : 0
    WrittenProcedure.objects.update(answer_by=today - datetime.timedelta(days=1))
    late = _answer(client, board, e, "nein")
    assert late.status_code == 400
    assert WrittenAnswer.objects.filter(membership=e).count() == 0
    procedure = WrittenProcedure.objects.get()
    assert procedure.state == WrittenProcedure.State.DECIDED
    decision = ItemDecision.objects.get()
    assert (decision.yes, decision.no, decision.present, decision.outcome) == (
        3,
        0,
        3,
        "angenommen",
    )


def test_the_daily_job_ends_an_overdue_procedure_without_quorum(
    board: dict[str, Any], client: Any
) -> None:
    import datetime

    from django.utils import timezone

    from teilhabe.grants import jobs

    a, b, _c, _d, _e = board["members"]
    due = timezone.localdate() + datetime.timedelta(days=1)
    client.post(_url(board), {"action": "written_start", "answer_by": due.isoformat()})
    _answer(client, board, a, "ja")
    _answer(client, board, b, "ja")
    assert jobs.daily().startswith("0 ")  # not yet due
    WrittenProcedure.objects.update(answer_by=timezone.localdate() - datetime.timedelta(days=1))
    # two answered, three needed: no quorum, no decision; the item goes to a meeting
    assert jobs.daily().startswith("1 ")
    assert WrittenProcedure.objects.get().state == WrittenProcedure.State.NO_QUORUM
    assert not ItemDecision.objects.exists()
    assert jobs.daily().startswith("0 ")
