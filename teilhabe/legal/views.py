"""Legal pages: readable by everybody, also before signing in; edited by the administrator."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.access import public, requires
from teilhabe.legal.forms import LegalPageForm
from teilhabe.legal.models import LegalPage
from teilhabe.legal.selectors import default_text, page
from teilhabe.legal.services import save_page


def _kind(kind: str) -> str:
    if kind not in LegalPage.Kind.values:
        raise Http404
    return kind


@public
def show(request: HttpRequest, kind: str) -> HttpResponse:
    return render(request, "legal/page.html", {"page": page(_kind(kind))})


@requires("legal.edit_pages")
def edit(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    stored = LegalPage.objects.filter(kind=kind).first()
    initial = {"body": stored.body if stored else default_text(kind)}
    form = LegalPageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_page(kind, form.cleaned_data["body"], user=request.user)
        messages.success(request, _("Saved."))
        return redirect("legal:page", kind=kind)
    return render(request, "legal/edit.html", {"form": form, "page": page(kind)})
