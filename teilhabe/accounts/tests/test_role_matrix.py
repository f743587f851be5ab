"""Every URL × every role + anonymous. Fails when a URL is added without an entry here."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.mediation.tests.world import OWN

ALL = frozenset({*(role.value for role in Role), "none"})
PUBLIC = "public"
ADMIN = frozenset({Role.ADMINISTRATOR.value})
DPO = frozenset({Role.DATA_PROTECTION_OFFICER.value})
MEMBERS = frozenset(role.value for role in Role)
CASEWORK = frozenset({Role.COUNSELLOR.value, Role.TEAM_LEAD.value})
CITY_STATISTICS = frozenset({Role.INTEGRATION_COORDINATOR.value, Role.STATISTICS.value})
GROUPS = frozenset({Role.PROGRAMME_COORDINATOR.value, Role.TEAM_LEAD.value})
VOLUNTEERS = frozenset({Role.VOLUNTEER_COORDINATOR.value, Role.TEAM_LEAD.value})
SERVICE_STAFF = CASEWORK | GROUPS | VOLUNTEERS
# The calendar also shows a mediator's own assignments (mediation/calendar.py).
CALENDAR = SERVICE_STAFF | {Role.MEDIATOR.value}
PROGRAMME_STAFF = frozenset({Role.PROGRAMME_COORDINATOR.value})
NETWORK_DIRECTORY = frozenset(
    {
        Role.COUNSELLOR.value,
        Role.TEAM_LEAD.value,
        Role.PROGRAMME_COORDINATOR.value,
        Role.VOLUNTEER_COORDINATOR.value,
        Role.INTEGRATION_COORDINATOR.value,
        Role.ADMINISTRATOR.value,
    }
)
NETWORK = NETWORK_DIRECTORY - {Role.COUNSELLOR.value}
NETWORK_KEEPERS = frozenset({Role.INTEGRATION_COORDINATOR.value, Role.ADMINISTRATOR.value})
PROGRAMMES = PROGRAMME_STAFF | {Role.TEAM_LEAD.value}
PLAN_READERS = frozenset({Role.INTEGRATION_COORDINATOR.value, Role.STATISTICS.value})
PLAN_KEEPERS = frozenset({Role.INTEGRATION_COORDINATOR.value})
PLAN_LEADS = frozenset(
    {Role.TEAM_LEAD.value, Role.PROGRAMME_COORDINATOR.value, Role.VOLUNTEER_COORDINATOR.value}
)
FUNDING_KEEPERS = frozenset({Role.INTEGRATION_COORDINATOR.value})
FUNDING_READERS = FUNDING_KEEPERS | {Role.TEAM_LEAD.value}
STATISTICS_OFFICE = frozenset({Role.STATISTICS.value})
MEDIATION_COORDINATOR = frozenset({Role.TEAM_LEAD.value})
# The mediator role, and counsellors who also mediate (their mediator record's account).
MEDIATORS = frozenset({Role.MEDIATOR.value, Role.COUNSELLOR.value})

# url name -> (kwargs, who may open it: PUBLIC or a set of roles)
MATRIX: dict[str, tuple[dict[str, Any], Any]] = {
    "core:dashboard": ({}, ALL),
    "core:health": ({}, PUBLIC),
    "accounts:login": ({}, PUBLIC),
    "accounts:logout": ({}, ALL),
    "accounts:second_factor": ({}, ALL),
    "accounts:second_factor_setup": ({}, ALL),
    "accounts:password_reset": ({}, PUBLIC),
    "accounts:password_reset_done": ({}, PUBLIC),
    "accounts:password_reset_confirm": ({"uidb64": "MQ", "token": "abc-def"}, PUBLIC),
    "accounts:password_reset_complete": ({}, PUBLIC),
    "legal:page": ({"kind": "barrierefreiheit"}, PUBLIC),
    "legal:edit": ({"kind": "impressum"}, ADMIN),
    "accounts:profile": ({}, ALL),
    "accounts:password_change": ({}, ALL),
    "accounts:user_list": ({}, ADMIN),
    "accounts:user_create": ({}, ADMIN),
    "accounts:user_detail": ({"pk": "<user>"}, ADMIN),
    "accounts:membership_delete": ({"pk": "<user>", "membership_pk": "<membership>"}, ADMIN),
    "accounts:user_action": ({"pk": "<user>", "action": "unlock"}, ADMIN),
    "organisations:list": ({}, MEMBERS),
    "organisations:detail": ({"slug": "diakonie"}, MEMBERS),
    "organisations:edit": ({"slug": "diakonie"}, ADMIN),
    "organisations:areas": ({}, MEMBERS),
    "statistics:city": ({}, CITY_STATISTICS),
    "statistics:city_export": ({"fmt": "csv"}, CITY_STATISTICS),
    "statistics:closing": ({}, frozenset({Role.TEAM_LEAD.value})),
    "statistics:close": ({}, frozenset({Role.TEAM_LEAD.value})),
    "statistics:reopen": ({}, frozenset({Role.TEAM_LEAD.value})),
    "casework:client_list": ({}, CASEWORK),
    "casework:client_create": ({}, CASEWORK),
    "casework:client_detail": ({"pk": "<client>"}, CASEWORK),
    "casework:client_edit": ({"pk": "<client>"}, CASEWORK),
    "casework:case_create": ({"pk": "<client>"}, CASEWORK),
    "casework:household_create": ({"pk": "<client>"}, CASEWORK),
    "casework:household_member_add": ({"pk": "<client>"}, CASEWORK),
    "casework:household_member_relation": ({"pk": "<client>", "member_pk": "<client>"}, CASEWORK),
    "casework:household_member_remove": ({"pk": "<client>", "member_pk": "<client>"}, CASEWORK),
    "casework:household_member": ({"pk": "<client>", "member_pk": "<client>"}, CASEWORK),
    "casework:client_export": ({"pk": "<client>", "fmt": "json"}, CASEWORK),
    "casework:subject_access_search": ({}, DPO),
    "casework:subject_access_export": ({"pk": "<client>", "fmt": "json"}, DPO),
    "casework:case_list": ({}, CASEWORK),
    "casework:case_detail": ({"pk": "<case>"}, CASEWORK),
    "casework:session_create": ({"pk": "<case>"}, CASEWORK),
    "casework:goal_create": ({"pk": "<case>"}, CASEWORK),
    "casework:goal_status": ({"pk": "<case>", "goal_pk": "<goal>"}, CASEWORK),
    "casework:goal_correct": ({"pk": "<case>", "goal_pk": "<goal>"}, CASEWORK),
    "casework:session_correct": ({"pk": "<case>", "session_pk": "<session>"}, CASEWORK),
    "casework:session_cancel": ({"pk": "<case>", "session_pk": "<session>"}, CASEWORK),
    "casework:case_close": ({"pk": "<case>"}, CASEWORK),
    "casework:case_team": ({"pk": "<case>"}, CASEWORK),
    "casework:plan_print": ({"pk": "<case>"}, CASEWORK),
    "casework:handover": ({"pk": "<case>"}, CASEWORK),
    "casework:handover_inbox": ({}, CASEWORK),
    "appointments:appointment_create": ({"pk": "<case>"}, CASEWORK),
    "appointments:appointment_edit": (
        {"pk": "<case>", "appointment_pk": "<appointment>"},
        CASEWORK,
    ),
    "appointments:appointment_cancel": (
        {"pk": "<case>", "appointment_pk": "<appointment>"},
        CASEWORK,
    ),
    "appointments:reminder_create": ({"pk": "<case>"}, CASEWORK),
    "appointments:reminder_done": ({"pk": "<case>", "reminder_pk": "<reminder>"}, CASEWORK),
    "casework:handover_decide": ({"pk": "<referral>"}, CASEWORK),
    "casework:consent_withdraw": ({"pk": "<consent>"}, CASEWORK),
    "casework:consultation": ({}, CASEWORK),
    "casework:import": ({}, frozenset({Role.TEAM_LEAD.value})),
    "casework:client_merge": ({"pk": "<client>"}, frozenset({Role.TEAM_LEAD.value})),
    "casework:import_status": ({"pk": "<import>"}, frozenset({Role.TEAM_LEAD.value})),
    "documents:case_upload": ({"pk": "<case>"}, CASEWORK),
    "documents:client_upload": ({"pk": "<client>"}, CASEWORK),
    "documents:download": ({"pk": "<document>"}, CASEWORK),
    "documents:delete": ({"pk": "<document>"}, CASEWORK),
    "documents:letter": ({"pk": "<case>", "template_pk": "<letter_template>"}, CASEWORK),
    "documents:template_list": ({}, frozenset({Role.TEAM_LEAD.value})),
    "documents:template_create": ({}, frozenset({Role.TEAM_LEAD.value})),
    "documents:template_edit": ({"pk": "<letter_template>"}, frozenset({Role.TEAM_LEAD.value})),
    "api_keys:list": ({}, ALL),
    "api_keys:revoke": ({"pk": 1}, ALL),
    "reports:annual": ({}, frozenset({Role.TEAM_LEAD.value})),
    "reports:annual_export": ({"fmt": "json"}, frozenset({Role.TEAM_LEAD.value})),
    "reports:organisation": ({}, frozenset({Role.TEAM_LEAD.value})),
    "reports:organisation_export": ({"fmt": "csv"}, frozenset({Role.TEAM_LEAD.value})),
    "programmes:programme_list": ({}, PROGRAMMES),
    "programmes:programme_create": ({}, PROGRAMME_STAFF),
    "programmes:programme_detail": ({"pk": "<programme>"}, PROGRAMMES),
    "programmes:programme_edit": ({"pk": "<programme>"}, PROGRAMME_STAFF),
    "programmes:figures": ({"pk": "<programme>"}, PROGRAMMES),
    "programmes:figures_export": ({"pk": "<programme>"}, PROGRAMMES),
    "programmes:enrol": ({"pk": "<programme>"}, PROGRAMME_STAFF),
    "programmes:enrolment_detail": ({"pk": "<enrolment>"}, PROGRAMMES),
    "programmes:visit_create": ({"pk": "<enrolment>"}, PROGRAMME_STAFF),
    "programmes:enrolment_end": ({"pk": "<enrolment>"}, PROGRAMME_STAFF),
    "programmes:enrolment_change": ({"pk": "<enrolment>"}, PROGRAMME_STAFF),
    "programmes:enrolment_edit": ({"pk": "<enrolment>"}, PROGRAMME_STAFF),
    "activities:group_list": ({}, GROUPS),
    "activities:group_create": ({}, GROUPS),
    "activities:group_detail": ({"pk": "<group>"}, SERVICE_STAFF),
    "activities:group_edit": ({"pk": "<group>"}, GROUPS),
    "activities:meeting_create": ({"pk": "<group>"}, GROUPS),
    "activities:participant_add": ({"pk": "<group>"}, GROUPS),
    "activities:meeting_edit": ({"pk": "<meeting>"}, GROUPS),
    "activities:event_list": ({}, GROUPS),
    "activities:event_create": ({}, GROUPS),
    "activities:event_detail": ({"pk": "<event>"}, GROUPS),
    "activities:event_edit": ({"pk": "<event>"}, GROUPS),
    "activities:calendar": ({}, CALENDAR),
    "activities:calendar_export": ({"slug": "diakonie"}, CALENDAR),
    "activities:subscription_create": ({"slug": "diakonie"}, CALENDAR),
    "activities:subscription_revoke": ({"pk": "<subscription>"}, CALENDAR),
    "activities:subscription_export": ({"token": "<calendar_token>"}, PUBLIC),
    "activities:volunteer_list": ({}, VOLUNTEERS),
    "activities:volunteer_create": ({}, VOLUNTEERS),
    "activities:task_areas": ({}, VOLUNTEERS),
    "activities:volunteer_detail": ({"pk": "<volunteer>"}, VOLUNTEERS),
    "activities:volunteer_edit": ({"pk": "<volunteer>"}, VOLUNTEERS),
    "activities:volunteer_anonymise": ({"pk": "<volunteer>"}, VOLUNTEERS),
    "activities:engagement_create": ({"pk": "<volunteer>"}, VOLUNTEERS),
    "activities:hours_create": ({"pk": "<volunteer>"}, VOLUNTEERS),
    "activities:agreement_create": ({"pk": "<volunteer>"}, VOLUNTEERS),
    "activities:training_create": ({"pk": "<volunteer>"}, VOLUNTEERS),
    "network:actor_list": ({}, NETWORK_DIRECTORY),
    "network:actor_detail": ({"pk": "<network_actor>"}, NETWORK_DIRECTORY),
    "network:actor_create": ({}, NETWORK_KEEPERS),
    "network:actor_edit": ({"pk": "<network_actor>"}, NETWORK_KEEPERS),
    "network:contact_create": ({"pk": "<network_actor>"}, NETWORK_KEEPERS),
    "network:contact_edit": ({"pk": "<network_contact>"}, NETWORK_KEEPERS),
    "network:contact_delete": ({"pk": "<network_contact>"}, NETWORK_KEEPERS),
    "network:body_list": ({}, NETWORK),
    "network:body_create": ({}, NETWORK),
    "network:body_detail": ({"pk": "<body>"}, NETWORK),
    "network:body_edit": ({"pk": "<body>"}, NETWORK),
    "network:member_create": ({"pk": "<body>"}, NETWORK),
    "network:member_edit": ({"pk": "<body_member>"}, NETWORK),
    "network:meeting_create": ({"pk": "<body>"}, NETWORK),
    "network:meeting_detail": ({"pk": "<network_meeting>"}, NETWORK),
    "network:meeting_edit": ({"pk": "<network_meeting>"}, NETWORK),
    "network:agenda_add": ({"pk": "<network_meeting>"}, NETWORK),
    "network:attendance": ({"pk": "<network_meeting>"}, NETWORK),
    "network:decision_create": ({"pk": "<network_meeting>"}, NETWORK),
    "network:decision_list": ({}, NETWORK),
    "network:decision_edit": ({"pk": "<network_decision>"}, NETWORK),
    "network:agreement_list": ({}, NETWORK),
    "network:agreement_create": ({}, NETWORK),
    "network:agreement_detail": ({"pk": "<network_agreement>"}, NETWORK),
    "network:agreement_edit": ({"pk": "<network_agreement>"}, NETWORK),
    "planning:concept_list": ({}, PLAN_READERS),
    "planning:concept_detail": ({"slug": "<concept>"}, PLAN_READERS),
    "planning:concept_create": ({}, PLAN_KEEPERS),
    "planning:concept_edit": ({"slug": "<concept>"}, PLAN_KEEPERS),
    "planning:field_create": ({"slug": "<concept>"}, PLAN_KEEPERS),
    "planning:field_edit": ({"pk": "<plan_field>"}, PLAN_KEEPERS),
    "planning:goal_create": ({"slug": "<concept>"}, PLAN_KEEPERS),
    "planning:goal_detail": ({"pk": "<plan_goal>"}, PLAN_READERS),
    "planning:goal_edit": ({"pk": "<plan_goal>"}, PLAN_KEEPERS),
    "planning:district_plan": ({"slug": "<concept>", "pk": "<plan_area>"}, PLAN_READERS),
    "planning:measure_create": ({"slug": "<concept>"}, PLAN_KEEPERS),
    "planning:measure_detail": ({"pk": "<plan_measure>"}, PLAN_READERS | PLAN_LEADS),
    "planning:measure_edit": ({"pk": "<plan_measure>"}, PLAN_KEEPERS),
    "planning:indicator_create": ({"pk": "<plan_measure>"}, PLAN_KEEPERS),
    "planning:indicator_edit": ({"pk": "<plan_indicator>"}, PLAN_KEEPERS),
    "planning:progress_create": ({"pk": "<plan_measure>"}, PLAN_KEEPERS | PLAN_LEADS),
    "planning:progress_attachment": ({"pk": "<plan_entry>"}, PLAN_READERS | PLAN_LEADS),
    "planning:my_measures": ({}, PLAN_LEADS),
    "planning:synopsis": ({"slug": "<concept>"}, PLAN_READERS),
    # planning: successor editions and the coordinator's list of silent measures
    "planning:successor_create": ({"slug": "<concept>"}, PLAN_KEEPERS),
    "planning:silent_list": ({"slug": "<concept>"}, PLAN_READERS),
    # planning: the upload page of the plan import and the status of its run
    "planning:import": ({}, PLAN_KEEPERS),
    "planning:import_status": ({"pk": "<plan_import>"}, PLAN_KEEPERS),
    "reports:plan_export": ({"slug": "<concept>", "fmt": "csv"}, PLAN_READERS),
    "reports:synopsis_export": ({"slug": "<concept>", "fmt": "xlsx"}, PLAN_READERS),
    "grants:board_item": ({"pk": "<board_item>"}, NETWORK),
    "grants:board_setup": ({"pk": "<board>"}, NETWORK),
    "grants:public:start": ({}, PUBLIC),
    "grants:application_list": ({}, FUNDING_KEEPERS),
    "grants:application_detail": ({"pk": "<application>"}, FUNDING_KEEPERS),
    "grants:public:draft": ({"token": "<application_token>"}, PUBLIC),
    # grants: notices, payments, the papers of a board meeting (board convened by the
    # provider, so its network roles are the board's secretariat and read the papers)
    "grants:grant_detail": ({"pk": "<grant>"}, FUNDING_KEEPERS),
    "grants:notice_download": ({"pk": "<grant_notice>"}, FUNDING_KEEPERS),
    "grants:notice_template": ({}, FUNDING_KEEPERS),
    "grants:decision_pack": ({"pk": "<board_meeting>"}, NETWORK),
    "grants:minutes": ({"pk": "<board_meeting>"}, NETWORK),
    # grants: the applicant's own grant notice through the application's link (another
    # application's token gets 404, tested in grants/tests/test_public_notice.py)
    "grants:public:notice": ({"token": "<grant_token>"}, PUBLIC),
    # proofs: proof of use (the public page opens only with a granted application's
    # token; another token is a 404, tested in proofs/tests/test_public_page.py) and the
    # public list of grants
    "proofs:public:proof": ({"token": "<proof_token>"}, PUBLIC),
    "proofs:public:grants": ({}, PUBLIC),
    "proofs:public:grants_csv": ({}, PUBLIC),
    "proofs:public:grants_json": ({}, PUBLIC),
    "proofs:proof_list": ({}, FUNDING_KEEPERS),
    "proofs:proof_detail": ({"pk": "<proof_grant>"}, FUNDING_KEEPERS),
    "proofs:yearly": ({}, FUNDING_READERS),
    "proofs:yearly_xlsx": ({}, FUNDING_READERS),
    # proofs: the yearly funding report as PDF (issue 12 item 7)
    "proofs:yearly_pdf": ({}, FUNDING_READERS),
    "funding:programme_list": ({}, FUNDING_READERS),
    "funding:programme_create": ({}, FUNDING_KEEPERS),
    "funding:programme_detail": ({"pk": "<funding_programme>"}, FUNDING_READERS),
    "funding:programme_edit": ({"pk": "<funding_programme>"}, FUNDING_KEEPERS),
    "funding:dependant_create": ({"pk": "<funding_programme>"}, FUNDING_KEEPERS),
    "funding:dependant_delete": ({"pk": "<funding_dependant>"}, FUNDING_KEEPERS),
    "funding:post_create": ({"pk": "<funding_programme>"}, FUNDING_KEEPERS),
    "funding:post_edit": ({"pk": "<staff_post>"}, FUNDING_KEEPERS),
    "funding:post_delete": ({"pk": "<staff_post>"}, FUNDING_KEEPERS),
    "funding:cliff": ({}, FUNDING_READERS),
    "funding:fund_list": ({}, FUNDING_READERS),
    "funding:fund_create": ({}, FUNDING_KEEPERS),
    "funding:fund_detail": ({"pk": "<fund>"}, FUNDING_READERS),
    "funding:fund_edit": ({"pk": "<fund>"}, FUNDING_KEEPERS),
    "funding:budget_set": ({"pk": "<fund>"}, FUNDING_KEEPERS),
    "mediation:overview": ({}, MEDIATION_COORDINATOR),
    "mediation:request_create": ({}, SERVICE_STAFF),
    "mediation:request_detail": ({"pk": "<mediation_request>"}, MEDIATION_COORDINATOR),
    "mediation:assign": ({"pk": "<mediation_request>"}, MEDIATION_COORDINATOR),
    "mediation:request_cancel": ({"pk": "<mediation_request>"}, MEDIATION_COORDINATOR),
    "mediation:request_unfulfilled": ({"pk": "<mediation_request>"}, MEDIATION_COORDINATOR),
    "mediation:request_complete": ({"pk": "<assigned_request>"}, MEDIATION_COORDINATOR),
    "mediation:mediator_list": ({}, MEDIATION_COORDINATOR),
    "mediation:mediator_create": ({}, MEDIATION_COORDINATOR),
    "mediation:mediator_edit": ({"pk": "<mediator>"}, MEDIATION_COORDINATOR),
    "mediation:body_list": ({}, MEDIATION_COORDINATOR),
    "mediation:body_create": ({}, MEDIATION_COORDINATOR),
    "mediation:body_edit": ({"pk": "<requesting_body>"}, MEDIATION_COORDINATOR),
    "mediation:allowances": ({}, MEDIATION_COORDINATOR),
    "mediation:figures": ({}, MEDIATION_COORDINATOR),
    "mediation:city_figures": ({}, CITY_STATISTICS),
    "mediation:my_assignments": ({}, MEDIATORS),
    "mediation:accept": ({"pk": "<mediation_request>"}, MEDIATORS),
    "mediation:my_confirm": ({"pk": "<assignment>"}, MEDIATORS),
    "mediation:my_cancel": ({"pk": "<assignment>"}, MEDIATORS),
    "mediation:my_complete": ({"pk": "<assignment>"}, MEDIATORS),
    "mediation:outside_request": ({"token": "<body_token>"}, PUBLIC),
    "mediation:body_link": ({"pk": "<requesting_body>"}, MEDIATION_COORDINATOR),
    "mediation:conflict_list": ({}, CASEWORK),
    "mediation:conflict_create": ({}, CASEWORK),
    "mediation:conflict_edit": ({"pk": "<conflict>"}, CASEWORK),
    "mediation:outreach_list": ({}, CASEWORK),
    "mediation:outreach_create": ({}, CASEWORK),
    # mediation: clearing to case management (access through casework/access.py)
    "mediation:clearing_list": ({}, CASEWORK),
    "mediation:clearing_create": ({}, CASEWORK),
    "mediation:clearing_detail": ({"pk": "<clearing>"}, CASEWORK),
    "mediation:clearing_decide": ({"pk": "<clearing>"}, CASEWORK),
    "mediation:criteria_list": ({}, ADMIN),
    "mediation:criterion_create": ({}, ADMIN),
    "mediation:criterion_edit": ({"pk": "<clearing_criterion>"}, ADMIN),
    "monitoring:register_upload": ({}, STATISTICS_OFFICE),
    "monitoring:register_status": ({"pk": "<register_run>"}, STATISTICS_OFFICE),
    "monitoring:profile_index": ({}, CITY_STATISTICS),
    "monitoring:profile": ({"pk": "<monitoring_area>"}, CITY_STATISTICS),
    "monitoring:profile_pdf": ({"pk": "<monitoring_area>"}, CITY_STATISTICS),
    "monitoring:map": ({}, CITY_STATISTICS),
    # monitoring: the status and dynamics index
    "monitoring:index_list": ({}, CITY_STATISTICS),
    "monitoring:index_create": ({}, CITY_STATISTICS),
    "monitoring:index_result": ({"pk": "<index_config>"}, CITY_STATISTICS),
    "monitoring:index_edit": ({"pk": "<index_config>"}, CITY_STATISTICS),
    "monitoring:index_json": ({"pk": "<index_config>"}, CITY_STATISTICS),
    "monitoring:index_csv": ({"pk": "<index_config>"}, CITY_STATISTICS),
    "audit:log": ({}, DPO),
    "audit:export": ({}, DPO),
    "retention:overview": ({}, DPO),
    "retention:run": ({}, DPO),
    "retention:hold": ({"pk": "<case>"}, DPO),
    "retention:release": ({"pk": "<case>"}, DPO),
    "retention:periods": ({}, ADMIN),
    # participation (teilhabe/participation): the plan's readers read, its keeper keeps;
    # the public page of a published concept needs no sign-in.
    "participation:overview": ({}, PLAN_READERS),
    "participation:event_list": ({"slug": "<participation_concept>"}, PLAN_READERS),
    "participation:event_create": ({"slug": "<participation_concept>"}, PLAN_KEEPERS),
    "participation:event_detail": ({"pk": "<participation_event>"}, PLAN_READERS),
    "participation:event_edit": ({"pk": "<participation_event>"}, PLAN_KEEPERS),
    "participation:idea_create": ({"pk": "<participation_event>"}, PLAN_KEEPERS),
    "participation:idea_answer": ({"pk": "<participation_idea>"}, PLAN_KEEPERS),
    "participation:idea_new_measure": ({"pk": "<participation_idea>"}, PLAN_KEEPERS),
    "participation:public:plan": ({"slug": "<participation_concept>"}, PUBLIC),
    # registrations: public event pages need no account; the organisers' pages are for
    # those who manage the event's organisation's events (another organisation's: 404,
    # registrations/tests/test_pages.py)
    "registrations:public:event": ({"pk": "<listing>"}, PUBLIC),
    "registrations:public:registration": ({"token": "<registration_token>"}, PUBLIC),
    "registrations:public:organisation": ({"slug": "diakonie"}, PUBLIC),
    "registrations:public:feed": ({"slug": "diakonie"}, PUBLIC),
    "registrations:listing_list": ({}, GROUPS),
    "registrations:listing_create": ({}, GROUPS),
    "registrations:listing_detail": ({"pk": "<listing>"}, GROUPS),
    "registrations:listing_edit": ({"pk": "<listing>"}, GROUPS),
    "registrations:check_in": ({"pk": "<listing>"}, GROUPS),
    # intercultural opening (teilhabe/opening): the coordinator keeps and coaches; named
    # coaches and institutions' contact persons (no role) are tested in
    # opening/tests/test_access.py; the register of certified institutions is public.
    "opening:overview": ({}, PLAN_KEEPERS),
    "opening:public:register": ({}, PUBLIC),
    "opening:process_create": ({}, PLAN_KEEPERS),
    "opening:process_detail": ({"pk": "<opening_process>"}, PLAN_KEEPERS),
    "opening:contact_create": ({"pk": "<opening_process>"}, PLAN_KEEPERS),
    "opening:session_create": ({"pk": "<opening_process>"}, PLAN_KEEPERS),
    "opening:measure_create": ({"pk": "<opening_process>"}, PLAN_KEEPERS),
    "opening:audit_record": ({"pk": "<opening_process>"}, PLAN_KEEPERS),
    "opening:certificate_issue": ({"pk": "<opening_process>"}, PLAN_KEEPERS),
    "opening:self_check_create": ({"pk": "<opening_process>"}, PLAN_KEEPERS),
    "opening:evidence_upload": ({"pk": "<opening_process>"}, PLAN_KEEPERS),
    "opening:stage_done": ({"pk": "<opening_stage>"}, PLAN_KEEPERS),
    "opening:measure_done": ({"pk": "<opening_measure>"}, PLAN_KEEPERS),
    "opening:self_check_detail": ({"pk": "<opening_self_check>"}, PLAN_KEEPERS),
    "opening:evidence_download": ({"pk": "<opening_evidence>"}, PLAN_KEEPERS),
    "opening:evidence_check": ({"pk": "<opening_evidence>"}, PLAN_KEEPERS),
    "opening:certificate_pdf": ({"pk": "<opening_certificate>"}, PLAN_KEEPERS),
    "opening:catalogue_list": ({}, PLAN_KEEPERS),
    "opening:catalogue_create": ({}, PLAN_KEEPERS),
    "opening:catalogue_detail": ({"pk": "<opening_catalogue>"}, PLAN_KEEPERS),
    "opening:catalogue_new_version": ({"pk": "<opening_catalogue>"}, PLAN_KEEPERS),
    "opening:area_create": ({"pk": "<opening_catalogue>"}, PLAN_KEEPERS),
    "opening:evidence_kind_create": ({"pk": "<opening_catalogue>"}, PLAN_KEEPERS),
    "opening:criterion_create": ({"pk": "<opening_area>"}, PLAN_KEEPERS),
    "opening:criterion_edit": ({"pk": "<opening_criterion>"}, PLAN_KEEPERS),
}


# The API (teilhabe/api): requested with each role's API key instead of a session.
API_MATRIX: dict[str, tuple[dict[str, Any], Any]] = {
    "api:openapi-json": ({}, PUBLIC),
    "api:clients": ({}, CASEWORK),
    "api:client": ({"pk": "<client>"}, CASEWORK),
    "api:cases": ({}, CASEWORK),
    "api:case": ({"pk": "<case>"}, CASEWORK),
}


# URLs that answer 404 to everybody: django-ninja's placeholder for the API's root path
# (it only serves to compute the endpoints' paths; without a docs page it has nothing).
NOT_FOUND_FOR_ALL: dict[str, dict[str, Any]] = {"api:api-root": {}}


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns, "")
    return names


def test_every_url_is_in_the_matrix() -> None:
    assert all_url_names() == set(MATRIX) | set(API_MATRIX) | set(NOT_FOUND_FOR_ALL), (
        "add new URLs to MATRIX (or API_MATRIX) with who may open them"
    )


def case_world(counsellor: Any) -> dict[str, Any]:
    """A case of the counsellor (visible to them and their team lead), with a goal and a
    hand-over to the city's case management."""
    from teilhabe.activities.tests.world import activities_world
    from teilhabe.appointments.tests.world import appointments_world
    from teilhabe.casework import handover, services
    from teilhabe.casework.models import Person
    from teilhabe.documents.tests.world import documents_world
    from teilhabe.funding.tests.world import funding_world
    from teilhabe.grants.tests.world import role_matrix_world as grants_world
    from teilhabe.mediation.tests.world import mediation_world
    from teilhabe.monitoring.tests.world import monitoring_world
    from teilhabe.network.tests.world import network_world
    from teilhabe.opening.tests.world import opening_world
    from teilhabe.organisations.models import Organisation, Service
    from teilhabe.participation.tests.world import participation_world
    from teilhabe.planning.tests.world import planning_world
    from teilhabe.programmes.tests.world import programme_world
    from teilhabe.proofs.tests.world import role_matrix_world as proofs_world
    from teilhabe.registrations.tests.world import registrations_world

    provider, city = (
        Organisation.objects.get(slug="diakonie"),
        Organisation.objects.get(slug="stadt"),
    )
    client = Person.objects.create(organisation=provider, first_name="Olena", last_name="Kovalenko")
    case = services.open_case(
        client=client,
        service_id=Service.objects.get(code="MBE").pk,
        kind="beratung",
        opened_on=datetime.date(2024, 1, 1),
        access_route="familie",
        responsible=counsellor,
    )
    goal = services.add_goal(
        case, user=counsellor, area="sprachlich", text="B1", agreed_on=datetime.date(2024, 1, 1)
    )
    session = services.record_session(
        case, author=counsellor, present=[], date=datetime.date(2024, 1, 2), notes="Erstgespräch"
    )
    consent = handover.record_consent(
        client,
        user=counsellor,
        recipient=city,
        recipient_service=Service.objects.get(code="KIM"),
        purpose="Clearing",
        given_on=datetime.date(2024, 2, 1),
        explained_language="uk",
        refusal_explained=True,
        withdrawal_explained=True,
    )
    referral = handover.propose(case, consent=consent, kind="clearing", note="", user=counsellor)
    from teilhabe.accounts.models import User
    from teilhabe.casework.models import ImportRun

    lead = User.objects.filter(
        memberships__role="team_lead", memberships__organisation=provider
    ).first()
    run = ImportRun.objects.create(
        organisation=provider, uploaded_by=lead, file_name="x.zip", status="done"
    )
    return {
        "<client>": client.pk,
        "<case>": case.pk,
        "<goal>": goal.pk,
        "<session>": session.pk,
        "<consent>": consent.pk,
        "<referral>": referral.pk,
        "<import>": run.pk,
        **activities_world(provider, counsellor),
        **documents_world(case.pk, counsellor),
        **appointments_world(case, counsellor),
        **programme_world(provider),
        **network_world(provider, city),
        **planning_world(provider),
        **monitoring_world(),
        **funding_world(provider),
        **grants_world(provider),
        **proofs_world(),
        **mediation_world(
            provider,
            counsellor,
            User.objects.filter(memberships__role=Role.MEDIATOR.value).first(),
        ),
        **participation_world(),
        **registrations_world(provider),
        **opening_world(),
    }


