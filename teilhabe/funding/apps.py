from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "teilhabe.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from teilhabe.funding import dashboard  # noqa: F401  (registers the panels)
