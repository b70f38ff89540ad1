"""Tasks from every part of a plan: the items of "Nhiệm vụ và giải pháp" (also "Nhiệm vụ, giải
pháp", "Nhiệm vụ trọng tâm", "… và trách nhiệm thực hiện") and the duties of "Tổ chức thực hiện".

In the organisation section each numbered heading names a body ("1. Sở Giáo dục và Đào tạo")
and its lettered items, bullets or paragraphs are its tasks; a lettered item may name a body of
its own ("b) Hội Khuyến học" with bullets, "b) Đề nghị Liên đoàn Lao động thành phố phối hợp …").
In a task section the numbered headings are groups ("1. Tăng cường sự lãnh đạo …"), a numbered
item without items of its own is a task itself, and each item may start with its lead body ("Sở
Nội vụ chủ trì, phối hợp với …") or name it after ("… do Sở Văn hóa và Thể thao chủ trì"); most
name none (``body`` ""). An item followed by bullets is an introduction: each bullet is a task
(of the body the introduction names, if any). A task links the plan's targets whose wording it
repeats (``rules.RULES``: "mô hình “Gia đình học tập”" serves the family target).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import deadlines
from .bodies import (
    body_name,
    is_bare_body,
    lead_body,
    level_of,
    normalise,
    passive_lead,
    starts_with_body,
    supporting,
)
from .proposal import SectionKind, TargetProposal, TaskProposal
from .rules import RULES
from .structure import NUMBER, ROMAN, Node
from .tables import is_table_row
from .textutil import fold_keep, has_any, strip_punct

_RULES = {rule.code: rule for rule in RULES}
# Titles of task sections (folded): "Nhiệm vụ và giải pháp", "Nhiệm vụ, giải pháp (chủ yếu)",
# "Nhiệm vụ trọng tâm", "Các giải pháp thực hiện".
TASK_WORDS = ("nhiem vu", "giai phap")
# A numbered heading that opens tasks inside another part ("II. NỘI DUNG" → "1. Nhiệm vụ trọng
# tâm", "II. MỤC TIÊU, NHIỆM VỤ" → "2. Nhiệm vụ"): it starts with one of these (folded).
_NESTED_STARTS = (
    "nhiem vu", "cac nhiem vu", "giai phap", "cac giai phap", "to chuc thuc hien",
    "trach nhiem thuc hien", "phan cong nhiem vu",
)  # fmt: skip  # a word list


def task_sections(root: Node) -> tuple[list[Node], list[Node]]:
    """(every part that lists tasks, those of them that are "Tổ chức thực hiện"), in order:
    the plan's parts titled so, and numbered headings so titled inside other parts."""
    tops = [node for node in root.children if node.rank == ROMAN] or root.children
    found: list[Node] = []
    organisation: list[Node] = []
    for node in tops:
        folded = fold_keep(node.text)
        if "to chuc thuc hien" in folded:
            found.append(node)
            organisation.append(node)
        elif "trach nhiem thuc hien" in folded or (
            any(word in folded for word in TASK_WORDS) and "muc tieu" not in folded
        ):
            found.append(node)
        elif "muc dich" not in folded:
            for child in node.children:
                title = fold_keep(child.text).strip()
                if child.rank != NUMBER or not title.startswith(_NESTED_STARTS):
                    continue
                if len(title.split()) <= 12:
                    found.append(child)
                    if title.startswith("to chuc thuc hien"):
                        organisation.append(child)
    return found, organisation


@dataclass
class _Context:
    body: str | None
    group: str
    support: list[str] = field(default_factory=list)


@dataclass
class _Reading:
    section: SectionKind
    defined: dict[str, str]
    out: list[TaskProposal] = field(default_factory=list)

    @property
    def organisation(self) -> bool:
        return self.section == "organisation"


def _task(text: str, context: _Context, reading: _Reading) -> TaskProposal | None:
    body = lead_body(text) or context.body or passive_lead(text) or ""
    if not body and reading.organisation:
        return None
    body = normalise(body, reading.defined)
    deadline = deadlines.read(text)
    return TaskProposal(
        body=body,
        text=text,
        deadline=deadline.written,
        supporting=[normalise(name, reading.defined) for name in supporting(text)]
        or list(context.support),
        group=context.group,
        section=reading.section,
        body_level=level_of(body),
        deadline_kind=deadline.kind,
        deadline_date=deadline.date,
        deadline_quarter=deadline.quarter,
        deadline_year=deadline.year,
        yearly_day=deadline.yearly_day,
        yearly_month=deadline.yearly_month,
    )


