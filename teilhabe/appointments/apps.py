from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "teilhabe.appointments"
    label = "appointments"
    verbose_name = _("Appointments and reminders")

    def ready(self) -> None:
        from teilhabe.activities.selectors import register_personal_entries
        from teilhabe.appointments import calendar, dashboard, tab
        from teilhabe.casework.case_sections import register_case_section

        register_case_section(tab.SECTION)
        register_personal_entries(calendar.appointment_entries)
        dashboard.register()
        from teilhabe.appointments.subject_access import APPOINTMENTS, REMINDERS
        from teilhabe.casework.subject_access_parts import register_subject_access_part

        register_subject_access_part(APPOINTMENTS)
        register_subject_access_part(REMINDERS)
