"""The demo as ``make demo`` builds it, in a test database, in seconds rather than minutes.

``load_places`` is replaced by the 34 provinces and the demo province's communes read from the
same package (the other 3,200 communes take 20 seconds and play no part); the population is
generated for the two communes the logins work in (``only_demo_communes``: the same people the
full demo gives them). Everything else is ``seed_demo`` as shipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

from xhht.audit.context import acting_as
from xhht.demo.seed import DEMO_PROVINCE_CODE, DemoLogin, seed_demo, seed_demo_population
from xhht.places.models import REORGANISATION_DATE, Level, Place


def load_demo_places() -> None:
    data: list[dict[str, Any]] = json.loads(Path(NESTED_DIVISIONS_JSON_PATH).read_text("utf-8"))
    for item in data:
        code = f"{item['code']:02d}"
        kind = "thành phố" if item["division_type"] == "thành phố trung ương" else "tỉnh"
        province = Place.objects.create(
            level=Level.PROVINCE,
            code=code,
            name=item["name"],
            kind=kind,
            valid_from=REORGANISATION_DATE,
        )
        if code != DEMO_PROVINCE_CODE:
            continue
        for ward in item["wards"]:
            Place.objects.create(
                level=Level.COMMUNE,
                code=f"{ward['code']:05d}",
                name=ward["name"],
                kind=ward["division_type"],
                parent=province,
                valid_from=REORGANISATION_DATE,
            )


def build_demo() -> list[DemoLogin]:
    load_demo_places()
    with acting_as(None, via="command"):
        logins = seed_demo()
        seed_demo_population(only_demo_communes=True)
    return logins
