"""``xhht import_plan FILE --dry-run --json`` prints the proposal as JSON."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xhht.plans.tests.test_importer_support import seed_path


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


def test_the_dry_run_prints_the_proposal_as_json() -> None:
    data = json.loads(run(str(seed_path("000_hcm")), "--dry-run", "--json"))
    assert (data["number"], data["date"], data["place"]) == (
        "1968/KH-UBND",
        "2023-05-15",
        "Thành phố Hồ Chí Minh",
    )
    family = next(t for t in data["targets"] if t["indicator"] == "family")
    assert {k: family[k] for k in ("year", "value", "kind")} == {
        "year": 2023,
        "value": "60",
        "kind": "percent",
    }
    assert family["text"].startswith("60% gia đình")
    assert {"date", "text"} <= set(data["deadlines"][0])
    assert {"body", "text", "deadline"} <= set(data["tasks"][0])
    assert [r["due"] for r in data["reports"]] == ["2023-12-11", "01/2024"]
    assert {"from", "to", "due"} <= set(data["reports"][0])


def test_a_plan_without_number_prints_null() -> None:
    data = json.loads(run(str(seed_path("004_hanoi")), "--dry-run", "--json"))
    assert data["number"] is None and data["date"] is None
    assert data["targets"][0]["indicator"] == "khuyenhoc_trained"


def test_the_plain_dry_run_prints_a_summary() -> None:
    out = run(str(seed_path("003_haiphong")), "--dry-run")
    assert "211/KH-UBND" in out
    assert "quý III/2020" in out


def test_saving_is_left_to_the_web_form(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text("Số: 1/KH-UBND\n\nKẾ HOẠCH\n\nThử\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nhập kế hoạch"):
        run(str(plan))


def test_an_unreadable_file_is_refused_in_vietnamese(tmp_path: Path) -> None:
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match=r"chỉ nhận văn bản \.docx, \.txt hoặc \.md"):
        run(str(pdf), "--dry-run")
