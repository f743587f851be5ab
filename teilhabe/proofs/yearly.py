"""The yearly funding report per fund and programme: applications by status, money
budgeted, committed, paid and free (`funding/figures.py`, the ledger's sums), and the
approved projects by field of action and by district.

Definitions (decided): an application counts in the year it applies for
(`Application.year`), drafts included as "draft"; a project is an approved application
with its grant; its district is the fund's area (a district's neighbourhood fund),
"city-wide" for a fund without one, because applications name no district of their own.
A programme's figures are the sums of its funds; funds without a programme are grouped
as the city's own budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from teilhabe.funding.figures import FundFigures, funds_figures
from teilhabe.funding.models import Fund
from teilhabe.grants.application_models import Application, Grant, Status

ZERO = Decimal("0.00")


@dataclass
class Group:
    label: str
    projects: int = 0
    granted: Decimal = ZERO


@dataclass
class FundReport:
    fund: Fund
    money: FundFigures
    by_status: list[tuple[str, int]]
    by_field: list[Group]
    by_district: list[Group]

    @property
    def applications(self) -> int:
        return sum(count for _label, count in self.by_status)

    @property
    def tables(self) -> list[tuple[str, list[Group]]]:
        return [
            (_("Projects by field of action"), self.by_field),
            (_("Projects by district"), self.by_district),
        ]


@dataclass
class ProgrammeReport:
    label: str
    funds: list[FundReport] = field(default_factory=list)

    def total(self, name: str) -> Decimal:
        return sum((getattr(report.money, name) for report in self.funds), ZERO)

    @property
    def budget(self) -> Decimal:
        return self.total("budget")

    @property
    def committed(self) -> Decimal:
        return self.total("committed")

    @property
    def paid(self) -> Decimal:
        return self.total("paid")

    @property
    def free(self) -> Decimal:
        return self.total("free")


def _groups(grants: list[Grant], key: str, none_label: str) -> list[Group]:
    groups: dict[str, Group] = {}
    for grant in grants:
        if key == "field":
            found = grant.application.field_of_action
            label = found.title if found else none_label
        else:
            area = grant.application.fund.area
            label = area.name if area else none_label
        group = groups.setdefault(label, Group(label))
        group.projects += 1
        group.granted += grant.amount
    return sorted(groups.values(), key=lambda group: group.label)


def report(year: int, none_field: str, city_wide: str, own_budget: str) -> list[ProgrammeReport]:
    """The report of `year`; the labels for "no field of action", "city-wide" and "the
    city's own budget" come from the caller (translated there)."""
    funds = list(Fund.objects.select_related("programme", "area").order_by("name"))
    money = {figures.fund.pk: figures for figures in funds_figures(funds, year)}
    counts: dict[int, dict[str, int]] = {}
    rows = (
        Application.objects.filter(year=year)
        .values("fund_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts.setdefault(row["fund_id"], {})[row["status"]] = row["n"]
    grants: dict[int, list[Grant]] = {}
    for grant in Grant.objects.filter(
        application__year=year, application__status=Status.APPROVED
    ).select_related("application__field_of_action", "application__fund__area"):
        grants.setdefault(grant.application.fund_id, []).append(grant)
    programmes: dict[str, ProgrammeReport] = {}
    for fund in funds:
        if fund.pk not in counts and not money[fund.pk].budget and not money[fund.pk].committed:
            continue  # nothing happened in this fund that year
        fund_counts = counts.get(fund.pk, {})
        label = fund.programme.title if fund.programme else own_budget
        programmes.setdefault(label, ProgrammeReport(label)).funds.append(
            FundReport(
                fund=fund,
                money=money[fund.pk],
                by_status=[
                    (str(status.label), fund_counts.get(status.value, 0)) for status in Status
                ],
                by_field=_groups(grants.get(fund.pk, []), "field", none_field),
                by_district=_groups(grants.get(fund.pk, []), "district", city_wide),
            )
        )
    return sorted(programmes.values(), key=lambda programme: programme.label)


__all__ = ["FundReport", "Group", "ProgrammeReport", "report"]
