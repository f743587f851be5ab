from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import Membership, User
from teilhabe.core.forms import KernForm, KernFormMixin, KernModelForm
from teilhabe.organisations.models import Organisation, Service


class LoginForm(KernFormMixin, AuthenticationForm):
    # Django's German text asks to "enter" name and password, which reads as if nothing
    # had been typed: say that the login failed.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Login failed: the user name or the password is wrong. Both are case-sensitive."
        ),
    }

    def clean_username(self) -> str:
        # AuthenticationForm sets the field's max_length after building it, so nothing
        # checks it: a longer name went on to the lock-out log (a 255-character column)
        # and failed there with a 500 on PostgreSQL. No account has such a name.
        username = str(self.cleaned_data["username"])
        if len(username) > (self.fields["username"].max_length or 150):  # type: ignore[attr-defined]
            raise self.get_invalid_login_error()
        return username


class KernPasswordChangeForm(KernFormMixin, PasswordChangeForm):
    pass


class KernPasswordResetForm(KernFormMixin, PasswordResetForm):
    pass


class KernSetPasswordForm(KernFormMixin, SetPasswordForm):  # type: ignore[type-arg]
    pass


class TokenForm(KernForm):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not (token.isascii() and token.isdigit()):  # isdigit() alone accepts "²"
            raise forms.ValidationError(_("The code consists of six digits."))
        return str(token)


class UserCreateForm(KernModelForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True


class MembershipForm(KernModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True), label=_("Organisation")
    )
    services = forms.ModelMultipleChoiceField(
        queryset=Service.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Services"),
        help_text=_("None selected means every service of the organisation."),
    )

    class Meta:
        model = Membership
        fields = ["organisation", "role", "services"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation, services = data.get("organisation"), data.get("services")
        if organisation and services:
            offered = set(organisation.services.values_list("pk", flat=True))
            foreign = [service.code for service in services if service.pk not in offered]
            if foreign:
                raise forms.ValidationError(
                    _("%(org)s does not offer: %(codes)s"),
                    params={"org": organisation, "codes": ", ".join(foreign)},
                )
        return data


class UserSearchForm(KernForm):
    q = forms.CharField(label=_("Search by name or user name"), required=False)
