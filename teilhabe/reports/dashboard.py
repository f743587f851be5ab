"""Dashboard panel of the reports app: the annual report, for team leads."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from teilhabe.core.dashboard import Panel, register_panel
from teilhabe.reports.forms import default_year


@register_panel
def annual_report(user: Any) -> Panel | None:
    if not user.has_perm("reports.view_service_report"):
        return None
    return Panel(
        _("Annual report"), "reports/panels/annual_report.html", {"year": default_year()}, 40
    )