def _url(
    name: str, kwargs: dict[str, Any], subject: Any, world: dict[str, Any], viewer: Any = None
) -> str:
    """The URL with the world's records; a record the viewer has one of their own of
    (a mediator's own assignment) is theirs."""
    concrete = {}
    for key, value in kwargs.items():
        if value == "<user>":
            value = subject.pk
        elif value == "<membership>":
            value = subject.memberships.first().pk
        own = world.get(OWN, {}).get((value, getattr(viewer, "pk", None)))
        concrete[key] = own if own is not None else world.get(value, value)
    return reverse(name, kwargs=concrete)


def _outcome(response: Any) -> str:
    if response.status_code == 403:
        return "denied"
    if response.status_code == 302 and response.url.startswith(reverse("accounts:login")):
        return "login"
    assert response.status_code in {200, 302, 405}, response.status_code
    return "allowed"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_role_matrix(name: str, users_by_role: dict[str, Any]) -> None:
    kwargs, allowed = MATRIX[name]
    subject = users_by_role[Role.COUNSELLOR.value]
    world = case_world(subject)
    url = _url(name, kwargs, subject, world)

    anonymous = _outcome(Client().get(url))
    assert anonymous == ("allowed" if allowed == PUBLIC else "login"), f"anonymous at {name}"

    for role, user in users_by_role.items():
        if allowed == PUBLIC:
            continue
        outcome = _outcome(signed_in_client(user).get(_url(name, kwargs, subject, world, user)))
        expected = "allowed" if role in allowed else "denied"
        assert outcome == expected, f"{role} at {name}: {outcome}, expected {expected}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(API_MATRIX))
