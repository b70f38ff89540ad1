"""The criteria editor: a province completes its set in forms, one small form per change.

``editor`` shows the set with what is still missing and a form for everything; each form posts
to one view that calls one action of ``criteria.edits``. On a problem the page comes back (400)
with the problems and the form as typed; nothing is saved. On success: back to the editor of the
row that now holds the set (a new version if the set was used), at the changed place.
"""

from xhht.criteria.views_editor.page import Bound, CriterionRow, EditorPage, ItemRow
from xhht.criteria.views_editor.parts import edit_band, edit_criterion, edit_group, edit_item
from xhht.criteria.views_editor.whole import (
    edit_basis,
    edit_points,
    edit_rules,
    editor,
    illustrative,
)

__all__ = [
    "Bound",
    "CriterionRow",
    "EditorPage",
    "ItemRow",
    "edit_band",
    "edit_basis",
    "edit_criterion",
    "edit_group",
    "edit_item",
    "edit_points",
    "edit_rules",
    "editor",
    "illustrative",
]
