"""What a progress page shows, in one cheap query: the key of its cached HTML (or JSON) and of
its ETag.

A dashboard reads a plan, its targets, the indicators, the place's kept counts (every year: the
trend, the targets' years and the learning panel's live figures), its children's kept counts of
the year shown, its entered values, its children and ancestors (names, breadcrumbs) and whether
its province has a boundary map. ``data_version`` reads exactly those rows, each as one line of
text, in a single query, and hashes them (PostgreSQL hashes them itself with ``md5`` and returns
one row). It is a version of the data, not a counter: nothing has to be bumped or invalidated, a
count changed by any path (a recognition, a rebuild, a raw ``UPDATE``) changes it as soon as it
is committed, and two transactions committing in any order cannot leave a stale page behind (as
a ``max(updated_at)`` or a sequence could). A superset of the rows is read (every indicator of the
children, not only the one in focus): a change there costs one render, never a stale page.

The key of a page adds what the user may see on it (``scope``: the links and buttons that depend
on their roles) and the language; the ETag adds the user, the path and the CSRF cookie, since
the whole response (menu, name, token) is theirs.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from django.db import connection, models
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from xhht.indicators.models import BoundaryMap, EnteredValue, Indicator, RollupCount
from xhht.places.models import Place
from xhht.plans.models import Plan, Target

#: Long columns no progress page shows, left out of the version (reading them cost the database
#: more than the rest): a plan's full text, a target's wording, an indicator's method, the
#: GeoJSON (its ``sha256`` stands for it), an entered value's source note, the folded name.
#: A page that starts showing one of them must take it out of this list.
SKIPPED: dict[type[models.Model], set[str]] = {
    Plan: {"source_text"},
    Target: {"text"},
    Indicator: {"description"},
    BoundaryMap: {"geojson"},
    EnteredValue: {"source_note"},
    Place: {"search_text"},
}


def _line(model: type[models.Model], alias: str) -> str:
    """Every column of ``model`` (as text, NULL as empty) joined into one line: a new field is
    part of the version without anyone remembering to add it."""
    table = model._meta.db_table
    skipped = SKIPPED.get(model, set())
    columns = [
        f"COALESCE(CAST({alias}.{connection.ops.quote_name(f.column)} AS TEXT), '')"
        for f in model._meta.concrete_fields
        if f.name not in skipped
    ]
    return f"'{table}:' || " + " || ':' || ".join(columns)


def _select(model: type[models.Model], alias: str, where: str = "") -> str:
    """One line of text per row of ``model`` (``where``: placeholders only, no values), with
    what orders it (the table, the row's id: cheaper to sort than the lines)."""
    table = model._meta.db_table
    line = _line(model, alias)
    return f"SELECT '{table}' AS t, {alias}.id AS k, {line} AS line FROM {table} {alias} {where}"  # noqa: S608 - names from the models


@functools.lru_cache(maxsize=64)
def _sql(with_plan: bool, ancestors: int, vendor: str) -> str:
    """The query's text, built once per shape (a plan or not, how many ancestors, database)."""
    place_table = Place._meta.db_table
    above = f" OR p.id IN ({', '.join(['%s'] * ancestors)})" if ancestors else ""
    parts = [
        # the place's kept counts, every year; its children's, the year shown
        _select(RollupCount, "r", "WHERE r.place_id = %s"),
        _select(
            RollupCount,
            "r",
            f"JOIN {place_table} c ON c.id = r.place_id WHERE c.parent_id = %s AND r.year = %s",
        ),
        _select(EnteredValue, "e", "WHERE e.place_id = %s"),
        # the place, its children (names, current or not) and its ancestors (breadcrumbs)
        _select(Place, "p", "WHERE p.id = %s OR p.parent_id = %s" + above),
        _select(Indicator, "i"),
        _select(BoundaryMap, "b", "WHERE b.province_id = %s"),
    ]
    if with_plan:
        parts += [
            _select(Target, "t", "WHERE t.plan_id = %s"),
            _select(Plan, "l", "WHERE l.id = %s"),
        ]
    union = " UNION ALL ".join(parts)
    if vendor == "postgresql":  # one row back: the database hashes the lines
        return f"SELECT md5(string_agg(line, chr(10) ORDER BY t, k)) FROM ({union}) u"  # noqa: S608
    return f"SELECT line FROM ({union}) u ORDER BY t, k"  # noqa: S608


def data_version(place: Place, plan: Plan | None, year: int) -> str:
    """A hash of every row the place's progress page (or API answer) for ``plan`` and ``year``
    is made from: one query."""
    ancestors = place.ancestor_ids()
    sql = _sql(plan is not None, len(ancestors), connection.vendor)
    params: list[Any] = [place.pk, place.pk, year, place.pk, place.pk, place.pk, *ancestors]
    params.append(place.root_id if place.path else place.pk)
    if plan is not None:
        params += [plan.pk, plan.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    digest = hashlib.sha256()
    for (line,) in rows:
        digest.update(f"{line}\n".encode())
    return digest.hexdigest()


def page_key(kind: str, *parts: Any) -> str:
    """The cache key of a page: its kind, the language and ``parts`` (place, plan, year, what
    was asked, the data's version, what the user may see), hashed."""
    text = repr((kind, get_language(), parts))
    return f"progress:{kind}:{hashlib.sha256(text.encode()).hexdigest()}"


def etag_for(request: HttpRequest, key: str) -> str:
    """The ETag of a response built from ``key`` for this user, path and CSRF secret (the
    page's token is made from it: the one the request came with, or the one its rendering just
    made, so the next request, which carries the new cookie, finds the same ETag)."""
    user = getattr(request, "user", None)
    parts = (
        key,
        getattr(user, "pk", None),
        request.get_full_path(),
        request.META.get("CSRF_COOKIE", ""),
    )
    return '"' + hashlib.sha256(repr(parts).encode()).hexdigest()[:32] + '"'


def not_modified(request: HttpRequest, etag: str) -> HttpResponse | None:
    """304 when the browser's copy carries ``etag`` (only for GET/HEAD), else None."""
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        private(response, etag)
    return response


def private(response: HttpResponse, etag: str | None) -> HttpResponse:
    """Only the user's browser may keep it, and asks again each time (ETag): never a shared
    cache, never stale."""
    if etag is not None:
        response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response
