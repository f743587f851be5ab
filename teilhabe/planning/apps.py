from typing import Any

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

        from teilhabe.core.jobs import register_recovery
        from teilhabe.planning.jobs import fail_interrupted

        register_recovery(fail_interrupted)

        from teilhabe.planning import dashboard

        dashboard.register()

        from teilhabe.planning import area_section

        area_section.register()  # the plan's measures on the district profile

        from django.db.models.signals import post_delete

        from teilhabe.planning.models import ProgressEntry
        from teilhabe.planning.services import remove_attachment_file

        def attachment_gone(sender: Any, instance: ProgressEntry, **kwargs: Any) -> None:
            remove_attachment_file(instance)

        post_delete.connect(attachment_gone, sender=ProgressEntry, weak=False)
