"""Role → permission table. Every permission a view can require is defined here.

The table is code, so that it is reviewed with the code and covered by the role-matrix
test (accounts/tests/test_role_matrix.py).
"""

from __future__ import annotations

from typing import Any

import rules

from teilhabe.accounts.roles import Role


def role_predicate(*roles: Role) -> Any:
    @rules.predicate(name="has_role_" + "_or_".join(role.value for role in roles))
    def has_role(user: Any) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and user.has_role(*roles)

    return has_role


@rules.predicate
def is_member(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(user.role_set)


is_administrator = role_predicate(Role.ADMINISTRATOR)
is_data_protection_officer = role_predicate(Role.DATA_PROTECTION_OFFICER)
is_statistics = role_predicate(Role.STATISTICS)
is_integration_coordinator = role_predicate(Role.INTEGRATION_COORDINATOR)
is_mediator = role_predicate(Role.MEDIATOR)
works_in_a_service = role_predicate(
    Role.COUNSELLOR, Role.TEAM_LEAD, Role.PROGRAMME_COORDINATOR, Role.VOLUNTEER_COORDINATOR
)

PERMISSIONS = {
    "accounts.manage_users": is_administrator,
    # Imprint, privacy notice, accessibility statement: the operator's texts (legal).
    "legal.edit_pages": is_administrator,
    # City-wide statistics: aggregates with small numbers suppressed (reports/statistics.py).
    "reports.view_city_statistics": is_statistics | is_integration_coordinator,
    # Closing a year of one's own organisation and services (object level: reports/freeze.py).
    "reports.close_year": role_predicate(Role.TEAM_LEAD),
    "audit.view_log": is_data_protection_officer,
    "organisations.view_directory": is_member,
    "organisations.manage": is_administrator,
    "organisations.view_areas": is_member,
    "organisations.manage_areas": is_administrator | is_statistics,
    "organisations.view_own_services": works_in_a_service,
    "casework.work_with_cases": role_predicate(Role.COUNSELLOR, Role.TEAM_LEAD),
    "casework.import_cases": role_predicate(Role.TEAM_LEAD),
    "casework.merge_clients": role_predicate(Role.TEAM_LEAD),
    # Letter templates of the organisations where one leads a team (documents/selectors).
    "documents.manage_letter_templates": role_predicate(Role.TEAM_LEAD),
    # The complete answer to a data-subject access request (casework/subject_access.py).
    "casework.answer_subject_access": is_data_protection_officer,
    # Groups, events and the calendar (activities/access.py: the user's organisations).
    # The calendar holds titles, places and times only, so every service role reads it;
    # a mediator's assignments are in it (mediation/calendar.py) with its iCal feed.
    "activities.view_calendar": works_in_a_service | is_mediator,
    # A group's page as the calendar shows it: schedule, place, dates and counts; the
    # names of participants only for those who manage groups (activities/views_groups).
    "activities.view_groups": works_in_a_service,
    "activities.manage_groups": role_predicate(Role.PROGRAMME_COORDINATOR, Role.TEAM_LEAD),
    "activities.manage_volunteers": role_predicate(Role.VOLUNTEER_COORDINATOR, Role.TEAM_LEAD),
    "programmes.view_programmes": role_predicate(Role.PROGRAMME_COORDINATOR, Role.TEAM_LEAD),
    "programmes.manage_programmes": role_predicate(Role.PROGRAMME_COORDINATOR),
    # The city's view of the whole network: every body, meeting and agreement (network).
    "organisations.view_network": is_integration_coordinator | is_administrator,
    # Network (network/access.py decides which bodies and agreements, object by object):
    # counsellors look up partners' contacts; providers' leads and coordinators take
    # part in bodies and keep their agreements; the city keeps the actor directory.
    "network.view_actors": works_in_a_service | is_integration_coordinator | is_administrator,
    "network.manage_actors": is_integration_coordinator | is_administrator,
    "network.take_part": role_predicate(
        Role.TEAM_LEAD, Role.PROGRAMME_COORDINATOR, Role.VOLUNTEER_COORDINATOR
    )
    | is_integration_coordinator
    | is_administrator,
    "organisations.view_area_summary": is_statistics | is_integration_coordinator,
    # The integration plan (planning): the coordinator keeps concepts, goals and measures;
    # the city's statistics read it. Providers' access to the measures they lead follows
    # with the plan pages, object by object.
    "planning.keep_plan": is_integration_coordinator,
    "planning.view_plan": is_integration_coordinator | is_statistics,
    # Providers record progress of the measures their organisation leads and see those
    # it leads or is a partner in (object level: planning/access.py).
    "planning.record_progress": is_integration_coordinator
    | role_predicate(Role.TEAM_LEAD, Role.PROGRAMME_COORDINATOR, Role.VOLUNTEER_COORDINATOR),
    "planning.lead_measures": role_predicate(
        Role.TEAM_LEAD, Role.PROGRAMME_COORDINATOR, Role.VOLUNTEER_COORDINATOR
    ),
    "planning.view_measures": is_integration_coordinator
    | is_statistics
    | role_predicate(Role.TEAM_LEAD, Role.PROGRAMME_COORDINATOR, Role.VOLUNTEER_COORDINATOR),
    "reports.view_service_report": role_predicate(Role.TEAM_LEAD),
    # Funding (funding/access.py): the coordinator keeps programmes, what depends on
    # them and the funds; team leads read them to see when their services' money ends.
    "funding.view_programmes": is_integration_coordinator | role_predicate(Role.TEAM_LEAD),
    "funding.keep_programmes": is_integration_coordinator,
    # Grant applications (grants): the coordinator checks, assesses and puts them on a
    # board's agenda; boards decide on the network's pages (network.take_part).
    "grants.manage_applications": is_integration_coordinator,
    # District monitoring (monitoring): only the statistics role imports register
    # extracts and sees unpublished area figures; the coordinator sees the published form.
    "monitoring.import_register": is_statistics,
    "monitoring.view_unpublished": is_statistics,
    "monitoring.view_published": is_statistics | is_integration_coordinator,
    # The status and dynamics index (monitoring/index.py): configured by both.
    "monitoring.configure_index": is_statistics | is_integration_coordinator,
    # Language mediation (mediation/access.py): the pool's coordinator is a team lead of
    # the organisation that keeps it; service staff request mediators; mediators sign in
    # with the mediator role (no casework permission at all) or, where a counsellor also
    # mediates, as counsellors, and see only their own assignments; the city sees the
    # figures with small numbers suppressed.
    "mediation.coordinate": role_predicate(Role.TEAM_LEAD),
    "mediation.request_mediator": works_in_a_service,
    "mediation.serve": role_predicate(Role.MEDIATOR, Role.COUNSELLOR),
    "mediation.view_city_figures": is_statistics | is_integration_coordinator,
    # Outreach and neighbourhood conflicts: the QM staff (counsellors) and team leads of
    # the organisation (mediation/neighbourhood.py), nobody else.
    "mediation.neighbourhood": role_predicate(Role.COUNSELLOR, Role.TEAM_LEAD),
    # The clearing's checklist of life areas is the installation's (mediation/clearing).
    "mediation.configure_clearing": is_administrator,
    # Deletion periods (retention): the data-protection officer sees what is due, runs
    # the deletion and keeps single cases on hold; the administrator sets the periods.
    "retention.view_due": is_data_protection_officer,
    "retention.manage_periods": is_administrator,
}

for name, predicate in PERMISSIONS.items():
    rules.add_perm(name, predicate)
