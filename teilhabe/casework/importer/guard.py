"""What an import may touch: the importing user's services and the records they may see.

An import is a bulk write by a person, so it obeys the same access rules as the pages:
- every case row names a service the importer's team-lead membership covers;
- an existing case, goal or person is changed or referenced only when the importer
  may open it (`casework/access.py`); a person with no case at all is free to use;
- an existing case never changes its service or its client, and an existing goal never
  moves to another case: that would carry a record out of one service into another.

The command line (no user) is the operator of the installation: it is bound by the last
rule only. Every refusal is a problem of the file, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.accounts.roles import Role
from teilhabe.casework.access import visible_cases
from teilhabe.casework.importer.parse import Staged
from teilhabe.casework.models import Case, Goal
from teilhabe.core.tabular import Problem
from teilhabe.organisations.models import Organisation


@dataclass(frozen=True)
class StoredCase:
    service: str
    client: str  # the client's external id ("" when the client was entered on a page)


@dataclass
class ImportGuard:
    organisation: Organisation
    offered: frozenset[str]
    services: frozenset[str]
    restricted: bool  # False for the command line
    cases: dict[str, StoredCase] = field(default_factory=dict)
    goal_cases: dict[str, str] = field(default_factory=dict)
    visible_cases: frozenset[str] = frozenset()
    hidden_persons: frozenset[str] = frozenset()

    @classmethod
    def for_user(cls, actor: Any, organisation: Organisation) -> ImportGuard:
        offered = frozenset(organisation.services.values_list("code", flat=True))
        cases = {
            key: StoredCase(service, client or "")
            for key, service, client in Case.objects.filter(organisation=organisation)
            .exclude(external_id="")
            .values_list("external_id", "service__code", "client__external_id")
        }
        goal_cases = dict(
            Goal.objects.filter(case__organisation=organisation)
            .exclude(external_id="")
            .values_list("external_id", "case__external_id")
        )
        if actor is None:
            return cls(organisation, offered, offered, False, cases, goal_cases)
        led = _led_services(actor, organisation, offered)
        # Only what the actor leads: a team lead who is also a counsellor elsewhere sees
        # those cases on the pages, but an import is a team lead's bulk write.
        led_cases = visible_cases(actor).filter(organisation=organisation, service__code__in=led)
        return cls(
            organisation,
            offered,
            led,
            True,
            cases,
            goal_cases,
            frozenset(led_cases.exclude(external_id="").values_list("external_id", flat=True)),
            _hidden_persons(organisation, led_cases),
        )

    def check(self, staged: Staged, files: dict[str, str], problems: list[Problem]) -> None:
        self._check_persons(staged, files.get("personen", "personen.csv"), problems)
        self._check_cases(staged, files.get("faelle", "faelle.csv"), problems)
        sessions = files.get("kontakte", "kontakte.csv")
        for session in staged.sessions:
            self._refer_case(session.fid, sessions, session.line, problems)
            self._refer_persons(session.present, sessions, session.line, "anwesende", problems)
        goals = files.get("ziele", "ziele.csv")
        for goal in staged.goals.values():
            self._refer_case(goal.fid, goals, goal.line, problems)
            stored_case = self.goal_cases.get(goal.gid)
            if stored_case is not None and stored_case != goal.fid:
                message = _("An import cannot move an existing goal to another case.")
                problems.append(Problem(goals, goal.line, "fall_id", message, goal.fid))

    def _check_persons(self, staged: Staged, file: str, problems: list[Problem]) -> None:
        for person in staged.persons.values():
            if person.pid in self.hidden_persons:
                problems.append(Problem(file, person.line, "person_id", _hidden(), person.pid))

    def _check_cases(self, staged: Staged, file: str, problems: list[Problem]) -> None:
        for row in staged.cases.values():
            if row.service and row.service not in self.offered:
                message = _("%(org)s does not offer this service.") % {
                    "org": self.organisation.slug
                }
                problems.append(Problem(file, row.line, "dienst", message, row.service))
            elif row.service and row.service not in self.services:
                message = _("Your membership does not cover this service.")
                problems.append(Problem(file, row.line, "dienst", message, row.service))
            stored = self.cases.get(row.fid)
            if stored is not None:
                if self.restricted and row.fid not in self.visible_cases:
                    message = _("A case with this id exists in a service you may not change.")
                    problems.append(Problem(file, row.line, "fall_id", message, row.fid))
                    continue
                if row.service and row.service != stored.service:
                    message = _(
                        "An import cannot change the service of an existing case (stored: "
                        "%(service)s)."
                    ) % {"service": stored.service}
                    problems.append(Problem(file, row.line, "dienst", message, row.service))
                if row.pid != stored.client:
                    message = _("An import cannot change the client of an existing case.")
                    problems.append(Problem(file, row.line, "person_id", message, row.pid))
            if row.pid not in staged.persons:
                self._refer_persons([row.pid], file, row.line, "person_id", problems)
            self._refer_persons(row.co_counselled, file, row.line, "mitberatene", problems)

    def _refer_case(self, fid: str, file: str, line: int, problems: list[Problem]) -> None:
        if self.restricted and fid in self.cases and fid not in self.visible_cases:
            message = _("A case with this id exists in a service you may not change.")
            problems.append(Problem(file, line, "fall_id", message, fid))

    def _refer_persons(
        self, pids: Iterable[str], file: str, line: int, column: str, problems: list[Problem]
    ) -> None:
        for pid in pids:
            if pid in self.hidden_persons:
                problems.append(Problem(file, line, column, _hidden(), pid))


def _hidden() -> str:
    return _("A person with this id is counselled in a service you may not see.")


def _led_services(
    actor: Any, organisation: Organisation, offered: frozenset[str]
) -> frozenset[str]:
    """The services the actor's team-lead memberships at the organisation cover."""
    covered: set[str] = set()
    memberships = actor.memberships.filter(
        organisation=organisation, role=Role.TEAM_LEAD
    ).prefetch_related("services")
    for membership in memberships:
        chosen = {service.code for service in membership.services.all()}
        covered |= chosen or offered
    return frozenset(covered & offered)


def _hidden_persons(organisation: Organisation, led_cases: Any) -> frozenset[str]:
    """External ids of the organisation's persons who take part in a case and in none
    of the cases the actor leads."""
    org_cases = Case.objects.filter(organisation=organisation)

    def involved_in(cases: Any) -> set[str]:
        clients = set(
            cases.exclude(client__external_id="").values_list("client__external_id", flat=True)
        )
        return clients | set(
            Case.co_counselled.through.objects.filter(case__in=cases)
            .exclude(person__external_id="")
            .values_list("person__external_id", flat=True)
        )

    return frozenset(involved_in(org_cases) - involved_in(led_cases))
