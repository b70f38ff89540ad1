"""A criteria set as plain, immutable data: what is scored, how, and on what legal basis.

Pure Python (no Django), so scoring and validation are easy to test. ``parse_definition`` turns
the dict read from YAML, XLSX or the editor into a ``SetDefinition`` and refuses a malformed set
with every problem at once (``DefinitionError.problems``, Vietnamese, each naming where it is).

A value that is not known (the research found no official source for it) is ``None``; a set
with such values is a *template*: ``missing_values()`` lists what the province must fill in and
scoring refuses to pass anyone with it. A ``None`` is never read as zero.

Rules, applied together (see ``scoring``):
* ``pass_mark``: the total must reach it;
* a criterion's ``min_points``: its score must reach it;
* ``all_items_required``: every applicable pass/fail item must be met (TT 25/2023 style). A set
  with pass/fail items must declare it, so no item is silently ignored;
* ``bands``: grades by total, highest first; with bands and no pass mark, reaching the lowest
  band is passing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from xhht.core.weblinks import check_web_link
from xhht.criteria.checks import check_definition
from xhht.criteria.parsing import Problems, as_bool, as_date, as_decimal, as_list, as_text

ItemKind = Literal["points", "pass_fail"]
ITEM_KINDS: tuple[str, ...] = ("points", "pass_fail")


class DefinitionError(ValueError):
    """A criteria set that cannot be used as written; ``problems`` says what and where."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Band(NamedTuple):
    """A grade (xếp loại) reached from ``min_total`` points upward."""

    name: str
    min_total: Decimal | None


@dataclass(frozen=True)
class GroupDef:
    """A group of subjects with its own items (e.g. the CDHT citizen groups)."""

    code: str
    name: str


@dataclass(frozen=True)
class ItemDef:
    code: str
    text: str
    kind: ItemKind
    max_points: Decimal | None = None
    evidence_hint: str = ""
    applies_to: tuple[str, ...] = ()  # group codes; empty = everyone
    source: str = ""
    confirmed: bool = False

    def applies(self, group: str | None) -> bool:
        return not self.applies_to or group in self.applies_to


@dataclass(frozen=True)
class CriterionDef:
    code: str
    name: str
    max_points: Decimal | None = None
    min_points: Decimal | None = None
    items: tuple[ItemDef, ...] = ()
    source: str = ""
    #: The source shows the criterion has more items than those listed (texts not found).
    items_incomplete: bool = False

    def max_for(self, group: str | None) -> Decimal | None:
        """Maximum points for one group: the declared one, else the sum of the items."""
        if self.max_points is not None and not any(i.applies_to for i in self.items):
            return self.max_points
        points = [i.max_points for i in self.items if i.kind == "points" and i.applies(group)]
        if any(p is None for p in points):
            return None
        return sum((p for p in points if p is not None), Decimal(0))

    @property
    def has_points(self) -> bool:
        return self.max_points is not None or any(i.kind == "points" for i in self.items)


@dataclass(frozen=True)
class Rules:
    pass_mark: Decimal | None = None
    all_items_required: bool = False
    bands: tuple[Band, ...] = ()  # highest first
    max_total: Decimal | None = None  # declared total, checked against the criteria
    source: str = ""
    #: Every applicable scored item must reach it (QĐ 324/QĐ-KHVN: "không có chỉ số nào đạt
    #: điểm dưới 5").
    min_item_points: Decimal | None = None


