from __future__ import annotations

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
    """Language codes as German names ("ar" → "Arabisch")."""
    from teilhabe.core.countries import language_name

    return ", ".join(language_name(code) for code in codes or [])
