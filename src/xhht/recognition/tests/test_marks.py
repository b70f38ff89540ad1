"""Marks entered on a form or a sheet are checked by the one check that scoring uses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xhht.criteria.definition import parse_definition
from xhht.criteria.scoring import Answer, AnswerError, score
from xhht.criteria.tests.helpers import simple_data
from xhht.recognition.criteria_link import ItemRow
from xhht.recognition.marks import MarksError, clean_marks

ITEM = ItemRow(
    criterion_code="TC1",
    criterion_name="a",
    code="1.1",
    text="",
    kind="points",
    max_points=Decimal(10),
    evidence_hint="",
)


@pytest.mark.parametrize(("code", "points"), [("1.1", "11"), ("1.1", "-1"), ("9.9", "1")])
def test_marks_and_scoring_refuse_the_same_points_in_the_same_words(code: str, points: str) -> None:
    with pytest.raises(MarksError) as marked:
        clean_marks([ITEM], {code: {"points": points}}, require_all=False)
    with pytest.raises(AnswerError) as scored:
        score(parse_definition(simple_data()), {code: Answer(points=Decimal(points))})
    assert marked.value.problems == scored.value.problems
