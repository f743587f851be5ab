"""Dashboard panel of the programmes: the user's programmes with their current families."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from teilhabe.core.dashboard import Panel, register_panel


@register_panel
def my_programmes(user: Any) -> Panel | None:
    if not user.has_perm("programmes.view_programmes"):
        return None
    from teilhabe.programmes.selectors import programme_list

    programmes = list(programme_list(user))
    if not programmes:
        return None
    return Panel(_("Programmes"), "programmes/panels/families.html", {"programmes": programmes}, 25)
