"""The ranking of mediators on hand-built cases: each criterion decides one case."""

from __future__ import annotations

import datetime

from django.utils import timezone

from teilhabe.mediation.matching import Candidate, Need, rank, reasons_for

TEN = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
ELEVEN = TEN + datetime.timedelta(hours=1)


def need(**fields: object) -> Need:
    values: dict[str, object] = {
        "language": "ron",
        "starts": TEN,
        "ends": ELEVEN,
        "modality": "vor_ort",
        "subject": "schule",
        "district_id": None,
    }
    values.update(fields)
    return Need(**values)  # type: ignore[arg-type]


def person(pk: int, name: str, **fields: object) -> Candidate:
    values: dict[str, object] = {"languages": ("ron",), "modalities": ("vor_ort", "telefon")}
    values.update(fields)
    return Candidate(mediator_id=pk, name=name, **values)  # type: ignore[arg-type]


def order(ranked: list) -> list[str]:  # type: ignore[type-arg]
    return [item.candidate.name for item in ranked]


def test_exact_language_before_related_variety_and_others_left_out() -> None:
    balkan = person(1, "Zora", languages=("rmn",))
    vlax = person(2, "Anka", languages=("rmy", "ron"))
    turkish = person(3, "Can", languages=("tur",))
    ranked = rank(need(language="rmn"), [vlax, turkish, balkan])
    assert order(ranked) == ["Zora", "Anka"]
    # 100 exact + 20 fair share (no assignment) against 60 related + 20
    assert [item.points for item in ranked] == [120, 80]


def test_a_busy_mediator_comes_after_a_free_one_but_is_shown() -> None:
    busy = person(1, "Anka", busy=((TEN + datetime.timedelta(minutes=30), ELEVEN),))
    free = person(2, "Zora", families=frozenset(), assignments_this_month=4)
    ranked = rank(need(), [busy, free])
    assert order(ranked) == ["Zora", "Anka"]
    assert ranked[0].free and not ranked[1].free
    assert [item.points for item in ranked] == [104, -80]  # 100+4 ; 100-200+20


def test_an_assignment_ending_when_the_request_starts_does_not_make_busy() -> None:
    before = person(1, "Anka", busy=((TEN - datetime.timedelta(hours=1), TEN),))
    assert rank(need(), [before])[0].free


def test_the_same_family_before_decides() -> None:
    known = person(1, "Zora", families=frozenset({"F-17"}))
    other = person(2, "Anka", families=frozenset({"F-3"}))
    ranked = rank(need(family_reference="F-17"), [other, known])
    assert order(ranked) == ["Zora", "Anka"]
    assert ranked[0].points - ranked[1].points == 30


def test_fair_share_decides() -> None:
    many = person(1, "Anka", assignments_this_month=6)
    few = person(2, "Zora", assignments_this_month=1)
    ranked = rank(need(), [many, few])
    assert order(ranked) == ["Zora", "Anka"]
    assert [item.points for item in ranked] == [116, 100]  # 20-4*1 ; max(0, 20-24)


def test_subject_area_decides() -> None:
    school = person(1, "Zora", subjects=("schule",))
    health = person(2, "Anka", subjects=("gesundheit",))
    assert order(rank(need(), [health, school])) == ["Zora", "Anka"]


def test_travel_decides_in_person_but_not_on_the_phone() -> None:
    near = person(1, "Zora", district_id=7)
    far = person(2, "Anka", district_id=8)
    assert order(rank(need(district_id=7), [far, near])) == ["Zora", "Anka"]
    by_phone = rank(need(district_id=7, modality="telefon"), [far, near])
    assert [item.points for item in by_phone] == [120, 120]
    assert order(by_phone) == ["Anka", "Zora"]  # equal points: by name


def test_required_gender_and_modality_leave_out() -> None:
    woman = person(1, "Zora", gender="w")
    man = person(2, "Emil", gender="m")
    assert order(rank(need(gender_wish="w"), [man, woman])) == ["Zora"]
    assert reasons_for(need(modality="video"), woman) is None


def test_equal_points_fewer_assignments_first() -> None:
    five = person(1, "Zora", assignments_this_month=5)
    seven = person(2, "Anka", assignments_this_month=7)
    assert order(rank(need(), [seven, five])) == ["Zora", "Anka"]  # both 100


def test_all_criteria_added_up_by_hand() -> None:
    best = person(
        1,
        "Zora",
        subjects=("schule",),
        families=frozenset({"F-1"}),
        assignments_this_month=2,
        district_id=3,
    )
    (ranked,) = rank(need(family_reference="F-1", district_id=3), [best])
    # 100 language + 0 free + 30 family + 20 subject + (20 - 2*4) + 10 district
    assert ranked.points == 172
    assert len(ranked.reasons) == 6
