"""The units of a synthetic commune (schools, agencies, enterprises) and who works in them."""

from __future__ import annotations

import random
from collections import Counter
from itertools import accumulate

from xhht.core.text import fold, sort_key
from xhht.places.models import Place
from xhht.registry.models import Unit
from xhht.synthetic import names as tables

_SCHOOL_LABELS = {
    Unit.SchoolLevel.PRESCHOOL: "Mầm non",
    Unit.SchoolLevel.PRIMARY: "Tiểu học",
    Unit.SchoolLevel.LOWER_SECONDARY: "Trung học cơ sở",
    Unit.SchoolLevel.UPPER_SECONDARY: "Trung học phổ thông",
}
#: People per school of each level (so a commune of 10,000 has about one or two of each).
_PEOPLE_PER_SCHOOL = {
    Unit.SchoolLevel.PRESCHOOL: 7_000,
    Unit.SchoolLevel.PRIMARY: 6_000,
    Unit.SchoolLevel.LOWER_SECONDARY: 10_000,
}
#: Upper secondary schools are fewer: about one for every 30,000 people, under the province.
_PEOPLE_PER_UPPER_SECONDARY = 30_000


def commune_short_name(commune: Place) -> tuple[str, str]:
    """("xã", "Tân Lộc") from "Xã Tân Lộc"."""
    kind = commune.kind or "xã"
    prefix = f"{kind} "
    short = commune.name[len(prefix) :] if commune.name.lower().startswith(prefix) else commune.name
    return kind, short


class UnitPlan:
    """The commune's units, their staff counters and how workers are assigned to them."""

    def __init__(self, rng: random.Random, commune: Place, people: int, urban: bool) -> None:
        self.commune = commune
        self.units: list[Unit] = []
        kind, short = commune_short_name(commune)
        where = f"{kind} {short}"
        self._agencies: list[int] = []
        self._schools: list[int] = []
        self._armed: list[int] = []
        self._businesses: list[int] = []
        for name, unit_kind in (
            (f"Ủy ban nhân dân {where}", Unit.Kind.AGENCY),
            (f"Đảng ủy {where}", Unit.Kind.AGENCY),
            (f"Ủy ban Mặt trận Tổ quốc Việt Nam {where}", Unit.Kind.AGENCY),
            (f"Trạm Y tế {where}", Unit.Kind.AGENCY),
            (f"Hội Khuyến học {where}", Unit.Kind.OTHER),
            (f"Công an {where}", Unit.Kind.ARMED_FORCES),
            (f"Ban Chỉ huy Quân sự {where}", Unit.Kind.ARMED_FORCES),
        ):
            pool = self._armed if unit_kind == Unit.Kind.ARMED_FORCES else self._agencies
            pool.append(self._add(rng, name, unit_kind, Unit.Level.COMMUNE, digital=0.8))
        namesakes = list(tables.SCHOOL_NAMESAKES)
        rng.shuffle(namesakes)
        for level, per in _PEOPLE_PER_SCHOOL.items():
            for number in range(max(1, round(people / per))):
                label = _SCHOOL_LABELS[level]
                name = f"Trường {label} {short if number == 0 else namesakes.pop()}"
                self._schools.append(
                    self._add(rng, name, Unit.Kind.SCHOOL, Unit.Level.COMMUNE, 0.7, level)
                )
        if rng.random() < people / _PEOPLE_PER_UPPER_SECONDARY:
            name = f"Trường {_SCHOOL_LABELS[Unit.SchoolLevel.UPPER_SECONDARY]} {namesakes.pop()}"
            self._schools.append(
                self._add(
                    rng,
                    name,
                    Unit.Kind.SCHOOL,
                    Unit.Level.PROVINCE,
                    0.8,
                    Unit.SchoolLevel.UPPER_SECONDARY,
                )
            )
        self._schools.append(
            self._add(
                rng,
                f"Trung tâm Học tập cộng đồng {where}",
                Unit.Kind.SCHOOL,
                Unit.Level.COMMUNE,
                0.5,
                Unit.SchoolLevel.CONTINUING,
            )
        )
        for _number in range(max(1, round(people / (120 if urban else 400)))):
            form = rng.choices(tables.ENTERPRISE_FORMS[0], cum_weights=tables.ENTERPRISE_FORMS[1])
            name = f"{form[0]} {rng.choice(tables.ENTERPRISE_TRADES)} {rng.choice(tables.ENTERPRISE_MARKS)}"
            self._businesses.append(
                self._add(rng, name, Unit.Kind.ENTERPRISE, Unit.Level.PROVINCE, 0.3)
            )
        for _number in range(max(1, round(people / 500))):
            name = f"{rng.choice(tables.PRODUCTION_NAMES)} {rng.choice(tables.ENTERPRISE_MARKS)}"
            self._businesses.append(
                self._add(rng, name, Unit.Kind.PRODUCTION, Unit.Level.COMMUNE, 0.2)
            )
        self.staff = Counter[int]()
        self._weights = {
            id(pool): list(accumulate(rng.uniform(0.3, 1.7) for _ in pool))
            for pool in (self._agencies, self._schools, self._armed, self._businesses)
        }

    def _add(
        self,
        rng: random.Random,
        name: str,
        kind: str,
        level: str,
        digital: float,
        school_level: str = "",
    ) -> int:
        code = f"{self.commune.code}-DV{len(self.units) + 1:04d}"
        self.units.append(
            Unit(
                code=code,
                name=name,
                kind=kind,
                school_level=school_level,
                level=level,
                place_id=self.commune.pk,
                digital_learning=rng.random() < digital,
                search_text=fold(f"{name} {code}")[:255],
                sort_key=sort_key(name)[:600],
            )
        )
        return len(self.units) - 1

    def save(self) -> None:
        Unit.objects.bulk_create(self.units)

    def workplace(self, rng: random.Random, occupation: str, education: str) -> int | None:
        """The primary key of the unit a worker is on the staff of, or None (farmers…)."""
        if occupation == "official":
            teacher = education in tables.HIGHER_EDUCATION and rng.random() < 0.55
            pool = self._schools if teacher else self._agencies
        elif occupation == "armed_forces":
            pool = self._armed
        elif occupation in ("worker", "business") and rng.random() < 0.6:
            pool = self._businesses
        else:
            return None
        index = rng.choices(pool, cum_weights=self._weights[id(pool)])[0]
        self.staff[index] += 1
        return self.units[index].pk

    def save_staff_counts(self) -> None:
        for index, count in self.staff.items():
            self.units[index].staff_count = count
        Unit.objects.bulk_update(self.units, ["staff_count"], batch_size=500)
