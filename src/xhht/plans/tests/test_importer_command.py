"""``xhht import_plan FILE --dry-run --json`` prints what importing the plan would save: the
plan, the bodies (matched or created), the targets, the tasks and the report types; and what
the officer has left to do."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xhht.accounts.models import Body
from xhht.places.models import Level, Place
from xhht.plans.models import Plan
from xhht.plans.tests.test_importer_support import seed_path
from xhht.reporting.models import ReportType, Task
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


def saved(*args: str) -> dict[str, Any]:
    return json.loads(run(*args, "--dry-run", "--json"))  # type: ignore[no-any-return]  # json.loads returns Any


@pytest.fixture
def hcm(db: None) -> Place:
    return Place.objects.create(
        level=Level.PROVINCE, code="79", name="Thành phố Hồ Chí Minh", kind="thành phố"
    )


def test_the_dry_run_prints_what_would_be_saved(hcm: Place) -> None:
    data = saved(str(seed_path("000_hcm")))
    plan = data["plan"]
    assert (plan["number"], plan["date"], plan["place"]["code"]) == (
        "1968/KH-UBND",
        "2023-05-15",
        "79",
    )
    family = next(t for t in data["targets"] if t["indicator"] == "family")
    assert {k: family[k] for k in ("year", "value", "kind")} == {
        "year": 2023,
        "value": "60",
        "kind": "percent",
    }
    names = {b["name"]: b for b in data["bodies"]}
    assert names["Sở Giáo dục và Đào tạo"]["action"] == "create"
    assert names["Sở Giáo dục và Đào tạo"]["place"] == "Thành phố Hồ Chí Minh"
    police = next(t for t in data["tasks"] if t["lead"] == "Công an Thành phố Hồ Chí Minh")
    assert "Sở Giáo dục và Đào tạo" in police["supporting"]
    assert all(t["lead"] in names for t in data["tasks"])
    dues = [r["first_period"]["due"] for r in data["report_types"] if r["first_period"]]
    assert "2023-12-11" in dues and "2024-01-31" in dues
    left = data["left_for_the_officer"]
    assert set(left) == {"targets_without_indicator", "tasks_without_body"}
    # Nothing was saved.
    assert not Plan.objects.exists() and not Body.objects.exists() and not Task.objects.exists()
    assert not ReportType.objects.exists()


def test_an_existing_body_is_matched_not_created(world: World) -> None:
    data = saved(str(seed_path("001_cantho")), "--place", "92")
    names = {b["name"]: b for b in data["bodies"]}
    department = names["Sở Giáo dục và Đào tạo"]
    assert department["action"] == "match" and department["body"]["id"] == world.body.pk
    assert names["Sở Nội vụ"]["action"] == "create"


def test_the_plan_it_carries_out_is_named_when_in_the_system(world: World) -> None:
    national = Plan.objects.create(
        place=world.province,
        number="1373/QĐ-TTg",
        date=datetime.date(2021, 7, 30),
        issuer="Thủ tướng Chính phủ",
        period_start=2021,
        period_end=2030,
    )
    data = saved(str(seed_path("001_cantho")), "--place", "92")
    assert data["plan"]["parent"] == {
        "id": national.pk,
        "number": "1373/QĐ-TTg",
        "date": "2021-07-30",
    }


def test_the_plain_dry_run_prints_a_summary(db: None) -> None:
    Place.objects.create(
        level=Level.PROVINCE, code="31", name="Thành phố Hải Phòng", kind="thành phố"
    )
    out = run(str(seed_path("003_haiphong")), "--dry-run")
    assert "211/KH-UBND" in out
    assert "quý III/2020" in out and "quý IV/2020" in out
    assert "tạo mới" in out


def test_an_unknown_place_is_refused_in_vietnamese(db: None) -> None:
    with pytest.raises(CommandError, match="Không xác định được địa bàn"):
        run(str(seed_path("000_hcm")), "--dry-run")
    with pytest.raises(CommandError, match="Không có địa bàn mã 99"):
        run(str(seed_path("000_hcm")), "--dry-run", "--place", "99")


def test_saving_is_left_to_the_web_form(tmp_path: Path, hcm: Place) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text("Số: 1/KH-UBND\n\nKẾ HOẠCH\n\nThử\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nhập kế hoạch"):
        run(str(plan), "--place", "79")
    assert not Plan.objects.exists()


def test_an_unreadable_file_is_refused_in_vietnamese(tmp_path: Path) -> None:
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match=r"chỉ nhận văn bản \.docx, \.txt hoặc \.md"):
        run(str(pdf), "--dry-run")