@dataclass(frozen=True)
class SetDefinition:
    code: str
    name: str
    title: str
    version: int = 1
    legal_document: str = ""
    legal_issuer: str = ""
    legal_date: datetime.date | None = None
    legal_url: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    province_code: str | None = None
    groups: tuple[GroupDef, ...] = ()
    rules: Rules = field(default_factory=Rules)
    criteria: tuple[CriterionDef, ...] = ()
    notes: str = ""

    # The rules, reachable directly too.
    @property
    def pass_mark(self) -> Decimal | None:
        return self.rules.pass_mark

    @property
    def all_items_required(self) -> bool:
        return self.rules.all_items_required

    @property
    def bands(self) -> tuple[Band, ...]:
        return self.rules.bands

    @property
    def min_item_points(self) -> Decimal | None:
        return self.rules.min_item_points

    def items(self) -> list[ItemDef]:
        return [item for criterion in self.criteria for item in criterion.items]

    def item(self, code: str) -> ItemDef | None:
        return next((i for i in self.items() if i.code == code), None)

    @property
    def uses_points(self) -> bool:
        return any(c.has_points for c in self.criteria)

    def max_total(self, group: str | None = None) -> Decimal | None:
        maxima = [c.max_for(group) for c in self.criteria if c.has_points]
        if any(m is None for m in maxima):
            return None
        return sum((m for m in maxima if m is not None), Decimal(0))

    def missing_values(self) -> list[str]:
        """What the province must still fill in before the set can recognise anyone."""
        missing: list[str] = []
        if not self.criteria:
            missing.append("Bộ tiêu chí chưa có tiêu chí nào.")
        for criterion in self.criteria:
            where = f"Tiêu chí {criterion.code}"
            if not criterion.name:
                missing.append(f"{where}: chưa có tên tiêu chí.")
            if not criterion.items:
                missing.append(f"{where}: chưa có chỉ báo nào (nội dung chưa được xác định).")
            elif criterion.items_incomplete:
                missing.append(
                    f"{where}: còn chỉ báo chưa được xác định; bổ sung rồi bỏ đánh dấu “còn chỉ báo chưa xác định”."
                )
            for item in criterion.items:
                if not item.text:
                    missing.append(f"{where}, chỉ báo {item.code}: chưa có nội dung.")
                if item.kind == "points" and item.max_points is None:
                    missing.append(f"{where}, chỉ báo {item.code}: chưa có điểm tối đa.")
            if (
                criterion.max_points is None
                and criterion.items
                and all(i.kind == "points" for i in criterion.items)
                and any(i.max_points is None for i in criterion.items)
            ):
                missing.append(f"{where}: chưa có điểm tối đa.")
        for band in self.bands:
            if band.min_total is None:
                missing.append(f"Xếp loại “{band.name}”: chưa có số điểm tối thiểu.")
        decisive = self.pass_mark is not None or self.all_items_required or bool(self.bands)
        if self.uses_points and self.pass_mark is None and not self.bands:
            missing.append("Chưa có điểm chuẩn (tổng điểm tối thiểu để được công nhận).")
        elif not decisive and self.criteria:
            missing.append(
                "Chưa có quy tắc công nhận (điểm chuẩn, xếp loại hoặc đạt tất cả chỉ báo)."
            )
        return missing

    def is_complete(self) -> bool:
        return not self.missing_values()


def _parse_item(raw: Any, where: str, problems: Problems) -> ItemDef | None:
    if not isinstance(raw, dict):
        problems.add(f"{where}: mỗi chỉ báo phải là một mục có các trường code, text, kind.")
        return None
    code = as_text(raw.get("code"))
    where = f"{where}, chỉ báo {code or '(chưa có mã)'}"
    if not code:
        problems.add(f"{where}: thiếu mã chỉ báo (code).")
    kind = as_text(raw.get("kind")) or "points"
    if kind not in ITEM_KINDS:
        problems.add(
            f"{where}: loại “{kind}” không hợp lệ; dùng “points” (chấm điểm) hoặc “pass_fail” (đạt/không đạt)."
        )
        kind = "points"
    max_points = as_decimal(raw.get("max_points"), f"{where}: điểm tối đa", problems)
    if kind == "pass_fail" and max_points is not None:
        problems.add(
            f"{where}: chỉ báo đạt/không đạt không có điểm tối đa; bỏ max_points hoặc đổi kind thành points."
        )
        max_points = None
    if max_points is not None and max_points <= 0:
        problems.add(f"{where}: điểm tối đa phải lớn hơn 0.")
    return ItemDef(
        code=code,
        text=as_text(raw.get("text")),
        kind="pass_fail" if kind == "pass_fail" else "points",
        max_points=max_points,
        evidence_hint=as_text(raw.get("evidence_hint")),
        applies_to=tuple(as_text(g) for g in as_list(raw.get("applies_to"), where, problems)),
        source=as_text(raw.get("source")),
        confirmed=as_bool(raw.get("confirmed"), f"{where}: confirmed", problems),
    )


def _parse_criterion(raw: Any, index: int, problems: Problems) -> CriterionDef | None:
    if not isinstance(raw, dict):
        problems.add(f"Tiêu chí thứ {index}: phải là một mục có các trường code, name, items.")
        return None
    code = as_text(raw.get("code"))
    where = f"Tiêu chí {code or f'thứ {index}'}"
    if not code:
        problems.add(f"{where}: thiếu mã tiêu chí (code).")
    items = [_parse_item(r, where, problems) for r in as_list(raw.get("items"), where, problems)]
    return CriterionDef(
        code=code,
        name=as_text(raw.get("name")),
        max_points=as_decimal(raw.get("max_points"), f"{where}: điểm tối đa", problems),
        min_points=as_decimal(raw.get("min_points"), f"{where}: điểm tối thiểu", problems),
        items=tuple(i for i in items if i is not None),
        source=as_text(raw.get("source")),
        items_incomplete=as_bool(
            raw.get("items_incomplete"), f"{where}: items_incomplete", problems
        ),
    )


