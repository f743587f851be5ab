"""Who sees what of intercultural opening: the one place where it is decided.

- The integration coordinator (`opening.keep`) keeps the catalogue, starts processes,
  creates the institutions' sign-ins, coaches every process and decides on certificates.
- A coach named on a process (any user) sees and coaches that process only.
- A contact person of an institution (`InstitutionContact`, no organisation role) sees
  the processes, self-checks, evidence and certificates of their own institution, answers
  its self-checks and uploads its evidence.
Everything else is a 404: another institution's process, self-check, evidence or
certificate does not exist for the user. The public register needs no sign-in and shows
institutions and dates only (selectors.public_register).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from teilhabe.opening.models import (
    Certificate,
    Evidence,
    InstitutionContact,
    Process,
    SelfCheck,
)
from teilhabe.opening.permissions import KEEP, TAKE_PART

__all__ = ["KEEP", "TAKE_PART"]


def keeps(user: Any) -> bool:
    return bool(user.has_perm(KEEP))


def contact_actor_ids(user: Any) -> list[int]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return list(InstitutionContact.objects.filter(user=user).values_list("actor_id", flat=True))


def visible_processes(user: Any) -> QuerySet[Process]:
    processes = Process.objects.select_related("actor", "catalogue", "coach")
    if keeps(user):
        return processes
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return processes.none()
    return processes.filter(Q(coach=user) | Q(actor_id__in=contact_actor_ids(user)))


def process_or_404(user: Any, pk: int) -> Process:
    return get_object_or_404(visible_processes(user), pk=pk)


def coaches(user: Any, process: Process) -> bool:
    """Records sessions, measures, the audit and checks evidence."""
    return keeps(user) or (process.coach_id is not None and process.coach_id == user.pk)


def is_contact_of(user: Any, process: Process) -> bool:
    return process.actor_id in contact_actor_ids(user)


def answers_for(user: Any, process: Process) -> bool:
    """Answers self-checks and uploads evidence: the institution or its coach."""
    return coaches(user, process) or is_contact_of(user, process)


def self_check_or_404(user: Any, pk: int) -> SelfCheck:
    return get_object_or_404(
        SelfCheck.objects.select_related("process__actor", "catalogue", "answered_by"),
        pk=pk,
        process__in=visible_processes(user),
    )


def evidence_or_404(user: Any, pk: int) -> Evidence:
    return get_object_or_404(
        Evidence.objects.select_related("process__actor", "criterion", "kind"),
        pk=pk,
        process__in=visible_processes(user),
    )


def certificate_or_404(user: Any, pk: int) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("actor", "catalogue", "process"),
        pk=pk,
        process__in=visible_processes(user),
    )
