from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "teilhabe.monitoring"
    label = "monitoring"
    verbose_name = _("District monitoring")

    def ready(self) -> None:
        from teilhabe.core.imports import register_import
        from teilhabe.core.jobs import register_recovery
        from teilhabe.monitoring.importers import indicator, register, sgb2
        from teilhabe.monitoring.jobs import fail_interrupted

        register_import("register", register)
        register_import("sgb2", sgb2)
        register_import("indicator", indicator)
        register_recovery(fail_interrupted)
