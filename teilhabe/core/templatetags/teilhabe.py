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
