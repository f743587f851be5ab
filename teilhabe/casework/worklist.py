"""The counsellor's work list: casework's panels of the start page (core.dashboard),
registered in CaseworkConfig.ready.

They come before every other panel (orders 1 to 9; the appointments app fills the gaps
between them) so that a counsellor or case manager starts from the work: the search
box and the open cases first, then hand-overs, then a team lead's team load.

The pages that name clients record the reads (docs/privacy.md); so does the work list,
for the clients of "My open cases" and of the outgoing hand-overs. Incoming hand-overs
are shown without the person's name: the inbox page names it and records the read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.roles import Role
from teilhabe.casework import worklist_selectors as selectors
from teilhabe.casework.models import Person
from teilhabe.core.dashboard import Panel, register_panel

OPEN_CASES_SHOWN = 15
HANDOVERS_SHOWN = 10

ORDER_OPEN_CASES = 1
ORDER_HANDOVERS = 6
ORDER_TEAM_LOAD = 8


def _log_shown(user: Any, persons: Iterable[Person], what: str) -> None:
    """One read entry per person shown, in one INSERT, like core.audit_trail.log_reads.
    A panel provider gets the user, not the request: the client's address comes from
    the audit middleware's context, which is set for the request being served."""
    unique = list({person.pk: person for person in persons}.values())
    if not unique:
        return
    try:
        remote_addr = auditlog_value.get().get("remote_addr")
    except LookupError:  # outside a request (a test calling the provider directly)
        remote_addr = None
    content_type = ContentType.objects.get_for_model(Person)
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=content_type,
            object_pk=str(person.pk),
            object_id=person.pk,
            object_repr=str(person)[:255],
            action=LogEntry.Action.ACCESS,
            actor=user,
            remote_addr=remote_addr,
            additional_data={"read": what},
        )
        for person in unique
    )


def my_open_cases(user: Any) -> Panel | None:
    if not user.has_perm("casework.work_with_cases"):
        return None
    cases, total = selectors.my_open_cases(user, timezone.localdate(), OPEN_CASES_SHOWN)
    _log_shown(user, [case.client for case in cases], "work-list")
    context = {
        "cases": cases,
        "total": total,
        "more": total > len(cases),
        "gap_days": selectors.CONTACT_GAP_DAYS,
    }
    return Panel(_("My open cases"), "casework/panels/open_cases.html", context, ORDER_OPEN_CASES)


def handovers(user: Any) -> Panel | None:
    if not user.has_perm("casework.work_with_cases"):
        return None
    incoming, waiting = selectors.incoming_handovers(user, HANDOVERS_SHOWN)
    outgoing = selectors.outgoing_handovers(user, timezone.localdate(), HANDOVERS_SHOWN)
    if not incoming and not outgoing:
        return None
    _log_shown(user, [referral.source_case.client for referral in outgoing], "work-list")
    context = {"incoming": incoming, "waiting": waiting, "outgoing": outgoing}
    return Panel(_("Hand-overs"), "casework/panels/handovers.html", context, ORDER_HANDOVERS)


def team_load(user: Any) -> Panel | None:
    if not user.has_perm("casework.work_with_cases") or not user.has_role(Role.TEAM_LEAD):
        return None
    services = selectors.team_load(user, timezone.localdate())
    if not services:
        return None
    context = {"services": services, "gap_days": selectors.CONTACT_GAP_DAYS}
    return Panel(_("My team's load"), "casework/panels/team_load.html", context, ORDER_TEAM_LOAD)


def register() -> None:
    for provider in (my_open_cases, handovers, team_load):
        register_panel(provider)
