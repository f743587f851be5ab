from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "teilhabe.casework"
    label = "casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        from teilhabe.casework.importers import casework
        from teilhabe.casework.jobs import fail_interrupted_runs
        from teilhabe.core.imports import register_import
        from teilhabe.core.jobs import register_recovery

        register_import("casework", casework)
        register_recovery(fail_interrupted_runs)

        from teilhabe.casework import worklist

        worklist.register()

        from teilhabe.casework import area_figures

        area_figures.register()  # the counselling reach of the district monitoring
