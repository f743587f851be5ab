from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "teilhabe.registrations"
    label = "registrations"
    verbose_name = _("Event registrations")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from teilhabe.registrations.jobs import ensure_schedule

        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="registrations_schedule")
