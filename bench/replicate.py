"""Scaling a generated database up by copying its rows (PostgreSQL), for the big rollup figures.

Generating 30 million people takes hours on this machine (docs/SCALING.md), so the 9 M and 30 M
databases were made by generating 3 M and copying households and people into the same places:
``python -m bench.rollups replicate --database-url … --copies N``. The copies are for reading
benchmarks only (no CCCD digest, no account); docs/SCALING.md says which figures used them.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

#: Listing and search indexes that the rebuild does not read, dropped before copying rows.
LOAD_INDEXES = {
    "registry_person": ["search_text", "sort_key", "national_id_digest_like", "place_sorted"],
    "registry_household": ["search_text", "sort_key", "code_like", "place_sorted"],
}
COPY_OFFSET = 10**10  # copy k of a row has the id k × COPY_OFFSET + the original's id

_COPY_HOUSEHOLDS = """
INSERT INTO registry_household
    (id, search_text, sort_key, created_at, updated_at, code, head_name, address, place_id)
SELECT id + {offset}, search_text, sort_key, created_at, updated_at, code || '~{k}', head_name,
    address, place_id
FROM registry_household WHERE id < {offset_one} {scope}
"""
_COPY_PEOPLE = """
INSERT INTO registry_person
    (id, search_text, sort_key, created_at, updated_at, full_name, sex, birth_date, birth_year,
     ethnicity, education, occupation, national_id_encrypted, national_id_digest,
     national_id_last3, phone, relation, household_id, place_id, user_id, unit_id)
SELECT id + {offset}, search_text, sort_key, created_at, updated_at, full_name, sex, birth_date,
    birth_year, ethnicity, education, occupation, national_id_encrypted, NULL, national_id_last3,
    phone, relation, household_id + {offset}, place_id, NULL, unit_id
FROM registry_person WHERE id < {offset_one} {scope}
"""


def replicate(
    url: str, copies: range, province_path: str | None, *, reindex: bool = False, workers: int = 1
) -> dict[str, Any]:
    """Copies ``copies`` of the generated households and people (same places; no CCCD digest,
    no account): more rows for the rebuild to read, without hours of generation. Units, clans
    and places are not copied. With ``reindex``, every other index that is not a constraint is
    dropped too and built again after the copies (faster than keeping it up to date row by row;
    the database ends with every index it had, as ``make bench``'s PostgreSQL rollups need)."""
    import psycopg

    assert province_path is None or province_path.replace("/", "").isdigit()
    scope = (
        f"AND place_id IN (SELECT id FROM places_place WHERE path LIKE '{province_path}%')"  # noqa: S608
        if province_path
        else ""
    )
    timings: dict[str, Any] = {}
    with psycopg.connect(url, autocommit=True) as pg:
        rebuilt: list[str] = []
        for table, names in LOAD_INDEXES.items():
            rows = pg.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname "
                "NOT IN (SELECT conname FROM pg_constraint)",
                [table],
            ).fetchall()
            for index, definition in rows:
                if any(name in index for name in names):
                    pg.execute(f'DROP INDEX IF EXISTS "{index}"')
                elif reindex:
                    rebuilt.append(definition)
                    pg.execute(f'DROP INDEX IF EXISTS "{index}"')

        def copy(ks: list[int]) -> None:
            with psycopg.connect(url, autocommit=True) as own:
                own.execute("SET session_replication_role = replica")  # no FK triggers
                for k in ks:
                    began = time.perf_counter()
                    values = {"offset": k * COPY_OFFSET, "offset_one": COPY_OFFSET, "k": k}
                    with own.transaction():
                        own.execute(_COPY_HOUSEHOLDS.format(**values, scope=scope))
                        own.execute(_COPY_PEOPLE.format(**values, scope=scope))
                    timings[f"copy {k}"] = round(time.perf_counter() - began, 1)

        # ``workers`` connections copy at once (each its own share of the copies).
        shares = [list(copies)[i::workers] for i in range(workers)]
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(copy, shares))
        began = time.perf_counter()
        pg.execute("SET maintenance_work_mem = '256MB'")
        for definition in rebuilt:
            pg.execute(definition)
        if rebuilt:
            timings["indexes"] = round(time.perf_counter() - began, 1)
        for table in ("registry_household", "registry_person"):
            pg.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"  # noqa: S608
            )
            pg.execute(f"VACUUM ANALYZE {table}")
        (people,) = pg.execute("SELECT count(*) FROM registry_person").fetchone() or (0,)
    timings["people"] = people
    return timings
