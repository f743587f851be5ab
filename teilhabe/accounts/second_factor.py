"""The TOTP step of the login, and the set-up of an authenticator app."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.forms import TokenForm
from teilhabe.core import params
from teilhabe.core.access import before_second_factor


def _next_url(request: HttpRequest) -> str:
    target = params.text(request.POST, "next") or params.text(request.GET, "next")
    # only a path: redirect() would take any other word for the name of a URL pattern
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return "/"


@before_second_factor
def verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        return redirect("accounts:second_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            verify_allowed, _details = device.verify_is_allowed()
            if verify_allowed and device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", _("The code is not valid. Please try the current code."))
    return render(
        request, "accounts/second_factor.html", {"form": form, "next": _next_url(request)}
    )


@before_second_factor
def setup(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    # A user who already has an app must prove it before adding another one:
    # otherwise a stolen password would be enough to enrol the thief's phone.
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists() and not user.is_verified():
        return redirect("accounts:second_factor")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Authenticator"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("The second factor is set up."))
            return redirect(_next_url(request))
        form.add_error("token", _("The code is not valid. Please try the current code."))
    qr_svg = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
    secret = device.config_url.split("secret=")[1].split("&")[0]
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    context = {"form": form, "qr_svg": qr_svg, "secret": grouped, "next": _next_url(request)}
    return render(request, "accounts/second_factor_setup.html", context)
