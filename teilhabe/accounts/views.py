"""Login, logout, password reset and the user's own account page."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.forms import (
    KernPasswordChangeForm,
    KernPasswordResetForm,
    KernSetPasswordForm,
    LoginForm,
)
from teilhabe.core import ratelimit
from teilhabe.core.access import before_second_factor, public, signed_in
from teilhabe.core.middleware import client_address

# (count, seconds) of POSTs per address. django-axes locks an account after failed
# sign-ins; this limits one address trying many user names, and the reset form mailing
# many addresses. An office behind one address signs in many people at 8 o'clock: the
# sign-in limit is generous. settings.ACCOUNT_RATE overrides either.
RATE = {"login": (100, 600), "password-reset": (10, 3600)}
View = Callable[..., Any]


def limited_posts(scope: str) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method == "POST":
                rate = {**RATE, **getattr(settings, "ACCOUNT_RATE", {})}[scope]
                address = client_address(request) or ""
                refused = ratelimit.refusal(request, f"accounts-{scope}", address, rate)
                if refused is not None:
                    return refused
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


login = public(
    limited_posts("login")(
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        )
    )
)
logout = before_second_factor(auth_views.LogoutView.as_view())

password_reset = public(
    limited_posts("password-reset")(
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=KernPasswordResetForm,
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
            extra_context={"mail_configured": settings.MAIL_CONFIGURED},
        )
    )
)
password_reset_done = public(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        form_class=KernSetPasswordForm,
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = public(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
password_change = signed_in(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        form_class=KernPasswordChangeForm,
        success_url=reverse_lazy("accounts:profile"),
    )
)


@signed_in
def profile(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context = {
        "memberships": user.memberships.select_related("organisation").prefetch_related("services"),
        "has_second_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
    }
    return render(request, "accounts/profile.html", context)
