from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "teilhabe.planning"
    label = "planning"
    verbose_name = _("Integration plan")

    def ready(self) -> None:
        from teilhabe.core.imports import register_import
        from teilhabe.planning.importers import plan

        register_import("plan", plan)
