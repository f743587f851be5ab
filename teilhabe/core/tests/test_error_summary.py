"""KERN's error summary (issue 10, item 7): every form rendered through core/forms shows,
above its fields, one focusable alert listing each problem as a link to its field; the
forms laid out field by field include the same summary; a form without errors has none.
Warnings a user can confirm (`form.warnings`) come in a warning box of their own."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.activities import services
from teilhabe.conftest import signed_in_client
from teilhabe.core.forms import KernForm
from teilhabe.organisations.models import Organisation


class LongForm(KernForm):
    name = forms.CharField(label="Name")
    day = forms.DateField(label="Datum")
    choice = forms.MultipleChoiceField(
        label="Themen", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label="Hinweis", required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        raise forms.ValidationError("Das passt nicht zusammen.")


def _summary(html: str) -> str:
    found = re.search(
        r'<div class="kern-alert kern-alert--danger error-summary".*?</ul>', html, re.S
    )
    assert found, html
    return found.group(0)


def test_the_summary_links_every_problem_to_its_field() -> None:
    html = str(LongForm({"day": "kein Datum"}, prefix="f"))
    summary = _summary(html)
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert "Das passt nicht zusammen." in summary  # the form's own problem, without a link
    links = re.findall(r'<a class="kern-link" href="#([^"]+)">([^<]+)</a>', summary)
    assert [target for target, _text in links] == ["id_f-name", "id_f-day", "id_f-choice_0"]
    assert links[0][1].startswith("Name: ") and links[1][1].startswith("Datum: ")
    # every target exists in the form: a link never leads nowhere
    for target, _text in links:
        assert f'id="{target}"' in html
    assert html.index("error-summary") < html.index('id="id_f-name"')  # on top


def test_no_summary_without_errors() -> None:
    assert "error-summary" not in str(LongForm())
    assert "error-summary" not in str(LongForm({"name": "x", "day": "2024-01-01"}).__class__())


def test_a_warning_is_shown_in_its_own_box() -> None:
    form = LongForm()
    form.warnings = ["Bitte prüfen: außerhalb des Altersbereichs."]
    html = str(form)
    assert "kern-alert--warning" in html and "außerhalb des Altersbereichs" in html
    assert "error-summary" not in html


@pytest.mark.django_db
def test_a_form_laid_out_field_by_field_has_the_summary(
    users_by_role: dict[str, Any], provider: Organisation
) -> None:
    group = services.create_group(provider, name="Treff")
    client = signed_in_client(users_by_role[Role.PROGRAMME_COORDINATOR.value])
    url = reverse("activities:meeting_create", kwargs={"pk": group.pk})
    response = client.post(url, {"date": "", "total": "3", "female": "5"})
    assert response.status_code == 400
    summary = _summary(response.content.decode())
    assert 'href="#id_date"' in summary
    html = response.content.decode()
    assert html.count("data-error-summary") == 1
