from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "teilhabe.programmes"
    label = "programmes"
    verbose_name = _("Family education programmes")

    def ready(self) -> None:
        from teilhabe.programmes import dashboard  # noqa: F401  (registers the panel)
        from teilhabe.programmes.area_figures import register as register_area_figures

        register_area_figures()  # families per area for the district monitoring
