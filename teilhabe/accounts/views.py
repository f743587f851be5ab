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

# (count, seconds) per address (settings.ACCOUNT_RATE, from TEILHABE_LOGIN_RATE and
# TEILHABE_PASSWORD_RESET_RATE). django-axes locks an account after failed sign-ins;
# "login" counts failed sign-ins of one address across user names (a successful one
# does not count: an office behind one address signs in many people at 8 o'clock),
# "password-reset" every reset request (each may send a mail).
RATE = {"login": (100, 600), "password-reset": (10, 3600)}
View = Callable[..., Any]


def _rate(scope: str) -> tuple[int, int]:
    return {**RATE, **getattr(settings, "ACCOUNT_RATE", {})}[scope]


def limited_posts(scope: str, *, failures_only: bool = False) -> Callable[[View], View]:
    """Limits the POSTs of one address to the view; with `failures_only`, only those
    the view answers without a redirect (a refused sign-in) count."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method != "POST":
                return view(request, *args, **kwargs)
            name, address, rate = f"accounts-{scope}", client_address(request) or "", _rate(scope)
            if not failures_only:
                refused = ratelimit.refusal(request, name, address, rate)
                return refused or view(request, *args, **kwargs)
            verdict = ratelimit.peek(name, address, *rate)
            if not verdict.allowed:
                return ratelimit.too_many(request, verdict)
            response = view(request, *args, **kwargs)
            if response.status_code != 302:
                ratelimit.hit(name, address, *rate)
            return response

        return wrapped

    return decorate


login = public(
    limited_posts("login", failures_only=True)(
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
