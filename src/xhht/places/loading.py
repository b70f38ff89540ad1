"""Loading the place tree: the current one from ``vietnam-provinces``, a past one from a file.

Loading is idempotent: places are matched by (level, official code) among current units and
updated in place, so running it again never duplicates anything.
"""

from __future__ import annotations

import csv
import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from xhht.places.models import REORGANISATION_DATE, Level, Place, Succession

_KIND_FOR_PROVINCE = {"thành phố trung ương": "thành phố", "tỉnh": "tỉnh"}


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _upsert(
    existing: dict[str, Place],
    report: LoadReport,
    *,
    level: str,
    code: str,
    name: str,
    kind: str,
    parent: Place | None,
    valid_from: datetime.date | None,
) -> Place:
    place = existing.get(code)
    if place is None:
        place = Place.objects.create(
            level=level, code=code, name=name, kind=kind, parent=parent, valid_from=valid_from
        )
        report.created += 1
        return place
    if (place.name, place.kind, place.parent_id) != (name, kind, parent.pk if parent else None):
        place.name, place.kind, place.parent = name, kind, parent
        place.save()
        report.updated += 1
    else:
        report.unchanged += 1
    return place


def load_current_tree() -> LoadReport:
    """34 provinces and 3,321 communes, official codes (provinces "01", communes "00070")."""
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    data: list[dict[str, Any]] = json.loads(Path(NESTED_DIVISIONS_JSON_PATH).read_text("utf-8"))
    report = LoadReport()
    with transaction.atomic():
        provinces = {p.code: p for p in Place.objects.current().filter(level=Level.PROVINCE)}
        communes = {c.code: c for c in Place.objects.current().filter(level=Level.COMMUNE)}
        for item in data:
            province = _upsert(
                provinces,
                report,
                level=Level.PROVINCE,
                code=f"{item['code']:02d}",
                name=item["name"],
                kind=_KIND_FOR_PROVINCE.get(item["division_type"], item["division_type"]),
                parent=None,
                valid_from=REORGANISATION_DATE,
            )
            for ward in item["wards"]:
                _upsert(
                    communes,
                    report,
                    level=Level.COMMUNE,
                    code=f"{ward['code']:05d}",
                    name=ward["name"],
                    kind=ward["division_type"],
                    parent=province,
                    valid_from=REORGANISATION_DATE,
                )
    return report


PAST_COLUMNS = [
    "level",
    "code",
    "name",
    "kind",
    "parent_code",
    "valid_from",
    "valid_to",
    "successor_codes",
]


def load_past_tree(path: Path) -> LoadReport:
    """Units that no longer exist and the current units they continue as.

    The file is CSV (UTF-8) with the columns of ``PAST_COLUMNS``: ``level`` is province,
    district or commune; ``parent_code`` names a unit of the same file; ``successor_codes``
    lists current units ("province:01" or "commune:00070", separated by ";") and the date the
    succession took effect is the day after ``valid_to``. Rows are matched by (level, code,
    valid_to), so loading the file again changes nothing.
    """
    report = LoadReport()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = [c for c in PAST_COLUMNS if rows and c not in rows[0]]
    if missing:
        raise ValueError(f"Thiếu cột: {', '.join(missing)}")
    with transaction.atomic():
        by_key: dict[tuple[str, str], Place] = {}  # (level, code) of the rows read so far
        for row in rows:  # parents come before children in the file
            valid_to = datetime.date.fromisoformat(row["valid_to"])
            valid_from = (
                datetime.date.fromisoformat(row["valid_from"]) if row["valid_from"] else None
            )
            code = row["parent_code"]
            parent = (
                by_key.get((Level.DISTRICT, code)) or by_key.get((Level.PROVINCE, code))
                if code
                else None
            )
            place = Place.objects.filter(
                level=row["level"], code=row["code"], valid_to=valid_to
            ).first()
            if place is None:
                place = Place.objects.create(
                    level=row["level"],
                    code=row["code"],
                    name=row["name"],
                    kind=row["kind"],
                    parent=parent,
                    valid_from=valid_from,
                    valid_to=valid_to,
                )
                report.created += 1
            else:
                report.unchanged += 1
            by_key[(row["level"], row["code"])] = place
            for target in filter(None, (t.strip() for t in row["successor_codes"].split(";"))):
                level, _sep, code = target.partition(":")
                successor = Place.objects.current().get(level=level, code=code)
                Succession.objects.get_or_create(
                    predecessor=place,
                    successor=successor,
                    defaults={"date": valid_to + datetime.timedelta(days=1)},
                )
    return report
