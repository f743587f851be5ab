from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "teilhabe.retention"
    label = "retention"
    verbose_name = _("Deletion periods")

    def ready(self) -> None:
        from teilhabe.core.jobs import register_recovery
        from teilhabe.retention import dashboard  # noqa: F401  (registers the panel)
        from teilhabe.retention.jobs import ensure_schedule
        from teilhabe.retention.services import fail_interrupted_runs

        # (the periods and holds are in the audit log: audit/registry.py)
        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="retention_schedule")
        register_recovery(fail_interrupted_runs)  # runs of a killed worker end as failed
