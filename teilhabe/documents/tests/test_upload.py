"""Uploading and downloading documents: type by content, size limit, private folder,
audited downloads, access through casework (another organisation: 404)."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Case
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.documents import services, storage
from teilhabe.documents.models import Document
from teilhabe.documents.tests.world import small_jpeg, small_pdf, small_png, uploaded
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def post_upload(client: Any, case: Case, content: bytes, **extra: Any) -> Any:
    data = {
        "upload": uploaded(
            content, extra.pop("name", "einwilligung.pdf"), extra.pop("kind", "application/pdf")
        ),
        "kind": "einwilligung",
        "title": "Einwilligung Datenweitergabe",
        "document_date": "2024-03-01",
        **extra,
    }
    return client.post(reverse("documents:case_upload", kwargs={"pk": case.pk}), data)


def stored_files() -> list[Path]:
    return [path for path in Path(settings.DOCUMENT_ROOT).rglob("*") if path.is_file()]


def test_a_small_pdf_is_stored_in_the_private_folder_under_a_random_name(
    case: Case, counsellor: Any
) -> None:
    content = small_pdf()
    response = post_upload(signed_in_client(counsellor), case, content)

    assert response.status_code == 302
    assert response.url.endswith(f"/fallarbeit/faelle/{case.pk}/?teil=dokumente")
    document = Document.objects.get()
    assert (document.case, document.client, document.kind) == (case, None, "einwilligung")
    assert document.content_type == "application/pdf"
    assert document.size == len(content) and document.uploaded_by == counsellor
    [path] = stored_files()
    assert path == storage.path_of(document.file_id)
    assert path.read_bytes() == content
    assert "einwilligung" not in str(path).lower()  # never the uploaded name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # the folder lies in the data directory, apart from what whitenoise serves
    assert not str(path).startswith(str(settings.STATIC_ROOT))
    created = LogEntry.objects.get(action=LogEntry.Action.CREATE, content_type__model="document")
    assert created.actor == counsellor and "title" in created.changes_dict
    assert "file_id" not in created.changes_dict  # the random name stays out of the log


@pytest.mark.parametrize("content,kind", [(small_png(), "image/png"), (small_jpeg(), "image/jpeg")])
def test_png_and_jpeg_images_are_accepted(
    case: Case, counsellor: Any, content: bytes, kind: str
) -> None:
    # named and sent as a PDF: the content decides, not the name or the browser
    response = post_upload(signed_in_client(counsellor), case, content)
    assert response.status_code == 302
    assert Document.objects.get().content_type == kind


@pytest.mark.parametrize(
    "content",
    [
        MZ,  # a Windows executable renamed to .pdf
        ELF,  # a Linux executable renamed to .pdf
        b"<html><script>alert(1)</script></html>",
        b"\x89PNG\r\n\x1a\n" + MZ,  # a PNG signature in front of anything else
        b"",
    ],
    ids=["mz", "elf", "html", "fake-png", "empty"],
)
def test_a_file_that_is_not_pdf_png_or_jpeg_is_refused(
    case: Case, counsellor: Any, content: bytes
) -> None:
    response = post_upload(signed_in_client(counsellor), case, content)

    assert response.status_code == 400
    assert not Document.objects.exists()
    assert stored_files() == []  # nothing left behind
    if content:
        assert response.context["form"].errors["upload"] == [str(services.WRONG_TYPE)]


def test_an_oversized_file_is_refused(case: Case, counsellor: Any, settings: Any) -> None:
    settings.DOCUMENT_MAX_UPLOAD = 1024 * 1024  # 1 MB
    content = small_pdf() + b"%" + b"x" * (1024 * 1024)
    response = post_upload(signed_in_client(counsellor), case, content)

    assert response.status_code == 400
    assert response.context["form"].errors["upload"] == [services.too_large_message()]
    assert "1 MB" in services.too_large_message()
    assert not Document.objects.exists() and stored_files() == []


def test_the_limit_holds_while_writing_whatever_size_was_declared(settings: Any) -> None:
    # A declared size is the client's word; the stream is counted while it is written.
    with pytest.raises(storage.TooLarge):
        storage.store([b"%PDF-" + b"x" * 600, b"x" * 600], limit=1000)
    assert stored_files() == []


def test_a_download_is_an_audited_attachment_that_is_not_sniffed(
    case: Case, counsellor: Any
) -> None:
    content = small_pdf()
    client = signed_in_client(counsellor)
    post_upload(client, case, content, title="Bescheid: Jobcenter/Leistung")
    document = Document.objects.get()

    response = client.get(reverse("documents:download", kwargs={"pk": document.pk}))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Bescheid_Jobcenter_Leistung.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(document.pk))
    assert entry.actor == counsellor
    assert entry.content_type.model == "document"
    assert entry.additional_data == {"read": "document:download"}


def test_documents_of_another_organisations_case_are_not_found(
    case: Case, counsellor: Any, city: Organisation
) -> None:
    post_upload(signed_in_client(counsellor), case, small_pdf())
    document = Document.objects.get()
    outsider = make_user("fremd", city, Role.COUNSELLOR.value)
    other_lead = make_user("fremdleitung", city, Role.TEAM_LEAD.value)
    for user in (outsider, other_lead):
        client = signed_in_client(user)
        for url in (
            reverse("documents:download", kwargs={"pk": document.pk}),
            reverse("documents:delete", kwargs={"pk": document.pk}),
            reverse("documents:case_upload", kwargs={"pk": case.pk}),
        ):
            assert client.get(url).status_code == 404, (user, url)
        assert post_upload(client, case, small_pdf()).status_code == 404
        assert (
            client.post(reverse("documents:delete", kwargs={"pk": document.pk})).status_code == 404
        )
    assert Document.objects.count() == 1
    # nothing was read: no download entry for the outsiders
    assert not LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(document.pk)
    ).exists()


def test_a_colleague_the_case_is_not_shared_with_does_not_see_its_documents(
    case: Case, counsellor: Any, provider: Organisation
) -> None:
    post_upload(signed_in_client(counsellor), case, small_pdf())
    colleague = make_user("kollegin", provider, Role.COUNSELLOR.value)
    url = reverse("documents:download", kwargs={"pk": Document.objects.get().pk})
    assert signed_in_client(colleague).get(url).status_code == 404
    case.shared_with.add(colleague)
    assert signed_in_client(colleague).get(url).status_code == 200


def test_a_document_of_the_client_is_shown_on_the_client_page(case: Case, counsellor: Any) -> None:
    client = signed_in_client(counsellor)
    person = case.client
    response = client.post(
        reverse("documents:client_upload", kwargs={"pk": person.pk}),
        {
            "upload": uploaded(small_png(), "pass.png", "image/png"),
            "kind": "nachweis",
            "title": "Aufenthaltstitel",
            "document_date": "2024-02-01",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.client, document.case) == (person, None)
    page = client.get(reverse("casework:client_detail", kwargs={"pk": person.pk})).content.decode()
    assert "Aufenthaltstitel" in page
    assert reverse("documents:download", kwargs={"pk": document.pk}) in page


def test_the_case_tab_lists_documents_and_offers_the_default_letters(
    case: Case, counsellor: Any
) -> None:
    client = signed_in_client(counsellor)
    post_upload(client, case, small_pdf())
    url = reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=dokumente"
    page = client.get(url).content.decode()
    assert "Einwilligung Datenweitergabe" in page
    assert "Terminbestätigung" in page and "Beratungsbestätigung" in page


def test_the_uploader_and_the_team_lead_delete_others_do_not(
    case: Case,
    counsellor: Any,
    lead: Any,
    provider: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    post_upload(signed_in_client(counsellor), case, small_pdf())
    document = Document.objects.get()
    colleague = make_user("kollegin", provider, Role.COUNSELLOR.value)
    case.shared_with.add(colleague)
    url = reverse("documents:delete", kwargs={"pk": document.pk})
    assert signed_in_client(colleague).post(url).status_code == 403
    assert signed_in_client(lead).get(url).status_code == 200  # the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_client(lead).post(url)
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert stored_files() == []


def test_a_date_is_required(case: Case, counsellor: Any) -> None:
    response = post_upload(signed_in_client(counsellor), case, small_pdf(), document_date="")
    assert response.status_code == 400
    assert not Document.objects.exists() and stored_files() == []


def test_the_download_name_comes_from_the_title_and_the_content(case: Case) -> None:
    from teilhabe.documents.storage import download_name

    assert download_name('a"b\r\nContent-Type: text/html', "application/pdf") == (
        "a_b_Content-Type_text_html.pdf"
    )
    assert download_name("Bescheid.exe", "image/png") == "Bescheid_exe.png"
    assert download_name("///", "image/jpeg") == "dokument.jpg"


def test_a_document_folder_among_the_static_files_is_refused(settings: Any) -> None:
    from teilhabe.documents.checks import check_document_root

    assert check_document_root() == []
    settings.DOCUMENT_ROOT = Path(settings.STATIC_ROOT) / "dokumente"
    assert [error.id for error in check_document_root()] == ["documents.E001"]
