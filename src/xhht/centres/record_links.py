"""Links an app above centres adds to the learning lines the officers read before confirming.

``centres`` keeps the learning record and sits below the apps that add to a self-declared line
(``citizens`` keeps a photo of the certificate beside the line), so it never imports them:
such an app registers a ``LineLinker`` once (in its ``AppConfig.ready``), and the confirmation
queue and a person's record ask every linker for the lines they show, in one query each,
whatever the number of lines. The linked page checks who may open it, as any page does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from xhht.accounts.models import User
from xhht.centres.models import LearningEntry


@dataclass(frozen=True)
class LineLink:
    label: str
    url: str
    testid: str = "line-link"


#: Given the user and the lines shown: the links of each line, by the line's pk.
LineLinker = Callable[[User, Sequence[LearningEntry]], dict[int, list[LineLink]]]
_linkers: list[LineLinker] = []


def register_line_linker(linker: LineLinker) -> None:
    if linker not in _linkers:
        _linkers.append(linker)


def attach_line_links(user: User, entries: Sequence[LearningEntry]) -> None:
    """Sets ``line_links`` (a list of ``LineLink``) on each of ``entries`` for the templates."""
    found: dict[int, list[LineLink]] = {}
    if entries:
        for linker in _linkers:
            for pk, links in linker(user, entries).items():
                found.setdefault(pk, []).extend(links)
    for entry in entries:
        entry.line_links = found.get(entry.pk, [])  # type: ignore[attr-defined]  # read by the templates only
