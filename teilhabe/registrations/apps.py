from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "teilhabe.registrations"
    label = "registrations"
    verbose_name = _("Event registrations")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save, pre_save

        from teilhabe.activities.event_links import register_event_link
        from teilhabe.activities.models import Event
        from teilhabe.casework.subject_access_parts import register_records_outside_casework
        from teilhabe.registrations import cancellation, subject_access
        from teilhabe.registrations.event_link import registration_link
        from teilhabe.registrations.jobs import ensure_schedule

        register_event_link(registration_link)
        register_records_outside_casework(subject_access.PART)
        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="registrations_schedule")
        # an event cancelled on the activities form: mail everyone registered or waiting
        pre_save.connect(cancellation.remember_state, sender=Event, dispatch_uid="reg_before")
        post_save.connect(cancellation.tell_the_registered, sender=Event, dispatch_uid="reg_after")
