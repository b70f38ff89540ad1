"""Loading the indicator catalogue (YAML) into ``Indicator`` rows: the data migration and
``xhht load_indicators`` (a province's own indicators) share it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

CATALOGUE = Path(__file__).parent / "data" / "catalogue.yaml"
SOURCES = {"recognitions", "registry", "institutions", "entered"}
MEASURES = {"rate", "count", "yes_no"}
FIELDS = ("name", "unit", "source", "measure", "counts_level", "description")


class CatalogueError(Exception):
    pass


def read_catalogue(path: Path = CATALOGUE) -> list[dict[str, Any]]:
    """The indicators of a catalogue file, checked: a bad entry names itself in the message."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("indicators")
    if not isinstance(entries, list):
        raise CatalogueError(_("Tệp danh mục phải có danh sách “indicators”."))
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        code = str(entry.get("code", "")).strip()
        missing = [key for key in ("code", "name", "unit", "source") if not entry.get(key)]
        if missing:
            raise CatalogueError(
                _("Chỉ tiêu thứ %(n)s thiếu: %(fields)s.")
                % {"n": number, "fields": ", ".join(missing)}
            )
        if entry["source"] not in SOURCES or entry.get("measure", "rate") not in MEASURES:
            raise CatalogueError(
                _("Chỉ tiêu %(code)s: nguồn hoặc dạng không hợp lệ.") % {"code": code}
            )
        if code in seen:
            raise CatalogueError(_("Mã chỉ tiêu %(code)s bị lặp.") % {"code": code})
        seen.add(code)
    return list(entries)


def load_catalogue(
    indicator_model: Any, entries: list[dict[str, Any]], province: Any = None
) -> int:
    """Create or update the indicators (by code); ``indicator_model`` may be a historical model."""
    for order, entry in enumerate(entries, start=1):
        values = {key: entry.get(key) or "" for key in FIELDS}
        values["measure"] = values["measure"] or "rate"
        indicator_model.objects.update_or_create(
            code=entry["code"], defaults={**values, "order": order, "province": province}
        )
    codes = {e["code"]: indicator_model.objects.get(code=e["code"]) for e in entries}
    for entry in entries:
        parent_code = entry.get("part_of")
        if parent_code:
            parent = codes.get(parent_code) or indicator_model.objects.get(code=parent_code)
            indicator_model.objects.filter(code=entry["code"]).update(part_of=parent)
    return len(entries)
