from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "teilhabe.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from teilhabe.audit.registry import register_models

        register_models()
        from teilhabe.audit import dashboard  # noqa: F401  (registers the panel)
