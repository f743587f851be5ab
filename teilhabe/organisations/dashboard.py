"""Dashboard panels of the organisations app: services of one's organisations; the
network and the area hierarchy for the city's coordination and statistics roles."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from teilhabe.core.dashboard import Panel, register_panel
from teilhabe.organisations import selectors
from teilhabe.organisations.models import Organisation, Service


def services_of(user: Any) -> QuerySet[Service]:
    """The services the user's memberships cover: those a membership names, and every
    service of the organisation where a membership names none."""
    named = Service.objects.filter(membership__user=user).values("pk")
    whole = user.memberships.filter(services__isnull=True).values("organisation_id")
    offered = Organisation.services.through.objects.filter(organisation_id__in=whole)
    return Service.objects.filter(Q(pk__in=named) | Q(pk__in=offered.values("service_id")))


@register_panel
def my_services(user: Any) -> Panel | None:
    if not user.has_perm("organisations.view_own_services"):
        return None
    organisations = Organisation.objects.filter(memberships__user=user).distinct()
    context = {"organisations": organisations, "services": services_of(user)}
    return Panel(_("My services"), "organisations/panels/my_services.html", context, 15)


@register_panel
def network(user: Any) -> Panel | None:
    if not user.has_perm("organisations.view_network"):
        return None
    by_kind = (
        Organisation.objects.filter(is_active=True)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    labels = dict(Organisation.Kind.choices)
    rows = [{"label": labels.get(row["kind"], row["kind"]), "count": row["n"]} for row in by_kind]
    services = Service.objects.annotate(providers=Count("organisations", distinct=True)).filter(
        providers__gt=0
    )
    return Panel(
        _("Network of organisations"),
        "organisations/panels/network.html",
        {"rows": rows, "services": services},
        25,
    )


@register_panel
def areas(user: Any) -> Panel | None:
    if not user.has_perm("organisations.view_area_summary"):
        return None
    counts = selectors.area_counts_by_level()
    context = {"levels": sorted(counts.items()), "total": sum(counts.values())}
    return Panel(_("Area hierarchy"), "organisations/panels/areas.html", context, 26)
