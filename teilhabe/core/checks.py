"""System checks that refuse unsafe combinations of settings (`teilhabe check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def _public_hosts() -> set[str]:
    return set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS


@register(Tags.security)
def check_safe_settings(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    public = _public_hosts()
    if settings.DEBUG and public:
        problems.append(
            Error(
                "TEILHABE_DEBUG is on while the application is served to other hosts.",
                hint="Debug pages show settings and data; switch TEILHABE_DEBUG off.",
                id="teilhabe.E001",
            )
        )
    if settings.DEMO_MODE and public:
        problems.append(
            Error(
                "Demo mode is on while the application is served to other hosts.",
                hint="Demo mode makes the second factor optional and has known passwords.",
                id="teilhabe.E002",
            )
        )
    if not settings.REQUIRE_SECOND_FACTOR and not settings.DEMO_MODE:
        problems.append(
            Warning(
                "The second factor is switched off outside demo mode.",
                hint="Case data is special-category personal data (GDPR Art. 9).",
                id="teilhabe.W001",
            )
        )
    if not settings.HTTPS and public:
        problems.append(
            Error(
                "TEILHABE_HTTPS is off while the application is served to other hosts.",
                hint="Session cookies would travel unencrypted.",
                id="teilhabe.E003",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        problems.append(
            Warning(
                "TEILHABE_ALLOWED_HOSTS contains '*'.",
                hint="Name the host names the installation is served under.",
                id="teilhabe.W002",
            )
        )
    return problems
