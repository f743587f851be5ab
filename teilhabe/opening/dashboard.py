"""The start page's panels of intercultural opening: for the coordinator, certificates
that run out soon (the renewal is to be started); for a contact person or a named coach,
the processes they take part in (their entry point: such a user has no other page)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.dashboard import Panel, register_panel
from teilhabe.opening import access, reminders, selectors


@register_panel
def expiring_certificates(user: Any) -> Panel | None:
    if not access.keeps(user):
        return None
    days = reminders.remind_days()
    rows = list(selectors.expiring(timezone.localdate(), days))
    if not rows:
        return None
    context = {"certificates": rows, "days": days}
    return Panel(_("Certificates running out"), "opening/panels/expiring.html", context, 60)


@register_panel
def my_processes(user: Any) -> Panel | None:
    if access.keeps(user) or not user.has_perm(access.TAKE_PART):
        return None
    rows = selectors.process_states(access.visible_processes(user))
    contacts = set(access.contact_actor_ids(user))
    if not rows:
        return None
    # a contact person holds no role ("My roles" is empty): say whom they sign in for
    institutions = sorted(
        {row["process"].actor.name for row in rows if row["process"].actor_id in contacts}
    )
    context = {"rows": rows, "institutions": institutions}
    return Panel(_("Intercultural opening"), "opening/panels/processes.html", context, 5)
