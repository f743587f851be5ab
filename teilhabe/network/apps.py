from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "teilhabe.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from teilhabe.network import dashboard  # noqa: F401  (registers the panel)
