"""Write paths for organisations."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.organisations.models import Organisation, Service


class OrganisationError(Exception):
    pass


@transaction.atomic
def create_organisation(
    slug: str, name: str, service_codes: list[str], kind: str = Organisation.Kind.PROVIDER
) -> Organisation:
    if Organisation.objects.filter(slug=slug).exists():
        raise OrganisationError(_("An organisation with the short name %s exists.") % slug)
    codes = [code.strip().upper() for code in service_codes if code.strip()]
    services = list(Service.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {service.code for service in services})
    if unknown:
        raise OrganisationError(_("Unknown services: %s") % ", ".join(unknown))
    organisation = Organisation(slug=slug, name=name, kind=kind)
    organisation.full_clean()
    organisation.save()
    organisation.services.set(services)
    return organisation
