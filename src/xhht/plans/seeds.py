"""The seed plans (../shared/seeds): read through the importer's ``propose`` (when a document
can be read), completed from the hand-curated ``data/seed_plans.yaml``; ``xhht load_seed_plans``
runs this. Each plan is saved the way the confirm page saves it (``proposed`` turns the proposal
into bodies, tasks and report duties; ``actions.create_plan`` saves all in one transaction)."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from xhht.places.loading import load_past_tree
from xhht.places.models import Level, Place, current_places_for
from xhht.plans import importer, proposed
from xhht.plans.actions import PlanData, TargetData, create_plan
from xhht.plans.models import Plan

CURATED = Path(__file__).parent / "data" / "seed_plans.yaml"
#: Units that no longer exist which a seed plan belongs to (Bến Cát), with the current units
#: they continue as (``places.loading.load_past_tree``).
PAST_PLACES = Path(__file__).parent / "data" / "past_places.csv"


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
    """The proposal's targets that have a catalogue indicator (the others wait for an officer
    to map them on the confirm page)."""
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
        if t.indicator
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


def _place(entry: dict[str, Any]) -> tuple[Place | None, str]:
    """The plan's place: the current province, or the retired unit the entry names (loaded
    with its successors from ``PAST_PLACES``); a reason when it is missing."""
    retired = entry.get("retired")
    if not retired:
        place = Place.objects.province(entry["place"])
        return place, "" if place else f"chưa có tỉnh mã {entry['place']} (chạy load_places)"
    unit = Place.objects.filter(
        level=retired["level"], code=retired["code"], valid_to__isnull=False
    ).first()
    if unit is None:
        try:
            load_past_tree(PAST_PLACES)
        except Place.DoesNotExist:
            return None, "chưa có các phường, xã kế thừa (chạy load_places)"
        unit = Place.objects.get(
            level=retired["level"], code=retired["code"], valid_to__isnull=False
        )
    return unit, ""


@dataclass
class SeedWork:
    """What a seed plan saves beyond its header and targets."""

    data: PlanData
    #: Tasks whose text names no body (most "Nhiệm vụ và giải pháp" items): given to the body
    #: that issued the plan, which leads its own plan until it hands them on.
    unassigned: int


def plan_data(entry: dict[str, Any], place: Place, directory: Path) -> SeedWork:
    """The seed plan as ``create_plan`` takes it (nothing is saved)."""
    files = sorted(directory.glob(f"{entry['file']}*"))
    date = entry.get("date")
    start, end = entry["period"]
    text, name, targets = "", "", _curated_targets(entry)
    proposal_json: dict[str, Any] = {}
    if files:
        raw = files[0].read_bytes()
        text, name = raw.decode("utf-8", errors="replace"), files[0].name
        proposal = proposal_for(raw, files[0].name)
        if proposal is not None:
            proposal_json = proposal.to_json()
            if proposal.targets and targets_from(proposal):
                targets = targets_from(proposal)
    tasks = proposed.tasks_from(proposal_json)
    unassigned = sum(1 for task in tasks if not task.lead)
    reports = proposed.reports_from(proposal_json, plan_year=start)
    bodies, tasks, reports = proposed.work_from(
        tasks,
        reports,
        place,
        preferred=proposal_json.get("bodies") or [],
        default_lead=entry["issuer"],
    )
    number = entry.get("number") or ""
    data = PlanData(
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
        bodies=bodies,
        tasks=tasks,
        reports=reports,
        parent=proposed.find_parent(place=place, title=entry["title"], text=text, exclude=number),
    )
    return SeedWork(data=data, unassigned=unassigned)


def load_seed_plans(directory: Path | None = None) -> list[str]:
    """Load every seed plan not loaded yet; returns one line per plan for the console."""
    directory = directory or seeds_dir()
    curated = yaml.safe_load(CURATED.read_text(encoding="utf-8"))["plans"]
    lines = []
    for entry in curated:
        place, missing = _place(entry)
        if place is None:
            lines.append(f"{entry['file']}: {missing}")
            continue
        number = entry.get("number") or ""
        if Plan.objects.filter(place=place, number=number, title=entry["title"]).exists():
            lines.append(f"{entry['file']}: đã có")
            continue
        work = plan_data(entry, place, directory)
        plan = create_plan(user=None, data=work.data)
        created = sum(1 for body in work.data.bodies if body.body is None)
        where = (
            "" if place.level == Level.PROVINCE else f" — {place.name} (nay: {_successors(place)})"
        )
        lines.append(
            f"{entry['file']}: {plan}{where} — {len(work.data.targets)} chỉ tiêu, "
            f"{len(work.data.bodies)} cơ quan ({created} mới), {len(work.data.tasks)} nhiệm vụ"
            f" ({work.unassigned} văn bản không nêu cơ quan chủ trì: giao cơ quan ban hành), "
            f"{len(work.data.reports)} loại báo cáo"
            + (f", thực hiện {plan.parent}" if plan.parent else "")
        )
    return lines


def _successors(place: Place) -> str:
    return ", ".join(p.name for p in current_places_for(place))