def test_api_matrix(name: str, users_by_role: dict[str, Any]) -> None:
    from teilhabe.api.services import issue_token

    kwargs, allowed = API_MATRIX[name]
    subject = users_by_role[Role.COUNSELLOR.value]
    url = _url(name, kwargs, subject, case_world(subject))
    anonymous = Client().get(url).status_code
    assert anonymous == (200 if allowed == PUBLIC else 401), f"anonymous at {name}"
    for role, user in users_by_role.items():
        if allowed == PUBLIC:
            continue
        key = issue_token(user, "matrix")[1]
        status = Client(headers={"Authorization": f"Bearer {key}"}).get(url).status_code
        expected = 200 if role in allowed else 403
        assert status == expected, f"{role} at {name}: {status}, expected {expected}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(NOT_FOUND_FOR_ALL))
def test_placeholder_urls_answer_not_found(name: str, users_by_role: dict[str, Any]) -> None:
    from teilhabe.api.services import issue_token

    url = reverse(name, kwargs=NOT_FOUND_FOR_ALL[name])
    assert Client().get(url).status_code == 404
    key = issue_token(users_by_role[Role.TEAM_LEAD.value], "matrix")[1]
    assert Client(headers={"Authorization": f"Bearer {key}"}).get(url).status_code == 404
