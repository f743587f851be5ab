from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "teilhabe.monitoring"
    label = "monitoring"
    verbose_name = _("District monitoring")

    def ready(self) -> None:
        from teilhabe.core.imports import register_import
        from teilhabe.monitoring.importers import register

        register_import("register", register)
