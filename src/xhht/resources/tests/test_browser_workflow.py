"""On a phone: the centre's contributor offers a PDF, sends it to the province's curator, who
publishes it from the queue; then anyone downloads it from the public page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from xhht.centres.tests import factories as centre_factories
from xhht.resources.models import Resource
from xhht.resources.tests.factories import PDF
from xhht.testing.browser import log_in
from xhht.testing.world import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= 360)


def test_a_contributor_offers_a_pdf_and_the_curator_publishes_it_on_phones(
    world: World, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    centre_factories.centre(world)
    handbook = tmp_path / "Sổ tay kỹ năng số.pdf"
    handbook.write_bytes(PDF)

    officer = new_page(width=360, height=740)
    log_in(officer, live_server.url, "commune_officer", PASSWORD)
    officer.goto(f"{live_server.url}/resources/new/")
    assert _fits(officer)
    officer.get_by_label("Tên học liệu").fill("Sổ tay kỹ năng số")
    officer.get_by_label("Loại học liệu").select_option("document")
    officer.get_by_label("Kỹ năng số", exact=True).check()
    officer.get_by_label("Đối tượng").select_option("elderly")
    officer.get_by_label("Giấy phép").select_option("cc_by_sa")
    officer.get_by_label("Hoặc tải lên tệp").set_input_files(str(handbook))
    officer.get_by_role("button", name="Lưu nháp").click()
    officer.wait_for_url("**/resources/*/")
    officer.get_by_test_id("submit").click()
    assert officer.get_by_test_id("state").inner_text() == "Chờ duyệt"
    assert _fits(officer)

    curator = new_page(width=360, height=740)
    log_in(curator, live_server.url, "coordinator", PASSWORD)
    curator.goto(f"{live_server.url}/resources/queue/")
    curator.get_by_role("link", name="Sổ tay kỹ năng số").click()
    curator.get_by_test_id("publish").click()
    curator.wait_for_url("**/resources/queue/")
    resource = Resource.objects.get()
    assert resource.state == Resource.State.PUBLISHED and resource.curator == world.coordinator

    visitor = new_page(width=360, height=740)
    visitor.goto(f"{live_server.url}/resources/r/{resource.uid}/")
    with visitor.expect_download() as download:
        visitor.get_by_test_id("download").click()
    assert download.value.suggested_filename == "Sổ tay kỹ năng số.pdf"
    assert Path(download.value.path()).read_bytes() == PDF
    assert _fits(visitor)
