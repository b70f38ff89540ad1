"""The seed plans (../shared/seeds): read through the importer's ``propose`` (when a document
can be read), completed from the hand-curated ``data/seed_plans.yaml``; ``xhht load_seed_plans``
runs this."""

from __future__ import annotations

import datetime
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from xhht.places.models import Place
from xhht.plans import importer
from xhht.plans.actions import PlanData, TargetData, create_plan
from xhht.plans.models import Plan

CURATED = Path(__file__).parent / "data" / "seed_plans.yaml"


def seeds_dir() -> Path:
    default = Path(settings.REPO_DIR) / ".." / "shared" / "seeds"
    return Path(os.environ.get("XHHT_SEEDS_DIR") or default)


def proposal_for(data: bytes, filename: str) -> Any | None:
    """The importer's proposal, or None when the document cannot be read."""
    try:
        return importer.propose(importer.read_document(data, filename))
    except (ImportError, AttributeError):
        return None


def targets_from(proposal: Any) -> list[TargetData]:
    return [
        TargetData(
            indicator=t.indicator,
            year=t.year,
            value=t.value,
            kind=t.kind,
            text=t.text,
            parent=t.parent,
        )
        for t in proposal.targets
    ]


def _curated_targets(entry: dict[str, Any]) -> list[TargetData]:
    return [
        TargetData(
            indicator=t["indicator"],
            year=int(t["year"]),
            value=Decimal(str(t["value"])) if t.get("value") is not None else None,
            kind=t["kind"],
            text=t.get("text", ""),
            parent=t.get("parent"),
        )
        for t in entry.get("targets") or []
    ]


def load_seed_plans(directory: Path | None = None) -> list[str]:
    """Load every seed plan not loaded yet; returns one line per plan for the console."""
    directory = directory or seeds_dir()
    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8"))["plans"]
    lines = []
    for entry in curated:
        files = sorted(directory.glob(f"{entry['file']}*"))
        place = Place.objects.province(entry["place"])
        if place is None:
            lines.append(f"{entry['file']}: chưa có tỉnh mã {entry['place']} (chạy load_places)")
            continue
        date = entry.get("date")
        number = entry.get("number") or ""
        if Plan.objects.filter(place=place, number=number, title=entry["title"]).exists():
            lines.append(f"{entry['file']}: đã có")
            continue
        text, name, targets = "", "", _curated_targets(entry)
        if files:
            raw = files[0].read_bytes()
            text, name = raw.decode("utf-8", errors="replace"), files[0].name
            proposal = proposal_for(raw, files[0].name)
            if proposal is not None and proposal.targets:
                targets = targets_from(proposal)
        start, end = entry["period"]
        plan = create_plan(
            user=None,
            data=PlanData(
                place=place,
                number=number,
                date=date if isinstance(date, datetime.date) else None,
                issuer=entry["issuer"],
                title=entry["title"],
                period_start=start,
                period_end=end,
                targets=targets,
                source_text=text,
                source_name=name,
            ),
        )
        lines.append(f"{entry['file']}: {plan} — {len(targets)} chỉ tiêu")
    return lines
