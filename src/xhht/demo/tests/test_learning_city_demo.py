"""The demo province's learning-city documents (``demo.learning_city``): their figures are the
database's (counted again here by walking the rows, not by the profile's queries), the English
one is English, the Vietnamese one Vietnamese, and LibreOffice turns them into PDFs. (Here, not
under ``learning_city/tests``: only the demo's tests may import the demo.)"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from xhht.accounts.models import User
from xhht.centres.models import Campaign, CampaignActivity, Participation
from xhht.demo.seed import DEMO_PROVINCE_CODE
from xhht.demo.tests.demo_world import build_demo
from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.learning_city.features import SECTIONS
from xhht.learning_city.figures import LABELS
from xhht.places.models import Level, Place
from xhht.recognition.models import Assessment
from xhht.testing.rendered import SOFFICE

pytestmark = pytest.mark.django_db

#: Letters only Vietnamese writes (an English text has none of them).
VIETNAMESE_LETTERS = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def _text(content: bytes) -> tuple[str, dict[str, str]]:
    """The paragraphs' text, and each two-column table row as label → figure."""
    document = docx.Document(io.BytesIO(content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    rows = {
        row.cells[0].text: row.cells[-1].text
        for table in document.tables
        for row in table.rows
        if len(row.cells) >= 2
    }
    return paragraphs, rows


def _download(client: Client, province: Place, kind: str, lang: str, year: int) -> bytes:
    url = reverse("learning_city:document", args=[province.pk, kind, lang])
    response = client.get(url, {"year": year})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def test_the_demo_province_report_carries_the_database_figures_in_both_languages(
    tmp_path: Path,
) -> None:
    build_demo()
    province = Place.objects.get(level=Level.PROVINCE, code=DEMO_PROVINCE_CODE)
    year = timezone.localdate().year
    under = province.path

    # Counted again here, row by row.
    families = sum(
        1
        for a in Assessment.objects.select_related("place")
        if a.title == "family"
        and a.state == "recognised"
        and a.year == year
        and a.place.path.startswith(under)
    )
    learners = {
        p.person_id
        for p in Participation.objects.select_related("learning_class__place")
        if p.learning_class.place.path.startswith(under)
        and p.learning_class.start_date.year == year
    }
    week = sum(
        a.participants
        for a in CampaignActivity.objects.select_related("campaign__place")
        if a.campaign.kind == Campaign.Kind.LIFELONG_LEARNING_WEEK
        and a.campaign.year == year
        and a.campaign.place.path.startswith(under)
        and a.state in ("submitted", "accepted")
    )
    resources = RollupCount.objects.get(
        indicator="open_resources", place=province, year=LIVE_YEAR
    ).numerator  # the resources app's own kept count
    assert families > 0 and len(learners) > 0 and week > 0 and resources == 20

    client = Client()
    client.force_login(User.objects.get(username="tinh"))
    english = _download(client, province, "report", "en", year)
    vietnamese = _download(client, province, "application", "vi", year)

    paragraphs, rows = _text(english)
    assert rows[LABELS["families_recognised"]["en"]] == f"{families:,}"
    assert rows[LABELS["learners"]["en"]] == f"{len(learners):,}"
    assert rows[LABELS["campaign_participants"]["en"]] == f"{week:,}"
    assert rows[LABELS["open_resources"]["en"]] == f"{resources:,}"
    assert "UNESCO LEARNING CITIES BIENNIAL PROGRESS REPORT" in paragraphs
    assert "Can Tho City" in paragraphs
    assert "The lifelong-learning week is held every October" in paragraphs
    assert not VIETNAMESE_LETTERS.search(paragraphs), VIETNAMESE_LETTERS.findall(paragraphs)
    assert not any(VIETNAMESE_LETTERS.search(label) for label in rows)

    paragraphs, rows = _text(vietnamese)
    assert rows[LABELS["families_recognised"]["vi"]] == f"{families:,}".replace(",", ".")
    assert rows["Quốc gia"] == "Việt Nam"
    assert all(s.title["vi"] in paragraphs for s in SECTIONS)
    assert "Tuần lễ hưởng ứng học tập suốt đời được tổ chức hằng năm" in paragraphs

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / "report-en.docx"
    source.write_bytes(english)
    subprocess.run(  # noqa: S603 - the installed LibreOffice, fixed arguments, our own file
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip  # the command line reads better on three lines
    pdf = source.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
