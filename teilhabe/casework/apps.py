from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "teilhabe.casework"
    label = "casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        from teilhabe.casework.importers import casework
        from teilhabe.core.imports import register_import

        register_import("casework", casework)
