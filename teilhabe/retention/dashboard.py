"""Dashboard panels: what is due for the data-protection officer, the periods for the
administrator."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import Case
from teilhabe.core.dashboard import Panel, register_panel
from teilhabe.retention import selectors


@register_panel
def deletion_due(user: Any) -> Panel | None:
    if not user.has_perm("retention.view_due"):
        return None
    # only a count here: the full dry run is computed on the page itself
    due = Case.objects.filter(selectors.due_cases_query(timezone.localdate())).count()
    runs = selectors.recent_runs(1)
    context = {"due": due, "last_run": runs[0] if runs else None}
    return Panel(_("Deletion periods"), "retention/panels/due.html", context, 35)


@register_panel
def deletion_periods(user: Any) -> Panel | None:
    if not user.has_perm("retention.manage_periods"):
        return None
    return Panel(_("Deletion periods"), "retention/panels/periods.html", {}, 60)
