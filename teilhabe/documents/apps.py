from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "teilhabe.documents"
    label = "documents"
    verbose_name = _("Documents and letters")

    def ready(self) -> None:
        from teilhabe.casework.case_sections import CaseSection, register_case_section
        from teilhabe.documents import checks, signals  # noqa: F401  (checks registers itself)
        from teilhabe.documents.case_tab import tab_context, tab_offered

        signals.connect()
        from teilhabe.core.jobs import register_recovery
        from teilhabe.documents.services import sweep_at_startup

        register_recovery(sweep_at_startup)
        from teilhabe.casework.subject_access_parts import register_subject_access_part
        from teilhabe.documents.subject_access import DOCUMENTS

        register_subject_access_part(DOCUMENTS)
        register_case_section(
            CaseSection(
                key="dokumente",
                title=_("Documents"),
                template="documents/case_section.html",
                context=tab_context,
                order=60,
                offered=tab_offered,
            )
        )
