"""The district profile as a PDF (WeasyPrint), from the same template part as the page."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from teilhabe.monitoring.linechart import line_chart
from teilhabe.monitoring.profile import Profile


def profile_pdf(profile: Profile, extra: dict[str, Any] | None = None) -> bytes:
    from weasyprint import HTML  # loaded on first use: pango is slow to start

    context = {"profile": profile, "chart": line_chart(profile), **(extra or {})}
    html = render_to_string("monitoring/profile_pdf.html", context)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
