from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from teilhabe.core.dashboard import Panel

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context: template.Context, panel: Panel) -> SafeString:
    request = context.get("request")
    return render_to_string(panel.template, {**panel.context, "user": context.get("user")}, request)


@register.filter
def audit_action(entry: object) -> str:
    from teilhabe.audit.labels import action_label

    return action_label(entry)


@register.filter
def country(code: str) -> str:
    """A country code as its German name ("SY" → "Syrien")."""
    from teilhabe.core.countries import country_name

    return country_name(code) if code else ""


@register.filter
def countries(codes: list[str]) -> str:
    from teilhabe.core.countries import country_name

    return ", ".join(country_name(code) for code in codes or [])


@register.filter
def languages(codes: list[str]) -> str:
    """ISO 639-3 codes (or old ISO 639-1 ones) as names ("ara", "prs" → "Arabisch, Dari")."""
    from teilhabe.core.languages import language_name

    return ", ".join(language_name(code) for code in codes or [])


@register.filter
def language(code: str) -> str:
    """One language code as its name ("kmr" → "Kurmandschi (Nordkurdisch)")."""
    from teilhabe.core.languages import language_name

    return language_name(code) if code else ""


@register.filter
def record_rows(data: dict[str, Any], model_label: str) -> list[tuple[str, str]]:
    """A record's stored values as (label, value) rows people read ("Geschlecht",
    "weiblich"), e.g. `data.person|record_rows:"casework.Person"`."""
    from django.apps import apps

    from teilhabe.core.display import record_rows as rows

    return rows(apps.get_model(model_label), data or {})
