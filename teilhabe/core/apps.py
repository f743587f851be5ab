from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "teilhabe.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from teilhabe.core import (
            checks,  # noqa: F401  (registers the system checks)
            converters,
            lookups,
        )

        converters.register()  # <id:pk> in the urls.py files
        lookups.register()  # __in with out-of-range numbers finds nothing
