from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProofsConfig(AppConfig):
    name = "teilhabe.proofs"
    label = "proofs"
    verbose_name = _("Proof of use and transparency")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from teilhabe.proofs.jobs import ensure_schedule

        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="proofs_schedule")
