"""Small builders for the criteria tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def variant_data() -> dict[str, Any]:
    """The made-up province variant (pass/fail items, per-criterion minimum, three bands)."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "province_variant.yaml").read_text("utf-8"))
    return data


def simple_data(**changes: Any) -> dict[str, Any]:
    """A small, complete, national points set; ``changes`` replace top-level keys."""
    data: dict[str, Any] = {
        "code": "thu-nghiem",
        "name": "Bộ thử nghiệm",
        "title": "family",
        "rules": {"pass_mark": 50},
        "criteria": [
            {
                "code": "TC1",
                "name": "Một",
                "max_points": 30,
                "items": [
                    {"code": "1.1", "text": "a", "max_points": 10},
                    {"code": "1.2", "text": "b", "max_points": 20},
                ],
            },
            {
                "code": "TC2",
                "name": "Hai",
                "max_points": 70,
                "items": [
                    {"code": "2.1", "text": "c", "max_points": 70},
                ],
            },
        ],
    }
    data.update(copy.deepcopy(changes))
    return data
