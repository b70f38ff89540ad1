"""The demo province's criteria variants, completed the way a province would complete them.

Every shipped national template leaves values to the province (points, pass marks, the criteria
of the sets whose texts were not found). The demo derives Cần Thơ's variant of one template per
title and fills what is missing with *illustrative* values, through the criteria actions a
coordinator's forms use. The values are invented for the demo and marked so on every page: they
are not official.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from xhht.accounts.models import User
from xhht.criteria import edits
from xhht.criteria.actions import derive_variant
from xhht.criteria.models import CriteriaSet, Title
from xhht.places.models import Place

#: The mark every demo value carries (pages and documents show it).
ILLUSTRATIVE = "giá trị minh họa cho bản demo — không phải giá trị chính thức"

#: The national template the demo completes, per title.
TEMPLATES: dict[str, str] = {
    Title.FAMILY: "hkh448-gia-dinh-hoc-tap",
    Title.CLAN: "hkh448-dong-ho-hoc-tap",
    Title.COMMUNITY: "hkh448-cong-dong-hoc-tap-thon",
    Title.UNIT: "hkh448-don-vi-hoc-tap-xa",
    Title.CITIZEN: "hkh324-cong-dan-hoc-tap",
}

#: Criteria for the templates that ship none (their texts were not found): invented for the demo.
_INVENTED: dict[str, list[tuple[str, list[str]]]] = {
    Title.CLAN: [
        (
            "Học tập của con cháu trong dòng họ",
            [
                "Con cháu trong độ tuổi đi học đều đến trường",
                "Dòng họ có quỹ khuyến học, khen thưởng con cháu học tốt",
            ],
        ),
        (
            "Học tập của người lớn trong dòng họ",
            [
                "Người lớn tham gia học tập ở trung tâm học tập cộng đồng",
                "Đa số hộ trong dòng họ đạt danh hiệu Gia đình học tập",
            ],
        ),
    ],
    Title.COMMUNITY: [
        (
            "Phong trào học tập của thôn, tổ dân phố",
            [
                "Đa số hộ đăng ký và đạt danh hiệu Gia đình học tập",
                "Có điểm sinh hoạt, tủ sách cộng đồng",
            ],
        ),
        (
            "Hoạt động khuyến học, khuyến tài",
            [
                "Có chi hội khuyến học hoạt động thường xuyên",
                "Tổ chức khen thưởng học sinh giỏi hằng năm",
            ],
        ),
    ],
    Title.UNIT: [
        (
            "Học tập của cán bộ, công chức, viên chức, người lao động",
            [
                "Cán bộ, người lao động có kế hoạch tự học hằng năm",
                "Tham gia bồi dưỡng chuyên môn, kỹ năng số",
            ],
        ),
        (
            "Điều kiện học tập của đơn vị",
            [
                "Đơn vị có tủ sách hoặc thư viện điện tử",
                "Quản lý, điều hành trên môi trường số",
            ],
        ),
    ],
    Title.FAMILY: [],
    Title.CITIZEN: [],
}

ITEM_POINTS = 10
EVIDENCE_HINT = "Ảnh chụp giấy khen, giấy chứng nhận hoặc biên bản"


def _number(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _items_of(criterion: dict[str, Any], title: str, index: int) -> list[dict[str, Any]]:
    items = [dict(item) for item in criterion.get("items") or []]
    if items:
        return items
    invented = _INVENTED.get(title) or []
    texts = (
        invented[index][1]
        if index < len(invented)
        else [f"Nội dung {n} của tiêu chí “{criterion['name']}”" for n in (1, 2)]
    )
    digits = "".join(ch for ch in criterion["code"] if ch.isdigit()) or str(index + 1)
    return [
        {"code": f"{digits}.{n}", "text": text, "kind": "points", "source": ILLUSTRATIVE}
        for n, text in enumerate(texts, start=1)
    ]


def filled_definition(data: dict[str, Any], *, title: str) -> dict[str, Any]:
    """The variant's definition with every missing value filled with an illustrative one.

    Confirmed values stay: a declared total is shared among the items without points, a
    criterion whose items fall short of its declared maximum gets one more item for the rest.
    """
    filled = copy.deepcopy(data)
    criteria = [dict(c) for c in filled.get("criteria") or []]
    if not criteria:
        criteria = [
            {"code": f"TC{n}", "name": name, "items": [], "source": ILLUSTRATIVE}
            for n, (name, _texts) in enumerate(_INVENTED.get(title) or [], start=1)
        ]
    for index, criterion in enumerate(criteria):
        criterion.pop("items_incomplete", None)
        criterion["items"] = _items_of(criterion, title, index)
    rules = dict(filled.get("rules") or {})
    unknown = [
        item
        for criterion in criteria
        for item in criterion["items"]
        if item.get("kind", "points") == "points" and item.get("max_points") is None
    ]
    declared_total = _number(rules.get("max_total"))
    if declared_total is not None and unknown:
        known = sum(
            (
                _number(i["max_points"]) or Decimal(0)
                for c in criteria
                for i in c["items"]
                if i.get("kind", "points") == "points" and i.get("max_points") is not None
            ),
            Decimal(0),
        )
        share, rest = divmod(int(declared_total - known), len(unknown))
        for position, item in enumerate(unknown):
            item["max_points"] = share + (1 if position < rest else 0)
            item["source"] = ILLUSTRATIVE
    for item in unknown:
        if item.get("max_points") is None:
            item["max_points"] = ITEM_POINTS
            item["source"] = ILLUSTRATIVE
    total = Decimal(0)
    for criterion in criteria:
        items = criterion["items"]
        for item in items:
            if not item.get("text"):
                item["text"] = f"Chỉ báo {item['code']}"
            if not item.get("evidence_hint"):
                item["evidence_hint"] = EVIDENCE_HINT
        points = sum(
            (_number(i["max_points"]) or Decimal(0) for i in items if i["kind"] == "points"),
            Decimal(0),
        )
        declared = _number(criterion.get("max_points"))
        if declared is not None and points < declared and declared_total is None:
            digits = items[-1]["code"].rsplit(".", 1)[0]
            items.append(
                {
                    "code": f"{digits}.{len(items) + 1}",
                    "text": "Các nội dung còn lại của tiêu chí (gộp lại cho bản demo)",
                    "kind": "points",
                    "max_points": int(declared - points),
                    "evidence_hint": EVIDENCE_HINT,
                    "source": ILLUSTRATIVE,
                }
            )
            points = declared
        if any(i["kind"] == "points" for i in items):
            criterion["max_points"] = int(points) if declared is None else criterion["max_points"]
        total += points
    filled["criteria"] = criteria
    if rules.get("pass_mark") is None and not rules.get("bands") and total:
        rules["pass_mark"] = int(total * Decimal("0.7"))
    if declared_total is None and total:
        rules["max_total"] = int(total)
    filled["rules"] = rules
    note = f"Bản demo: các giá trị còn thiếu đã được điền bằng {ILLUSTRATIVE}."
    filled["notes"] = f"{filled.get('notes') or ''}\n{note}".strip()
    return filled


REASON = "Hoàn thiện bộ tiêu chí cho bản demo (giá trị minh họa)"


def _complete(user: User, variant: CriteriaSet, filled: dict[str, Any]) -> CriteriaSet:
    """Bring ``variant`` to ``filled`` with the editor's actions, as a coordinator's forms do."""
    present = {c["code"]: c for c in variant.definition_json.get("criteria") or []}
    for criterion in filled["criteria"]:
        if criterion["code"] not in present:
            variant = edits.add_criterion(
                criteria_set=variant,
                code=criterion["code"],
                name=criterion["name"],
                user=user,
                reason=REASON,
            )
        known = {i["code"] for i in (present.get(criterion["code"]) or {}).get("items") or []}
        for item in criterion["items"]:
            if item["code"] in known:
                continue
            variant = edits.add_item(
                criteria_set=variant,
                criterion_code=criterion["code"],
                code=item["code"],
                text=item["text"],
                kind=item.get("kind", "points"),
                max_points=_number(item.get("max_points")),
                evidence_hint=item.get("evidence_hint", ""),
                user=user,
                reason=REASON,
            )
    points = {
        item["code"]: _number(item["max_points"])
        for criterion in filled["criteria"]
        for item in criterion["items"]
        if item.get("kind", "points") == "points"
    }
    variant = edits.set_points(criteria_set=variant, item_points=points, user=user, reason=REASON)
    stored = {c.code: c for c in variant.definition().criteria}
    for criterion in filled["criteria"]:
        now = stored[criterion["code"]]
        wanted = _number(criterion.get("max_points"))
        if now.items_incomplete or now.max_points != wanted:
            variant = edits.update_criterion(
                criteria_set=variant,
                criterion_code=now.code,
                code=now.code,
                name=now.name,
                max_points=wanted,
                min_points=now.min_points,
                items_incomplete=False,
                user=user,
                reason=REASON,
            )
    rules = variant.definition().rules
    variant = edits.set_rules(
        criteria_set=variant,
        pass_mark=_number(filled["rules"].get("pass_mark")),
        min_item_points=rules.min_item_points,
        max_total=_number(filled["rules"].get("max_total")),
        user=user,
        reason=REASON,
    )
    return edits.set_illustrative(criteria_set=variant, illustrative=True, user=user, reason=REASON)


def seed_criteria(*, coordinator: User, province: Place) -> dict[str, CriteriaSet]:
    """The province's usable set per title (derived and completed once; reused after)."""
    sets: dict[str, CriteriaSet] = {}
    for title, code in TEMPLATES.items():
        template = CriteriaSet.objects.filter(code=code).order_by("-version").first()
        if template is None:
            raise RuntimeError(f"shipped criteria set {code} is missing")
        variant = derive_variant(user=coordinator, criteria_set=template, province=province)
        if not variant.complete:
            filled = filled_definition(variant.definition_json, title=title)
            variant = _complete(coordinator, variant, filled)
            if not variant.complete:
                raise RuntimeError(f"{variant.code}: {' '.join(variant.missing_values())}")
        sets[title] = variant
    return sets
