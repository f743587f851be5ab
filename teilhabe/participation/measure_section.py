"""The section "Ideas this measure came from" of the plan's measure page
(planning/measure_sections.py), registered in ParticipationConfig.ready."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from teilhabe.participation import access, selectors
from teilhabe.planning.measure_sections import MeasureSection, register_measure_section
from teilhabe.planning.models import Measure


def context(request: HttpRequest, measure: Measure) -> dict[str, Any] | None:
    """The ideas behind the measure; none: no section. The events are linked only for
    those who read the participation pages (plan readers); a provider who sees the
    measure reads the ideas, which are public input anyway."""
    ideas = selectors.ideas_behind(measure)
    if not ideas:
        return None
    return {"ideas": ideas, "link_events": access.reads(request.user)}


def register() -> None:
    register_measure_section(
        MeasureSection(
            key="ideas",
            title=_("Ideas this measure came from"),
            template="participation/measure_section.html",
            context=context,
            order=10,
        )
    )
