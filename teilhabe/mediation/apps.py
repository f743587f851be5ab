from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "teilhabe.mediation"
    label = "mediation"
    verbose_name = _("Language and culture mediation")

    def ready(self) -> None:
        from teilhabe.activities.selectors import register_personal_entries
        from teilhabe.mediation import calendar

        register_personal_entries(calendar.assignment_entries)
        from django.db.models.signals import post_migrate

        from teilhabe.mediation import dashboard  # noqa: F401  (registers the panel)
        from teilhabe.mediation.jobs import ensure_schedule

        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="mediation_schedule")
        from teilhabe.mediation import report_parts
        from teilhabe.reports.parts import (
            CityPart,
            OrganisationPart,
            register_city_part,
            register_organisation_part,
        )

        register_organisation_part(
            OrganisationPart("sprachmittlung", report_parts.organisation_section, 60)
        )
        register_city_part(
            CityPart(
                "sprachmittlung",
                report_parts.CITY_TITLE,
                "mediation/city_part.html",
                report_parts.city_context,
                60,
            )
        )