def _add(text: str, context: _Context, reading: _Reading) -> None:
    if is_table_row(text):
        return  # read by ``tables.table_tasks``
    if (task := _task(text, context, reading)) is not None:
        reading.out.append(task)


def _intro(text: str, context: _Context, reading: _Reading) -> _Context:
    support = [normalise(name, reading.defined) for name in supporting(text)]
    return _Context(lead_body(text) or context.body, context.group, support or context.support)


def _paragraphs(paras: list[str], context: _Context, reading: _Reading) -> _Context:
    """Paragraphs under a heading: introductions (ending with ":") set the body for what follows."""
    for para in paras:
        if para.rstrip().endswith(":"):
            context = _intro(para, context, reading)
        else:
            _add(para, context, reading)
    return context


def _walk(node: Node, context: _Context, reading: _Reading) -> None:
    text = node.text
    if node.rank == NUMBER:
        if is_bare_body(text) or (reading.organisation and starts_with_body(text)):
            context = _Context(body_name(text), body_name(text), [])
        else:
            context = _Context(None, strip_punct(text), [])
            if not reading.organisation and not node.children and not node.paras:
                _add(text, _Context(None, strip_punct(text)), reading)  # "1. Nghiên cứu, …"
                return
        if is_bare_body(text) or not starts_with_body(text):
            inner = _paragraphs(node.paras, context, reading)
            for child in node.children:
                _walk(child, inner, reading)
            return
    if is_bare_body(text):
        inner = _paragraphs(node.paras, _Context(body_name(text), context.group), reading)
        for child in node.children:
            _walk(child, inner, reading)
        return
    if node.children:
        inner = _intro(node.full_text, context, reading)
        for child in node.children:
            _walk(child, inner, reading)
        return
    if node.full_text.endswith(":"):
        return
    _add(node.full_text, context, reading)


def find_tasks(
    task_sections: list[Node],
    organisation_sections: list[Node],
    defined: dict[str, str] | None = None,
) -> list[TaskProposal]:
    """The tasks of the sections, in document order; ``defined`` holds the plan's abbreviations
    (``bodies.abbreviations``)."""
    tasks: list[TaskProposal] = []
    for section in task_sections:
        organisation = any(section is other for other in organisation_sections)
        kind: SectionKind = "organisation" if organisation else "tasks"
        reading = _Reading(kind, defined or {}, tasks)
        top = _paragraphs(section.paras, _Context(None, strip_punct(section.text)), reading)
        for child in section.children:
            _walk(child, top, reading)
    return tasks


# Targets counted as people recognised with a title: a task that recognises (assesses, awards)
# that title serves them ("công nhận danh hiệu “Công dân học tập”").
_TITLE_LINKS = {
    "citizen_adults": ("cong dan hoc tap", "cong nhan|danh hieu|danh gia"),
    "citizen_staff": ("cong dan hoc tap", "cong nhan|danh hieu|danh gia"),
}


def _mentions(folded: str, code: str) -> bool:
    if (title := _TITLE_LINKS.get(code)) and all(has_any(folded, group) for group in title):
        return True
    rule = _RULES.get(code)
    if rule is None:
        return False
    groups = rule.all + ((f"{rule.starts} hoc tap",) if rule.starts else ())
    return bool(groups) and all(has_any(folded, group) for group in (*groups, *rule.context))


def link_targets(tasks: list[TaskProposal], targets: list[TargetProposal]) -> None:
    """Each task's ``targets``: the indicators of the plan's targets whose wording it repeats."""
    codes = list(dict.fromkeys(target.indicator for target in targets if target.indicator))
    for task in tasks:
        folded = fold_keep(task.text).replace("giao duc nguoi lon", "")
        task.targets = [code for code in codes if _mentions(folded, code)]


def find_bodies(
    organisation_sections: list[Node], defined: dict[str, str] | None = None
) -> list[str]:
    """The bodies the organisation section is arranged by (its numbered headings)."""
    names: list[str] = []
    for section in organisation_sections:
        for child in section.children:
            if child.rank == NUMBER and starts_with_body(child.text):
                name = normalise(body_name(child.text), defined)
                if name not in names:
                    names.append(name)
    return names
