"""Self-check results per area against hand-computed expectations (results.py's rule)."""

from __future__ import annotations

import datetime

import pytest

from teilhabe.opening import results, selectors, services
from teilhabe.opening.results import AreaSpec, CriterionSpec
from teilhabe.opening.tests.world import START, criteria, make_catalogue

AREAS = [
    AreaSpec(
        "leitung",
        "Leitung",
        [CriterionSpec(1, "1.1", "a"), CriterionSpec(2, "1.2", "b"), CriterionSpec(3, "1.3", "c")],
    ),
    AreaSpec("personal", "Personal", [CriterionSpec(4, "2.1", "d"), CriterionSpec(5, "2.2", "e")]),
    AreaSpec("zugang", "Zugang", [CriterionSpec(6, "3.1", "f")]),
]


def test_area_results_by_hand() -> None:
    # leitung: 3 + 2 + 0 = 5 of 3 × 3 = 9 -> 55.6 % -> 56 %; strengths 1.1 (3), 1.2 (2);
    # gap 1.3 (0). personal: only 2.1 answered, level 1 -> 1 / 3 = 33.3 % -> 33 %, a gap;
    # 2.2 unanswered. zugang: nothing answered -> no result.
    found = results.area_results(AREAS, {1: 3, 2: 2, 3: 0, 4: 1}, top_level=3)
    lead, staff, access = found
    assert (lead.answered, lead.level_sum, lead.percent) == (3, 5, 56)
    assert [r.criterion.code for r in lead.strengths] == ["1.1", "1.2"]
    assert [r.criterion.code for r in lead.gaps] == ["1.3"]
    assert (staff.answered, staff.percent) == (1, 33)
    assert [r.criterion.code for r in staff.gaps] == ["2.1"] and staff.strengths == []
    assert [c.code for c in staff.unanswered] == ["2.2"]
    assert access.percent is None and access.answered == 0
    # overall: (5 + 1) / (4 × 3) = 50 %
    assert results.overall(found, 3) == 50


def test_rounding_is_half_up_and_thresholds_follow_the_top_level() -> None:
    # 1 + 2 = 3 of 2 × 4 = 8 -> 37.5 % -> 38 % (half up, not to even)
    assert results.percent([1, 2], 4) == 38
    # top level 4: strength from 8/3 = 2.67, i.e. 3 and 4; gap up to 4/3 = 1.33, i.e. 0, 1
    assert [results.is_strength(n, 4) for n in range(5)] == [False, False, False, True, True]
    assert [results.is_gap(n, 4) for n in range(5)] == [True, True, False, False, False]


def test_comparison_in_percentage_points_by_area_code() -> None:
    before = results.area_results(AREAS, {1: 1, 2: 1, 3: 1, 6: 3}, 3)  # 33 %, -, 100 %
    now = results.area_results(AREAS, {1: 3, 2: 2, 3: 0, 4: 1, 6: 2}, 3)  # 56, 33, 67 %
    results.compare(now, before)
    assert [(r.previous_percent, r.change) for r in now] == [(33, 23), (None, None), (100, -33)]


@pytest.mark.django_db
def test_stored_self_check_is_compared_with_the_institutions_previous(
    users_by_role: dict[str, object],
) -> None:
    from teilhabe.network.catalogue import install_actor_kinds
    from teilhabe.network.models import Actor, ActorKind

    install_actor_kinds()
    cat = make_catalogue()
    by_code = criteria(cat)
    kita = Actor.objects.create(name="Kita", kind=ActorKind.objects.get(code="kita"))
    other = Actor.objects.create(name="Schule", kind=ActorKind.objects.get(code="schule"))
    process = services.start_process(actor=kita, catalogue=cat, started_on=START)
    other_process = services.start_process(actor=other, catalogue=cat, started_on=START)
    first = services.save_self_check(
        process, answers={by_code["1.1"].pk: 0, by_code["1.2"].pk: 1}, day=START, user=None
    )
    # another institution's later self-check is never "the previous one"
    services.save_self_check(other_process, answers={by_code["1.1"].pk: 3}, day=START, user=None)
    later = START + datetime.timedelta(days=60)
    second = services.save_self_check(
        process,
        answers={by_code["1.1"].pk: 2, by_code["1.2"].pk: 3, by_code["3.1"].pk: 1},
        day=later,
        user=None,
    )
    result = selectors.self_check_result(second)
    assert result.previous == first
    lead, access = result.areas
    # leitung: now 2 + 3 = 5 of 6 -> 83 %; before 0 + 1 = 1 of 6 -> 17 %; +66 points
    assert (lead.percent, lead.previous_percent, lead.change) == (83, 17, 66)
    # zugang: now 1 of 3 -> 33 %; before unanswered -> no comparison
    assert (access.percent, access.previous_percent, access.change) == (33, None, None)
    assert result.overall == 67  # 6 of 9
    assert selectors.self_check_result(first).previous is None
