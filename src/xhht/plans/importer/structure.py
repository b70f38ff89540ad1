"""The outline of a plan: header lines, numbered headings (I, 1, a), bullets (-, +), paragraphs.

Lines are cleaned of markdown marks, a line that starts with a lower-case letter continues the
line before (page breaks in the source), and so does any line after a hard wrap that left its
line open: a line without final punctuation that ends on a word that cannot end a sentence, a
bullet or a heading (a preposition or conjunction, "… hội viên Hội" before the rest of the name).
Everything after the end of the plan (the closing "Trên đây là …", "Nơi nhận", a new "Số: …"
header) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .textutil import clean_line, fold_keep

ROMAN, NUMBER, LETTER, DASH, PLUS = 0, 1, 2, 3, 4

_MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (ROMAN, re.compile(r"^(?P<m>[IVX]{1,5})\s*[.)]\s+(?P<t>\S.*)$")),
    (NUMBER, re.compile(r"^(?P<m>\d{1,2})\s*[.)]\s+(?P<t>\S.*)$")),
    (LETTER, re.compile(r"^(?P<m>[a-zđ])\s*\)\s+(?P<t>\S.*)$")),
]
_BULLET = re.compile(r"^(?P<m>[-+•–−])\s*(?P<t>.*)$")
_END_LINE = re.compile(r"^(noi nhan\b|tren day la\b|uy ban nhan dan .{0,40}yeu cau\b)")
_NEW_HEADER = re.compile(r"^(so\s*:\s*\d+|cong hoa xa hoi chu nghia)")
# Words a sentence, a bullet or a heading cannot end on: the line goes on in the next one.
_OPEN_WORDS = frozenset(
    [
        "của",
        "và",
        "các",
        "cho",
        "về",
        "với",
        "tại",
        "theo",
        "để",
        "là",
        "những",
        "trong",
        "từ",
        "hoặc",
        "mọi",
        "bằng",
        "như",
    ]
)
# The first word of a name that needs the rest ("… cán bộ, hội viên Hội / Khuyến học …").
_OPEN_NAMES = frozenset({"Hội", "Sở", "Phòng", "Ủy", "Uỷ", "Mặt"})


@dataclass
class Node:
    rank: int  # ROMAN … PLUS; the document root is -1
    text: str
    paras: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        return " ".join([self.text, *self.paras]).strip()

    def walk(self) -> list[Node]:
        nodes: list[Node] = []
        for child in self.children:
            nodes.append(child)
            nodes.extend(child.walk())
        return nodes


def marker(line: str) -> tuple[int, str] | None:
    for rank, pattern in _MARKERS:
        match = pattern.match(line)
        if match:
            return rank, match.group("t")
    match = _BULLET.match(line)
    if match is None:
        return None
    rank, rest = DASH, line
    # "- + text": the last bullet mark counts.
    while (match := _BULLET.match(rest)) is not None:
        rank = PLUS if match.group("m") == "+" else DASH
        rest = match.group("t")
    return (rank, rest) if rest else None


def plan_lines(text: str) -> list[str]:
    """Clean lines of the plan proper, continuation lines joined, the tail after the end cut."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = clean_line(raw)
        if not line:
            continue
        if lines and marker(line) is None and (line[0].islower() or _left_open(lines[-1], line)):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    for index, line in enumerate(lines):
        folded = fold_keep(line)
        if _END_LINE.match(folded):
            return lines[:index]
        if index > 10 and _NEW_HEADER.match(folded):
            while index and lines[index - 1].isupper() and len(lines[index - 1]) < 80:
                index -= 1  # the letterhead above the new document's number
            return lines[:index]
    return lines


def _left_open(line: str, following: str) -> bool:
    """``line`` was cut by a hard wrap and ``following`` (not a bullet, not a numbered heading)
    goes on with it: ``line`` has no final punctuation and ends on a word that cannot end it, and
    neither is a heading in capitals."""
    if line[-1] in '.;:!?)”"' or line.isupper() or following.isupper():
        return False
    last = line.rsplit(" ", 1)[-1]
    if last in _OPEN_NAMES:  # not a numbered heading ("3. Trách nhiệm của Hội")
        heading = marker(line)
        return following[0].isupper() and (heading is None or heading[0] > LETTER)
    return last in _OPEN_WORDS and following[0].isalnum()


def title_index(lines: list[str]) -> int | None:
    """The line that reads "KẾ HOẠCH": the header is above it, the title just below."""
    for index, line in enumerate(lines[:30]):
        if fold_keep(line).strip(" .:") == "ke hoach":
            return index
    return None


def outline(lines: list[str]) -> Node:
    """The heading tree of the body lines; unmarked lines are paragraphs of the last node."""
    root = Node(rank=-1, text="")
    stack: list[Node] = [root]
    last = root
    for line in lines:
        marked = marker(line)
        if marked is None:
            last.paras.append(line)
            continue
        rank, text = marked
        while stack[-1].rank >= rank:
            stack.pop()
        node = Node(rank=rank, text=text)
        stack[-1].children.append(node)
        stack.append(node)
        last = node
    return root


def sections(root: Node, *keywords: str) -> list[Node]:
    """Top-level (Roman-numbered) sections whose folded title contains one of the keywords."""
    tops = [node for node in root.children if node.rank == ROMAN] or root.children
    return [node for node in tops if any(word in fold_keep(node.text) for word in keywords)]
