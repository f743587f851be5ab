"""User administration for the administrator role: users, memberships, resets."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.accounts import selectors, services
from teilhabe.accounts.forms import MembershipForm, UserCreateForm, UserSearchForm
from teilhabe.accounts.models import Membership, User
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read

manage_users = requires("accounts.manage_users")


@manage_users
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "form": form,
        "users": selectors.search_users(query),
        "locked": selectors.locked_usernames(),
        "with_second_factor": selectors.users_with_second_factor(),
    }
    return render(request, "accounts/user_list.html", context)


@manage_users
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_user(**form.cleaned_data)
        messages.success(request, _("User %(user)s created.") % {"user": user})
        return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@manage_users
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    log_read(request, user)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_membership(
            user,
            form.cleaned_data["organisation"],
            form.cleaned_data["role"],
            list(form.cleaned_data["services"]),
        )
        messages.success(request, _("Role added."))
        return redirect("accounts:user_detail", pk=user.pk)
    context = {
        "subject": user,
        "form": form,
        "memberships": user.memberships.select_related("organisation").prefetch_related("services"),
        "is_locked": user.username in selectors.locked_usernames(),
        "has_second_factor": user.pk in selectors.users_with_second_factor(),
        "reset_link": request.session.pop("issued_reset_link", None),
    }
    return render(request, "accounts/user_detail.html", context)


@manage_users
@require_POST
def membership_delete(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, pk=membership_pk, user_id=pk)
    membership.delete()
    messages.success(request, _("Role removed."))
    return redirect("accounts:user_detail", pk=pk)


@manage_users
@require_POST
def user_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    if action == "reset-link":
        # Shown once on the next page, never stored: the administrator hands it over.
        request.session["issued_reset_link"] = request.build_absolute_uri(
            services.reset_link_path(user)
        )
        messages.success(request, _("One-time link issued."))
    elif action == "reset-second-factor":
        services.reset_second_factor(user)
        messages.success(request, _("Second factor reset: set up again at the next login."))
    elif action == "unlock":
        services.unlock(user)
        messages.success(request, _("Account unlocked."))
    elif action in {"deactivate", "activate"}:
        services.set_active(user, action == "activate")
        messages.success(request, _("Account status changed."))
    else:
        messages.error(request, _("Unknown action."))
    return redirect("accounts:user_detail", pk=user.pk)
