from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "teilhabe.organisations"
    label = "organisations"
    verbose_name = _("Organisations and areas")

    def ready(self) -> None:
        from teilhabe.core.imports import register_import
        from teilhabe.organisations import dashboard  # noqa: F401  (registers the panels)
        from teilhabe.organisations.importers import areas

        register_import("areas", areas)
