from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpeningConfig(AppConfig):
    name = "teilhabe.opening"
    label = "opening"
    verbose_name = _("Intercultural opening")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from teilhabe.opening import dashboard, evidence, permissions  # noqa: F401
        from teilhabe.opening.jobs import ensure_schedule

        permissions.register()
        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="opening_schedule")
