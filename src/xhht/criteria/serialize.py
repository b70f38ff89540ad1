"""A ``SetDefinition`` back to plain data: JSON for the database, YAML for people to edit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml
from django.utils.translation import gettext as _

from xhht.core.uploads import number
from xhht.criteria.definition import CriterionDef, DefinitionError, ItemDef, SetDefinition


def plain_number(value: Decimal | None) -> int | str | None:
    """A number as the stored data keeps it: 10, "7.5" (None when not known)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else f"{value:f}"


_number = plain_number


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
            **(
                {"min_item_points": _number(d.rules.min_item_points)}
                if d.rules.min_item_points is not None
                else {}
            ),
        },
        "criteria": [_criterion(c) for c in d.criteria],
        "notes": d.notes,
    }


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# A criteria set is about 5 KB of YAML; PyYAML (pure Python) reads about 200 KB a second.
MAX_YAML_CHARS = 200_000
MAX_YAML_DEPTH = 20


class _Refused(yaml.YAMLError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BoundedLoader(yaml.SafeLoader):
    """``SafeLoader`` without aliases and with bounded nesting.

    An alias (``*a``) makes one node appear many times: nine levels of nine aliases are a
    434-byte file that becomes a billion strings once anything walks it (3.3 GB). A criteria
    set never needs one, so they are refused, as is nesting deeper than ``MAX_YAML_DEPTH``
    (``[[[[…`` overflows Python's stack).
    """

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                _(
                    "Tệp YAML dùng tham chiếu “*%(name)s” (dòng %(line)s): không được dùng neo và "
                    "tham chiếu (& và *) trong bộ tiêu chí; hãy viết đầy đủ từng giá trị."
                )
                % {"name": str(event.anchor)[:40], "line": line}
            )
        if self.depth >= MAX_YAML_DEPTH:
            raise _Refused(
                _("Tệp YAML lồng nhau quá %(limit)s cấp (dòng %(line)s).")
                % {"limit": MAX_YAML_DEPTH, "line": line}
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def from_yaml(text: str) -> Any:
    """The data of a YAML text (``BoundedLoader``); a syntax error or a text beyond the limits
    becomes a ``DefinitionError``."""
    if len(text) > MAX_YAML_CHARS:
        raise DefinitionError(
            [
                _("Nội dung YAML dài %(n)s ký tự: vượt giới hạn %(limit)s ký tự.")
                % {"n": number(len(text)), "limit": number(MAX_YAML_CHARS)}
            ]
        )
    try:
        return yaml.load(text, Loader=BoundedLoader)  # noqa: S506 - a SafeLoader subclass
    except _Refused as exc:
        raise DefinitionError([exc.message]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark is not None else ""
        raise DefinitionError([f"Tệp YAML sai cú pháp{where}: {exc}"]) from exc
