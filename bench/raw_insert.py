"""The baseline for the generator: plain ``sqlite3`` inserting the same number of person rows.

``python -m bench.raw_insert DB ROWS`` writes ROWS rows shaped like the generator's (names,
sort keys, a 64-character digest, a ciphertext-sized text) into ``registry_person`` of DB, with
all its indexes, in transactions of 5,000 rows: the floor of what storing the people costs,
without drawing a realistic population, encrypting or going through Django.
"""

from __future__ import annotations

import random
import sqlite3
import sys

BATCH = 5_000
COLUMNS = (
    "full_name", "sex", "birth_date", "birth_year", "ethnicity", "education", "occupation",
    "national_id_encrypted", "national_id_digest", "national_id_last3", "phone", "place_id",
    "relation", "unit_id", "user_id", "search_text", "sort_key", "created_at", "updated_at",
    "household_id",
)  # fmt: skip


def main(path: str, rows: int) -> None:
    rng = random.Random(1)
    names = [f"Nguyễn Văn Tên{i}" for i in range(1_000)]  # same shape as generated names
    keys = ["".join(rng.choice("0123456789") for _ in range(60)) for _ in range(1_000)]
    token = "gAAAAA" + "x" * 94  # a Fernet token of a 12-digit number is 100 characters
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    names_sql, values_sql = ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))
    sql = f"INSERT INTO registry_person ({names_sql}) VALUES ({values_sql})"  # noqa: S608 - fixed names
    for start in range(0, rows, BATCH):
        batch = []
        for i in range(start, min(rows, start + BATCH)):
            name, key = names[i % 1_000], keys[rng.randrange(1_000)]
            digest = f"{rng.getrandbits(256):064x}"
            batch.append((
                name, "M", "1990-01-01", 1990, "Kinh", "primary", "farmer", token, digest,
                digest[-3:], "", 1, "child", None, None, name.lower(), key,
                "2025-01-01 00:00:00", "2025-01-01 00:00:00", None,
            ))  # fmt: skip
        with db:
            db.executemany(sql, batch)
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