def _parse_rules(raw: Any, problems: Problems) -> Rules:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        problems.add("Quy tắc (rules): phải là một mục có pass_mark, all_items_required, bands.")
        raw = {}
    bands: list[Band] = []
    for number, band in enumerate(as_list(raw.get("bands"), "Xếp loại", problems), start=1):
        if not isinstance(band, dict) or not as_text(band.get("name")):
            problems.add(f"Xếp loại thứ {number}: cần tên (name) và điểm tối thiểu (min_total).")
            continue
        name = as_text(band.get("name"))
        minimum = as_decimal(band.get("min_total"), f"Xếp loại “{name}”", problems)
        bands.append(Band(name, minimum))
    return Rules(
        pass_mark=as_decimal(raw.get("pass_mark"), "Điểm chuẩn (pass_mark)", problems),
        all_items_required=as_bool(
            raw.get("all_items_required"), "Quy tắc all_items_required", problems
        ),
        bands=tuple(bands),
        max_total=as_decimal(raw.get("max_total"), "Tổng điểm (max_total)", problems),
        source=as_text(raw.get("source")),
        min_item_points=as_decimal(
            raw.get("min_item_points"), "Điểm tối thiểu của mỗi chỉ báo", problems
        ),
    )


def _check_links(d: SetDefinition, problems: Problems) -> None:
    """Sources and the legal basis's URL become links: only http(s) (``core.weblinks``)."""
    links = [("Căn cứ pháp lý (legal_basis.url)", d.legal_url), ("Quy tắc (rules)", d.rules.source)]
    for c in d.criteria:
        links.append((f"Tiêu chí {c.code}", c.source))
        links.extend((f"Tiêu chí {c.code}, chỉ báo {i.code}", i.source) for i in c.items)
    for where, value in links:
        problem = check_web_link(value)
        if problem:
            problems.add(f"{where}: nguồn “{value}”: {problem}.")


def parse_definition(data: dict[str, Any], *, stored: bool = False) -> SetDefinition:
    """Read and check a criteria set; raise ``DefinitionError`` listing every problem.

    ``stored``: read back from the database, where links were checked when saved (a link saved
    before that check is only ever shown as text), so a stored set always stays readable.
    """
    problems = Problems()
    if not isinstance(data, dict):
        raise DefinitionError(["Bộ tiêu chí phải là một mục (mapping) có code, name, title…"])
    legal = data.get("legal_basis") or {}
    if not isinstance(legal, dict):
        problems.add("Căn cứ pháp lý (legal_basis): phải có document, issuer, date, url.")
        legal = {}
    groups_raw = as_list(data.get("groups"), "Nhóm đối tượng (groups)", problems)
    groups = tuple(
        GroupDef(as_text(g.get("code")), as_text(g.get("name")))
        for g in groups_raw
        if isinstance(g, dict)
    )
    criteria = [
        _parse_criterion(raw, number, problems)
        for number, raw in enumerate(as_list(data.get("criteria"), "Tiêu chí", problems), 1)
    ]
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.add("Phiên bản (version): phải là số nguyên từ 1.")
        version = 1
    province = as_text(data.get("province"))
    definition = SetDefinition(
        code=as_text(data.get("code")),
        name=as_text(data.get("name")),
        title=as_text(data.get("title")),
        version=version,
        legal_document=as_text(legal.get("document")),
        legal_issuer=as_text(legal.get("issuer")),
        legal_date=as_date(legal.get("date"), "Ngày ban hành văn bản", problems),
        legal_url=as_text(legal.get("url")),
        valid_from=as_date(data.get("valid_from"), "Hiệu lực từ (valid_from)", problems),
        valid_to=as_date(data.get("valid_to"), "Hiệu lực đến (valid_to)", problems),
        province_code=province or None,
        groups=groups,
        rules=_parse_rules(data.get("rules"), problems),
        criteria=tuple(c for c in criteria if c is not None),
        notes=as_text(data.get("notes")),
    )
    check_definition(definition, problems)
    if not stored:
        _check_links(definition, problems)
    if problems:
        raise DefinitionError(list(problems))
    return definition
