"""Tasks from "TỔ CHỨC THỰC HIỆN" (and sections "… trách nhiệm thực hiện"): which body does what.

In the organisation section each numbered heading names a body ("1. Sở Giáo dục và Đào tạo")
and its lettered items, bullets or paragraphs are its tasks; a lettered item may name a body of
its own ("b) Hội Khuyến học" with bullets, "b) Đề nghị Liên đoàn Lao động thành phố phối hợp …").
In a task section the numbered headings are groups ("1. Tăng cường sự lãnh đạo …") and each item
starts with its lead body ("Sở Nội vụ chủ trì, phối hợp với …"). An item ending with ":" and
followed by bullets is an introduction: each bullet is a task of the body it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import deadlines
from .bodies import body_name, is_bare_body, lead_body, starts_with_body, supporting
from .proposal import TaskProposal
from .structure import NUMBER, Node
from .textutil import strip_punct


@dataclass
class _Context:
    body: str | None
    group: str
    support: list[str] = field(default_factory=list)


def _task(text: str, context: _Context) -> TaskProposal | None:
    body = lead_body(text) or context.body
    if not body:
        return None
    return TaskProposal(
        body=body,
        text=text,
        deadline=deadlines.as_written(text),
        supporting=supporting(text) or list(context.support),
        group=context.group,
    )


def _paragraphs(paras: list[str], context: _Context, out: list[TaskProposal]) -> _Context:
    """Paragraphs under a heading: introductions (ending with ":") set the body for what follows."""
    for para in paras:
        if para.rstrip().endswith(":"):
            context = _Context(lead_body(para) or context.body, context.group, supporting(para))
        elif (task := _task(para, context)) is not None:
            out.append(task)
    return context


def _walk(node: Node, context: _Context, out: list[TaskProposal], organisation: bool) -> None:
    text = node.text
    if node.rank == NUMBER:
        if is_bare_body(text) or (organisation and starts_with_body(text)):
            context = _Context(body_name(text), body_name(text), [])
        else:
            context = _Context(None, strip_punct(text), [])
        if is_bare_body(text) or not starts_with_body(text):
            inner = _paragraphs(node.paras, context, out)
            for child in node.children:
                _walk(child, inner, out, organisation)
            return
    if is_bare_body(text):
        inner = _paragraphs(node.paras, _Context(body_name(text), context.group), out)
        for child in node.children:
            _walk(child, inner, out, organisation)
        return
    if node.children:
        intro = node.full_text
        inner = _Context(lead_body(intro) or context.body, context.group, supporting(intro))
        for child in node.children:
            _walk(child, inner, out, organisation)
        return
    if node.full_text.endswith(":"):
        return
    task = _task(node.full_text, context)
    if task is not None:
        out.append(task)


def find_tasks(task_sections: list[Node], organisation_sections: list[Node]) -> list[TaskProposal]:
    tasks: list[TaskProposal] = []
    for section in task_sections:
        organisation = section in organisation_sections
        for child in section.children:
            _walk(child, _Context(None, strip_punct(section.text)), tasks, organisation)
    return tasks


def find_bodies(organisation_sections: list[Node]) -> list[str]:
    """The bodies the organisation section is arranged by (its numbered headings)."""
    names: list[str] = []
    for section in organisation_sections:
        for child in section.children:
            if child.rank == NUMBER and starts_with_body(child.text):
                name = body_name(child.text)
                if name not in names:
                    names.append(name)
    return names
