"""A ``SetDefinition`` back to plain data: JSON for the database, YAML for people to edit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from xhht.criteria.definition import CriterionDef, ItemDef, SetDefinition


def _number(value: Decimal | None) -> int | str | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else f"{value:f}"


def _item(item: ItemDef) -> dict[str, Any]:
    data: dict[str, Any] = {"code": item.code, "text": item.text, "kind": item.kind}
    if item.kind == "points":
        data["max_points"] = _number(item.max_points)
    if item.evidence_hint:
        data["evidence_hint"] = item.evidence_hint
    if item.applies_to:
        data["applies_to"] = list(item.applies_to)
    data["source"] = item.source
    data["confirmed"] = item.confirmed
    return data


def _criterion(criterion: CriterionDef) -> dict[str, Any]:
    data: dict[str, Any] = {"code": criterion.code, "name": criterion.name}
    if criterion.has_points or criterion.min_points is not None:
        data["max_points"] = _number(criterion.max_points)
        data["min_points"] = _number(criterion.min_points)
    data["source"] = criterion.source
    if criterion.items_incomplete:
        data["items_incomplete"] = True
    data["items"] = [_item(i) for i in criterion.items]
    return data


def to_data(definition: SetDefinition) -> dict[str, Any]:
    """Plain, JSON-safe data that ``parse_definition`` reads back to an equal definition."""
    d = definition
    return {
        "code": d.code,
        "name": d.name,
        "title": d.title,
        "version": d.version,
        "legal_basis": {
            "document": d.legal_document,
            "issuer": d.legal_issuer,
            "date": d.legal_date.isoformat() if d.legal_date else None,
            "url": d.legal_url,
        },
        "valid_from": d.valid_from.isoformat() if d.valid_from else None,
        "valid_to": d.valid_to.isoformat() if d.valid_to else None,
        "province": d.province_code,
        "groups": [{"code": g.code, "name": g.name} for g in d.groups],
        "rules": {
            "pass_mark": _number(d.rules.pass_mark),
            "all_items_required": d.rules.all_items_required,
            "bands": [{"name": b.name, "min_total": _number(b.min_total)} for b in d.rules.bands],
            "max_total": _number(d.rules.max_total),
            "source": d.rules.source,
        },
        "criteria": [_criterion(c) for c in d.criteria],
        "notes": d.notes,
    }


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def from_yaml(text: str) -> Any:
    """The data of a YAML text; a syntax error becomes a ``DefinitionError``."""
    from xhht.criteria.definition import DefinitionError

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark is not None else ""
        raise DefinitionError([f"Tệp YAML sai cú pháp{where}: {exc}"]) from exc
