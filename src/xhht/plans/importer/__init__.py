"""The plan importer: a rule-based reading of a plan document (kế hoạch) into a proposal of its
number, date, place, targets, tasks, deadlines and reporting duties, for a person to confirm.

    text = read_document(data, "ke-hoach.docx")
    proposal = propose(text)
    proposal.to_json()

An upload from the web goes through ``read_and_propose``: the same two steps in a child process
under the memory and time limits of ``core.uploads``.
"""

from __future__ import annotations

from xhht.core.uploads import UploadRefused, run_isolated

from . import deadlines, header
from .bodies import abbreviations, level_of
from .proposal import (
    DeadlineProposal,
    Kind,
    PlanProposal,
    ReportProposal,
    TargetProposal,
    TaskProposal,
)
from .reading import DocumentError, read_document
from .reports import find_reports
from .structure import Node, outline, plan_lines, sections, title_index
from .tables import table_tasks
from .targets import find_targets
from .tasks import find_bodies, find_tasks, link_targets, task_sections
from .textutil import nfc

__all__ = [
    "DeadlineProposal",
    "DocumentError",
    "Kind",
    "PlanProposal",
    "ReportProposal",
    "TargetProposal",
    "TaskProposal",
    "propose",
    "read_and_propose",
    "read_document",
]


def read_and_propose(data: bytes, filename: str) -> PlanProposal:
    """``propose(read_document(data, filename))`` in a child process (``run_isolated``): a
    document that exhausts the memory or time limits gives ``DocumentError``, never a web worker
    held until its timeout."""
    try:
        return run_isolated(_read_and_propose, data, filename)
    except UploadRefused as error:
        raise DocumentError(str(error)) from error


def _read_and_propose(data: bytes, filename: str) -> PlanProposal:
    return propose(read_document(data, filename))


def propose(text: str) -> PlanProposal:
    """Read a plan's text (from ``read_document``) into a proposal; nothing is saved."""
    lines = plan_lines(nfc(text))
    top = title_index(lines)
    head, body = (lines[:top], lines[top + 1 :]) if top is not None else (lines[:8], lines)
    head = [part.strip() for line in head for part in line.split(" | ")]  # .docx header tables
    proposal = PlanProposal(number=header.number(head))
    proposal.date, proposal.place = header.date_and_place(head)
    root = outline(body)
    if top is not None and root.paras:
        proposal.title = root.paras[0]
    proposal.place = proposal.place or header.place_from_body(body)
    year = header.plan_year(proposal.title, proposal.date) or header.plan_year_from_body(body)
    objectives = sections(root, "muc tieu")
    titled = top is not None and bool(root.paras)  # the title is not a lead-in
    date_year = proposal.date.year if proposal.date else None
    proposal.targets = find_targets(body[1:] if titled else body, year, date_year)
    defined = abbreviations(" ".join(lines))
    parts, organisation = task_sections(root)
    proposal.tasks = find_tasks(parts, organisation, defined)
    proposal.tasks += table_tasks(text, defined)
    link_targets(proposal.tasks, proposal.targets)
    proposal.bodies = find_bodies(organisation, defined)
    proposal.reports = find_reports(root, proposal.tasks, defined)
    proposal.body_levels = _body_levels(proposal)
    proposal.deadlines = _deadlines(root, objectives)
    return proposal


def _body_levels(proposal: PlanProposal) -> dict[str, str]:
    names = [*proposal.bodies]
    for task in proposal.tasks:
        names += [task.body, *task.supporting]
    for report in proposal.reports:
        names += [*report.reporters, report.receiver_body]
    return {name: level for name in names if name and (level := level_of(name))}


def _deadlines(root: Node, objectives: list[Node]) -> list[DeadlineProposal]:
    skip = {id(node) for section in objectives for node in [section, *section.walk()]}
    found: list[DeadlineProposal] = []
    for node in root.walk():
        if id(node) in skip:
            continue
        for day in deadlines.dated(node.full_text):
            if all((day, node.full_text) != (other.date, other.text) for other in found):
                found.append(DeadlineProposal(day, node.full_text))
    return found
