"""On the demo as shipped, the hamlet head on a phone downloads the hamlet's evaluation sheet,
fills it in a spreadsheet program's place (openpyxl), sends it back, and lands on a page it
may see with the files reviewed."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from xhht.accounts.models import RoleAssignment
from xhht.accounts.roles import Role
from xhht.demo.seed import DEMO_PASSWORD
from xhht.demo.tests.demo_world import build_demo
from xhht.recognition.models import Assessment, State
from xhht.registry.models import Household
from xhht.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _mark(sheet: Any, row: int, guide: dict[str, str]) -> None:
    """The best mark of each item column, read from the sheet's own guide (its maximum)."""
    headers = [c.value for c in sheet[1]]
    for column, code in enumerate(headers, start=1):
        how = guide.get(str(code))
        if how is None:
            continue
        if "đạt" in how:
            sheet.cell(row=row, column=column, value="đạt")
        else:
            found = re.search(r"0 – ([\d,]+)", how)
            assert found is not None, how
            sheet.cell(row=row, column=column, value=float(found.group(1).replace(",", ".")))


def test_the_hamlet_head_round_trips_the_sheet_it_downloads_on_a_phone(
    live_server: Any, new_page: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    build_demo()
    hamlet = RoleAssignment.objects.get(user__username="thon", role=Role.HAMLET_HEAD).place
    assert hamlet is not None
    year = timezone.localdate().year
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, "thon", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/recognition/import/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp mẫu").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = book.worksheets[0]
    listed = [str(r[0]) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    assert listed == list(
        Household.objects.filter(place=hamlet).order_by("sort_key").values_list("code", flat=True)
    )
    guide = {
        str(r[0]): str(r[2]) for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)
    }
    guide = {code: how for code, how in guide.items() if code != "None"}
    busy = set(
        Assessment.objects.filter(year=year, title="family")
        .exclude(state__in=[State.REGISTERED, State.RETURNED, State.SELF_ASSESSED])
        .values_list("household__code", flat=True)
    )
    chosen = [n for n, code in enumerate(listed, start=2) if code not in busy][:2]
    assert chosen, "the demo hamlet has households the head may still evaluate"
    for row in chosen:
        _mark(sheet, row, guide)
    filled = tmp_path / "phieu-danh-gia.xlsx"
    book.save(filled)

    form = page.locator("form[enctype='multipart/form-data']")
    form.locator("select[name=title]").select_option("family")
    form.locator("input[name=year]").fill(str(year))
    form.locator("input[name=file]").set_input_files(str(filled))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_load_state()
    content = page.content()
    assert "Chưa lưu" not in content, re.sub(r"<[^>]+>", " ", content)[-2000:]
    assert f"Đã nhập và thẩm định {len(chosen)} hồ sơ" in content
    assert "Không tìm thấy" not in content  # the landing page answers the hamlet head
    codes = [listed[row - 2] for row in chosen]
    reviewed = Assessment.objects.filter(
        household__code__in=codes, year=year, state=State.REVIEWED
    ).count()
    assert reviewed == len(chosen)
