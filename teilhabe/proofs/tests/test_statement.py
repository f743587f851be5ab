"""The 20 % rule and the statement's sums, against hand-computed figures."""

from __future__ import annotations

from decimal import Decimal as D

from teilhabe.proofs.statement import build, deviates


def test_exactly_20_percent_is_not_flagged_and_20_01_percent_is() -> None:
    # planned 1,000.00: 20 % = 200.00; 20.01 % = 200.10
    assert not deviates(D("1000.00"), D("1200.00"))
    assert deviates(D("1000.00"), D("1200.10"))
    assert not deviates(D("1000.00"), D("800.00"))  # 20 % under
    assert deviates(D("1000.00"), D("799.90"))  # 20.01 % under


def test_a_line_planned_at_zero_is_flagged_when_anything_is_spent() -> None:
    assert not deviates(D("0"), D("0"))
    assert deviates(D("0"), D("0.01"))


def test_statement_sums_lines_and_what_the_grant_should_have_been() -> None:
    plan = [(1, "Honorare", D("2000")), (2, "Sachkosten", D("600")), (3, "Werbung", D("400"))]
    # Honorare 1,500 + 300 = 1,800 (−10 %); Sachkosten 750 (+25 %); Werbung nothing (−100 %)
    spent = [(1, D("1500")), (1, D("300")), (2, D("750"))]
    statement = build(plan, spent, D("500"), D("400"), D("2500"))
    actual = {line.position: line.actual for line in statement.lines}
    assert actual == {1: D("1800"), 2: D("750"), 3: D("0")}
    assert [line.position for line in statement.flagged] == [2, 3]
    assert statement.lines[1].percent == D("25.00")
    assert statement.actual_total == D("2550")
    # costs 2,550 − own contribution spent 400 = 2,150 needed of 2,500 granted: 350 unused
    assert statement.grant_needed == D("2150")
    assert statement.unused == D("350")


def test_the_grant_needed_is_never_more_than_granted() -> None:
    statement = build([(1, "Honorare", D("1000"))], [(1, D("5000"))], D("0"), D("0"), D("1000"))
    assert statement.grant_needed == D("1000")
    assert statement.unused == D("0")
