"""A plan document beyond the limits is refused with a message, and reading one is linear: the
two 68 KB DOCX uploads of issue 11 held both web workers until their 60 s timeout, because
python-docx reads a run's text through an XPath union that libxml2 merges in quadratic time."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx.text.paragraph import Paragraph

from xhht.core.tests.hostile import long_paragraph_docx
from xhht.plans.importer import DocumentError, read_and_propose, read_document
from xhht.plans.importer.reading import MAX_PARAGRAPHS, xml_text
from xhht.testing.world import World


def _docx_with_body(xml: str) -> bytes:
    """A DOCX whose body is ``xml`` (raw ``w:p`` elements) after one "KẾ HOẠCH" paragraph."""
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("PLACEHOLDER")
    saved = io.BytesIO()
    document.save(saved)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                placeholder = b"<w:p><w:r><w:t>PLACEHOLDER</w:t></w:r></w:p>"
                assert placeholder in data
                data = data.replace(placeholder, xml.encode())
            out.writestr(item, data)
    return buffer.getvalue()


def test_a_run_of_many_line_breaks_reads_in_linear_time() -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("x")
    for _ in range(200_000):  # python-docx's Paragraph.text: several minutes
        run._r.append(run._r.makeelement(run._r.tag.replace("}r", "}br")))
    started = time.monotonic()
    text = xml_text(run._r.getparent())
    assert time.monotonic() - started < 5
    assert text == "x" + "\n" * 200_000


def test_the_linear_reading_gives_python_docx_s_text() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Mục tiêu\tnăm 2025")
    run = paragraph.add_run("dòng một\ndòng hai")
    run.add_break()
    paragraph.add_run("cuối").add_tab()
    assert xml_text(paragraph._p) == Paragraph(paragraph._p, document).text


def test_a_ten_megabyte_paragraph_is_refused_naming_the_limit() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentError, match=r"nén gấp .* lần .*vượt giới hạn 100 lần"):
        read_and_propose(long_paragraph_docx(10), "ke-hoach.docx")
    assert time.monotonic() - started < 10


def test_a_document_of_more_characters_than_the_limit_is_refused() -> None:
    data = long_paragraph_docx(2, breaks=False)  # under the ZIP ratio rule's floor (10 MB)
    with pytest.raises(DocumentError, match=r"ký tự: vượt giới hạn 1\.000\.000 ký tự"):
        read_document(data, "ke-hoach.docx")


def test_a_document_of_more_paragraphs_than_the_limit_is_refused() -> None:
    data = _docx_with_body("<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (MAX_PARAGRAPHS + 1))
    with pytest.raises(DocumentError, match=r"20\.00\d đoạn hoặc dòng: vượt giới hạn 20\.000"):
        read_document(data, "ke-hoach.docx")


def test_a_text_file_of_more_lines_than_the_limit_is_refused() -> None:
    with pytest.raises(DocumentError, match=r"vượt giới hạn 20\.000"):
        read_document(b"- dong\n" * (MAX_PARAGRAPHS + 1), "ke-hoach.txt")


def test_an_ordinary_plan_still_reads_in_the_child_process() -> None:
    text = "KẾ HOẠCH\nThực hiện xây dựng xã hội học tập năm 2025\nI. MỤC TIÊU\n"
    proposal = read_and_propose(text.encode(), "ke-hoach.txt")
    assert proposal.title == "Thực hiện xây dựng xã hội học tập năm 2025"


def test_the_upload_page_refuses_a_hostile_document_with_the_message(
    world: World, client_for: Any
) -> None:
    client = client_for(world.coordinator)
    upload = SimpleUploadedFile("ke-hoach.docx", long_paragraph_docx(10))
    response = client.post(reverse("plans:import"), {"place": world.province.pk, "file": upload})
    assert response.status_code == 200
    assert "vượt giới hạn 100 lần" in response.content.decode()
    assert "plan_import" not in client.session


def test_the_upload_page_refuses_a_file_that_is_not_a_plan_with_the_message(
    world: World, client_for: Any
) -> None:
    client = client_for(world.coordinator)
    upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4")
    response = client.post(reverse("plans:import"), {"place": world.province.pk, "file": upload})
    assert response.status_code == 200
    assert "chỉ nhận văn bản .docx, .txt hoặc .md" in response.content.decode()
