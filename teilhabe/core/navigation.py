"""The main navigation, by module. Each entry names the permission it needs.

Modules add their entries here as they land, so that the navigation never shows a
page the user cannot open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    permission: str | None  # None: every signed-in user


MAIN_NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry(_("Overview"), "core:dashboard", None),
    NavEntry(_("Clients"), "casework:client_list", "casework.work_with_cases"),
    NavEntry(_("Cases"), "casework:case_list", "casework.work_with_cases"),
    NavEntry(_("Hand-overs"), "casework:handover_inbox", "casework.work_with_cases"),
    NavEntry(_("Consultation hours"), "casework:consultation", "casework.work_with_cases"),
    NavEntry(_("Import"), "casework:import", "casework.import_cases"),
    NavEntry(_("Groups"), "activities:group_list", "activities.manage_groups"),
    NavEntry(_("Events"), "activities:event_list", "activities.manage_groups"),
    NavEntry(_("Registrations"), "registrations:listing_list", "activities.manage_groups"),
    NavEntry(_("Volunteers"), "activities:volunteer_list", "activities.manage_volunteers"),
    NavEntry(_("Calendar"), "activities:calendar", "activities.view_calendar"),
    NavEntry(_("Programmes"), "programmes:programme_list", "programmes.view_programmes"),
    NavEntry(_("Reports"), "reports:annual", "reports.view_service_report"),
    NavEntry(_("Network"), "network:actor_list", "network.view_actors"),
    NavEntry(_("Integration plan"), "planning:concept_list", "planning.view_plan"),
    NavEntry(_("Plan measures"), "planning:my_measures", "planning.lead_measures"),
    NavEntry(_("Public participation"), "participation:overview", "planning.view_plan"),
    # The coordinator, named coaches and the contact persons of institutions (opening).
    NavEntry(_("Intercultural opening"), "opening:overview", "opening.take_part"),
    NavEntry(_("Funding"), "funding:programme_list", "funding.view_programmes"),
    NavEntry(_("Applications"), "grants:application_list", "grants.manage_applications"),
    NavEntry(_("Proofs of use"), "proofs:proof_list", "grants.manage_applications"),
    NavEntry(_("Language mediation"), "mediation:overview", "mediation.coordinate"),
    NavEntry(_("Mediation assignments"), "mediation:my_assignments", "mediation.serve"),
    NavEntry(_("Neighbourhood work"), "mediation:conflict_list", "mediation.neighbourhood"),
    NavEntry(_("Clearing checklist"), "mediation:criteria_list", "mediation.configure_clearing"),
    NavEntry(_("Organisations"), "organisations:list", "organisations.view_directory"),
    NavEntry(_("Areas"), "organisations:areas", "organisations.view_areas"),
    NavEntry(_("Users"), "accounts:user_list", "accounts.manage_users"),
    NavEntry(_("Audit log"), "audit:log", "audit.view_log"),
    NavEntry(
        _("Access requests"), "casework:subject_access_search", "casework.answer_subject_access"
    ),
    NavEntry(_("City statistics"), "statistics:city", "reports.view_city_statistics"),
    NavEntry(_("District monitoring"), "monitoring:profile_index", "monitoring.view_published"),
    NavEntry(_("Closed years"), "statistics:closing", "reports.close_year"),
)


def visible_entries(user: Any, current_path: str) -> list[dict[str, Any]]:
    entries = []
    for entry in MAIN_NAVIGATION:
        if entry.permission and not user.has_perm(entry.permission):
            continue
        url = reverse(entry.url_name)
        is_current = current_path == url or (url != "/" and current_path.startswith(url))
        entries.append({"label": entry.label, "url": url, "current": is_current})
    return entries
