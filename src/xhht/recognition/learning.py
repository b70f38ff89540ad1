"""The members' learning of the assessment's year, beside the items that ask about learning.

An item asks about learning when its text says so (``centres.record_items.asks_about_learning``:
a keyword rule, the criteria sets carrying no tag for it). The learning record is read once per
page (``centres.record_evidence``: at most two queries), and only when some item asks; each
item gets the lines that answer it (``record_items.lines_proving``) and, for a self-assessment
note left empty, one naming them (``record_items.learning_note``; never points).
"""

from __future__ import annotations

from typing import Any

from xhht.centres.record_evidence import MemberLearning, members_filter, members_learning
from xhht.centres.record_items import asks_about_learning, learning_note, lines_proving
from xhht.criteria.models import Title
from xhht.recognition.models import Assessment


def learning_evidence(assessment: Assessment, rows: list[dict[str, Any]]) -> MemberLearning | None:
    """Mark each row ``asks_learning``; the subject's members' learning when any row asks."""
    asking = False
    for row in rows:
        row["asks_learning"] = asks_about_learning(row["item"].text)
        asking = asking or row["asks_learning"]
    if not asking:
        return None
    members = members_filter(
        household_id=assessment.household_id,
        clan_id=assessment.clan_id,
        hamlet_id=assessment.subject_place_id if assessment.title == Title.COMMUNITY else None,
        person_id=assessment.person_id,
        unit_id=assessment.unit_id,
    )
    if members is None:  # a commune's own title: its people are not listed here
        return None
    learning = members_learning(members=members, year=assessment.year)
    for row in rows:  # beside each item, the lines that answer it; a blank item's note from them
        row["learning_lines"] = lines_proving(row["item"].text, learning.entries)
        row["learning_note"] = learning_note(row["learning_lines"])
    return learning
