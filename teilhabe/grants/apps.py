from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "teilhabe.grants"
    label = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from teilhabe.grants.jobs import ensure_schedule

        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="grants_schedule")
