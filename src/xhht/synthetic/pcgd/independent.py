"""The PCGD–XMC cohort figures computed a second way: DuckDB over the same rows, written from
NĐ 20/2014/NĐ-CP's definitions (../shared/research/vn-criteria.md §7), never calling the engine.

Used by ``synthetic/tests/test_pcgd_independent.py`` (the engine's figures and levels must equal
these) and ``bench/pcgd.py`` (the baseline). ``export`` reads the rows with plain SQL through Django's
connection into Arrow tables; ``figures`` runs one DuckDB query for a school year Y; ``reached``
applies the decree's confirmed thresholds.

The readings, each from the decree or the survey's practice:

- Ages by birth year: in school year Y a person born in B is Y − B years old.
- A cohort is the people living in the commune (its hamlets included): not those whose
  departure (moved away for good, died) happened before the school year's end (1 September of
  Y + 1), nor those recorded as away that school year (status "moved_away"). The PCGD cohorts
  (children and young people) leave out who has an exempting disability that year; the literacy
  cohorts of adults keep everyone.
- Children of the age with no row for the year count in the denominator and not the numerator:
  nobody has recorded them at school.
- Numerators: preschool attended = enrolled at preschool level; the preschool programme
  completed; grade 1 at 6 = enrolled at primary level; primary completed = a completion year
  recorded; "completed or still in primary" for the 11-year-olds (Điều 10); the THCS diploma = a
  diploma year; studying = enrolled in upper secondary, vocational school, or continuing
  education at grades 10–12 (GDTX cấp THPT).
- Literacy (Điều 19): level 2 = primary completed (or literacy stage 2), level 1 = grade 3
  completed (or stage 1). A person's level is the highest of: the literacy record when reached by
  the end of the school year (or with no year); the year's schooling row (a completion, a
  diploma, or studying in a secondary grade — general or GDTX —: primary is behind them, 2; in
  primary from grade 4, or at a vocational school: 1); the registry's schooling (lower
  secondary or more, but not vocational: primary was completed, 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from xhht.pcgd.models import Departure, LiteracyRecord, SchoolingRecord
from xhht.places.models import Place
from xhht.registry.models import Person

Figures = dict[tuple[int, str], tuple[int, int]]  # (commune id, cohort) → (numerator, denominator)

#: cohort → (youngest, oldest, numerator condition over s (schooling) and lit (level), exempts)
COHORTS: dict[str, tuple[int, int, str, bool]] = {
    "mn5_attending": (5, 5, "s_status = 'enrolled' AND s_level = 'preschool'", True),
    "mn5_completed": (5, 5, "coalesce(s_completed_preschool, false)", True),
    "th_grade1_6": (6, 6, "s_status = 'enrolled' AND s_level = 'primary'", True),
    "th_completed_11_14": (11, 14, "s_primary IS NOT NULL", True),
    "th_completed_11": (11, 11, "s_primary IS NOT NULL", True),
    "th_11_in_primary": (
        11,
        11,
        "s_primary IS NOT NULL OR (s_status = 'enrolled' AND s_level = 'primary')",
        True,
    ),
    "thcs_diploma_15_18": (15, 18, "s_diploma IS NOT NULL", True),
    "thcs_studying_15_18": (
        15,
        18,
        "s_status = 'enrolled' AND (s_level IN ('upper_secondary', 'vocational') "
        "OR (s_level = 'continuing' AND coalesce(s_grade, 0) >= 10))",
        True,
    ),
    "literate1_15_35": (15, 35, "lit >= 1", False),
    "literate1_15_25": (15, 25, "lit >= 1", False),
    "literate2_15_60": (15, 60, "lit >= 2", False),
    "literate2_15_35": (15, 35, "lit >= 2", False),
}

#: The decree's confirmed commune thresholds (not ĐBKK), vn-criteria.md §7 and turn2 §6:
#: standard → (standards it needs, [(cohort, percent)]). PCGD THCS mức 2 (Điều 15) and PCGD TH
#: mức 3 are not confirmed (no threshold: never reached without a province's value); PCGD MN 5
#: tuổi also needs the TT 07/2016 conditions, entered per commune.
THRESHOLDS: dict[str, tuple[tuple[str, ...], list[tuple[str, int]]]] = {
    "pcgd_th_1": ((), [("th_grade1_6", 90), ("th_completed_11_14", 80)]),
    "pcgd_th_2": (
        ("pcgd_th_1",),
        [("th_grade1_6", 95), ("th_completed_11", 80), ("th_11_in_primary", 100)],
    ),
    "xmc_1": ((), [("literate1_15_35", 90)]),
    "xmc_2": (("xmc_1",), [("literate2_15_60", 90)]),
    "pcgd_thcs_1": (("pcgd_th_1", "xmc_1"), [("thcs_diploma_15_18", 80)]),
}

_HIGHER = ("lower_secondary", "upper_secondary", "college", "university", "postgraduate")


def _select(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def export(province_path: str | None = None) -> dict[str, Any]:
    """The rows (places, people, schooling, literacy, departures) under a province path or all,
    as Arrow tables, read with plain SQL."""
    import pyarrow as pa

    quote = connection.ops.quote_name
    place, person = quote(Place._meta.db_table), quote(Person._meta.db_table)
    tables = {
        "school": quote(SchoolingRecord._meta.db_table),
        "literacy": quote(LiteracyRecord._meta.db_table),
        "departure": quote(Departure._meta.db_table),
    }
    like = (province_path or "/") + "%"
    places = _select(f"SELECT id, path, level FROM {place} WHERE path LIKE %s", [like])  # noqa: S608
    inside = f"SELECT id FROM {place} WHERE path LIKE %s"  # noqa: S608
    people = _select(
        f"SELECT id, place_id, birth_year, education FROM {person} WHERE place_id IN ({inside})",  # noqa: S608
        [like],
    )
    of_people = f"SELECT id FROM {person} WHERE place_id IN ({inside})"  # noqa: S608
    school = _select(
        "SELECT person_id, school_year, status, level, grade, completed_preschool, "  # noqa: S608
        "primary_completed_year, lower_secondary_diploma_year, exempt_disability "
        f"FROM {tables['school']} WHERE person_id IN ({of_people})",
        [like],
    )
    literacy = _select(
        f"SELECT person_id, level, reached_year FROM {tables['literacy']} "  # noqa: S608
        f"WHERE person_id IN ({of_people})",
        [like],
    )
    departure = _select(
        f"SELECT person_id, left_on FROM {tables['departure']} "  # noqa: S608
        f"WHERE person_id IN ({of_people})",
        [like],
    )

    def table(rows: list[tuple[Any, ...]], columns: list[tuple[str, Any]]) -> Any:
        arrays = [pa.array([r[i] for r in rows], type=kind) for i, (_n, kind) in enumerate(columns)]
        return pa.Table.from_arrays(arrays, names=[n for n, _k in columns])

    i64, i32, text, flag = pa.int64(), pa.int32(), pa.string(), pa.bool_()
    return {
        "place": table(places, [("id", i64), ("path", text), ("level", text)]),
        "person": table(
            people, [("id", i64), ("place_id", i64), ("birth_year", i32), ("education", text)]
        ),
        "school": table(
            [(*r[:5], bool(r[5]), r[6], r[7], bool(r[8])) for r in school],
            [
                ("person_id", i64),
                ("school_year", i32),
                ("status", text),
                ("level", text),
                ("grade", i32),
                ("completed_preschool", flag),
                ("primary_year", i32),
                ("diploma_year", i32),
                ("exempt", flag),
            ],
        ),
        "literacy": table(literacy, [("person_id", i64), ("level", i32), ("reached_year", i32)]),
        "departure": table(
            [(pk, str(day)) for pk, day in departure], [("person_id", i64), ("left_on", text)]
        ),
    }


QUERY = """
WITH up AS (  -- each place with every place on its path (itself included)
    SELECT id, CAST(unnest(string_split(trim(path, '/'), '/')) AS BIGINT) AS ancestor FROM place
), commune_of AS (  -- every place of a commune (the commune, its hamlets) → the commune
    SELECT up.id AS place_id, c.id AS commune_id
    FROM up JOIN place c ON c.id = up.ancestor AND c.level = 'commune'
), year_row AS (
    SELECT * FROM school WHERE school_year = {year}
), residents AS (
    SELECT pe.id, co.commune_id, {year} - pe.birth_year AS age, pe.education,
           s.status AS s_status, s.level AS s_level, s.grade AS s_grade,
           s.completed_preschool AS s_completed_preschool, s.primary_year AS s_primary,
           s.diploma_year AS s_diploma, coalesce(s.exempt, false) AS s_exempt,
           greatest(
               CASE WHEN l.reached_year IS NULL OR l.reached_year <= {year} + 1
                    THEN coalesce(l.level, 0) ELSE 0 END,
               CASE WHEN s.primary_year IS NOT NULL OR s.diploma_year IS NOT NULL THEN 2
                    WHEN s.status = 'enrolled'
                         AND s.level IN ('lower_secondary', 'upper_secondary', 'continuing') THEN 2
                    WHEN s.status = 'enrolled' AND s.level = 'primary' AND s.grade >= 4 THEN 1
                    WHEN s.status = 'enrolled' AND s.level = 'vocational' THEN 1
                    ELSE 0 END,
               CASE WHEN pe.education IN {higher} THEN 2 ELSE 0 END
           ) AS lit
    FROM person pe
    JOIN commune_of co ON co.place_id = pe.place_id
    LEFT JOIN year_row s ON s.person_id = pe.id
    LEFT JOIN literacy l ON l.person_id = pe.id
    LEFT JOIN departure d ON d.person_id = pe.id
    WHERE (d.left_on IS NULL OR CAST(d.left_on AS DATE) >= DATE '{next_year}-09-01')
      AND coalesce(s.status, '') <> 'moved_away'
)
{cohorts}
"""


def figures(tables: dict[str, Any], school_year: int) -> Figures:
    """Each commune's numerator and denominator per cohort in ``school_year`` (communes with
    nobody of a cohort's ages have no entry for it)."""
    import duckdb

    db = duckdb.connect()
    for name, arrow in tables.items():
        db.register(name, arrow)
    parts = []
    for code, (low, high, numerator, exempts) in COHORTS.items():
        who = f"age BETWEEN {low} AND {high}" + (" AND NOT s_exempt" if exempts else "")
        parts.append(
            f"SELECT commune_id, '{code}' AS cohort, "  # noqa: S608 - fixed text
            f"count(*) FILTER (WHERE {numerator}) AS n, count(*) AS d "
            f"FROM residents WHERE {who} GROUP BY commune_id"
        )
    higher = "(" + ", ".join(f"'{e}'" for e in _HIGHER) + ")"
    sql = QUERY.format(
        year=int(school_year),
        next_year=int(school_year) + 1,
        higher=higher,
        cohorts="\nUNION ALL\n".join(parts),
    )
    rows = db.sql(sql).fetchall()
    db.close()
    return {(int(c), str(k)): (int(n), int(d)) for c, k, n, d in rows}


def reached(found: Figures, commune_id: int) -> dict[str, bool]:
    """Which standards of ``THRESHOLDS`` the commune reaches with these figures (a cohort with
    nobody in it: not reached)."""
    result: dict[str, bool] = {}
    for code, (needs, rules) in THRESHOLDS.items():
        ok = all(result[need] for need in needs)
        for cohort, percent in rules:
            numerator, denominator = found.get((commune_id, cohort), (0, 0))
            ok = ok and denominator > 0 and numerator * 100 >= percent * denominator
        result[code] = ok
    return result
