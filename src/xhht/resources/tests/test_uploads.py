"""Uploaded resource files are checked by their content: a file that lies about its type is
refused with a Vietnamese message and nothing is written, neither a row nor a file."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document
from PIL import Image

from xhht.centres.tests import factories as centre_factories
from xhht.core.workflow import StepRefused
from xhht.resources import actions
from xhht.resources.models import Resource
from xhht.resources.tests import factories
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _stored_files() -> set[str]:
    if not default_storage.exists("resources"):
        return set()
    return set(default_storage.listdir("resources")[1])


def _docx() -> bytes:
    document = Document()
    document.add_paragraph("Kỹ năng số cho người cao tuổi")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _create(world: World, name: str, content: bytes) -> Resource:
    centre = world.once("centre", centre_factories.centre)
    return actions.create_resource(
        user=world.commune_officer,
        fields=factories.fields(url=""),
        centre=centre,
        upload=SimpleUploadedFile(name, content),
    )


def test_a_real_word_document_is_stored_under_a_random_name(world: World) -> None:
    resource = _create(world, "Sổ tay.docx", _docx())
    assert resource.file_type.endswith("wordprocessingml.document")
    assert resource.file_name == "Sổ tay.docx"
    assert resource.file.name.startswith("resources/") and "Sổ" not in resource.file.name
    with resource.file.open("rb") as stored:
        assert zipfile.ZipFile(stored).read("word/document.xml")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bai-giang.pdf", b"<html><script>alert(1)</script></html>", "Nội dung tệp không phải"),
        ("bai-giang.pdf", _png(), "Tên tệp ghi .pdf nhưng nội dung là tệp PNG"),
        ("bai-giang.exe", b"MZ\x90\x00\x03" + b"\x00" * 200, "Nội dung tệp không phải"),
        ("so-tay.docx", b"PK\x03\x04" + b"\x00" * 100, "Nội dung tệp không phải"),
        ("bai-giang.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "PDF bị hỏng"),
    ],
)
def test_a_file_that_lies_about_its_type_is_refused_and_nothing_is_written(
    world: World, name: str, content: bytes, message: str
) -> None:
    before = _stored_files()
    with pytest.raises(StepRefused, match=message):
        _create(world, name, content)
    assert not Resource.objects.exists()
    assert _stored_files() == before


def test_a_zip_renamed_docx_without_a_document_is_refused(world: World) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/other.xml", "<x/>")
    with pytest.raises(StepRefused, match="DOCX"):
        _create(world, "so-tay.docx", buffer.getvalue())
    assert not Resource.objects.exists()


def test_a_file_over_the_limit_is_refused(world: World, settings: object) -> None:
    settings.XHHT_MAX_RESOURCE_BYTES = 1024  # type: ignore[attr-defined]  # pytest-django's settings
    with pytest.raises(StepRefused, match="Tệp quá lớn"):
        _create(world, "so-tay.docx", _docx())


def test_the_form_shows_the_refusal_in_vietnamese_and_saves_nothing(
    world: World, client: Client
) -> None:
    centre = world.once("centre", centre_factories.centre)
    client.force_login(world.commune_officer)
    before = _stored_files()
    response = client.post(
        reverse("resources:create"),
        {
            "contributor": f"centre-{centre.pk}",
            "title": "Kỹ năng số",
            "kind": "document",
            "audience": "everyone",
            "level": "basic",
            "language": "vi",
            "licence": "cc_by",
            "upload": SimpleUploadedFile("so-tay.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 200
    assert "Nội dung tệp không phải một loại được nhận" in response.content.decode()
    assert not Resource.objects.exists()
    assert _stored_files() == before


def test_the_form_saves_a_draft_with_its_file(world: World, client: Client) -> None:
    centre = world.once("centre", centre_factories.centre)
    client.force_login(world.commune_officer)
    response = client.post(
        reverse("resources:create"),
        {
            "contributor": f"centre-{centre.pk}",
            "title": "Sổ tay kỹ năng số",
            "kind": "document",
            "audience": "elderly",
            "level": "basic",
            "language": "vi",
            "licence": "cc_by_sa",
            "topics": [centre_factories.topic().pk],
            "upload": SimpleUploadedFile("so-tay.docx", _docx()),
        },
    )
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("resources:manage", args=[resource.pk])
    assert resource.state == Resource.State.DRAFT and resource.file_size > 0
