from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "teilhabe.participation"
    label = "participation"
    verbose_name = _("Public participation")

    def ready(self) -> None:
        # The measure page shows the ideas a measure came from; planning knows nothing
        # of this app (planning/tests/test_layers.py), so the section is registered here.
        from teilhabe.participation.measure_section import register

        register()
