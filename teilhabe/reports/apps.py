from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "teilhabe.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from teilhabe.casework.plausibility import register_closed_year_check
        from teilhabe.reports import dashboard  # noqa: F401  (registers the panel)
        from teilhabe.reports.freeze import is_year_closed

        register_closed_year_check(is_year_closed)
