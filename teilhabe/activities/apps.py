from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "teilhabe.activities"
    label = "activities"
    verbose_name = _("Groups, events and volunteers")

    def ready(self) -> None:
        from teilhabe.activities import dashboard  # noqa: F401  (registers the panels)
