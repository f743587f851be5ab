"""The user's own API keys: create (the key is shown once) and revoke."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.api.forms import TokenForm
from teilhabe.api.models import ApiToken
from teilhabe.api.services import issue_token, revoke_token
from teilhabe.core.access import signed_in


@signed_in
def tokens(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = TokenForm(request.POST or None)
    new_key = ""
    if request.method == "POST" and form.is_valid():
        validity = datetime.timedelta(days=form.cleaned_data["validity_days"])
        _token, new_key = issue_token(user, form.cleaned_data["name"], validity)
        form = TokenForm()
    context = {"form": form, "tokens": ApiToken.objects.filter(user=user), "new_key": new_key}
    return render(request, "api/tokens.html", context)


@signed_in
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token)
    messages.success(request, _("The key “%s” no longer works.") % token.name)
    return redirect("api_keys:list")
