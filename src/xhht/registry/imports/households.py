"""The households workbook: one row per person, with the household's columns on every row.

A commune keeps its household list this way (as in a household book): "Mã hộ", the hamlet and
the address, then the person. The row whose relation is "Chủ hộ" names the head. Households are
keyed by their code and people by their CCCD (its keyed hash) or, without one, by household,
name and birth year, so importing the same workbook again changes nothing.

A number is looked up only among the people whose number the user may see (``pii_guard``):
for a hamlet head, who sees none, members are matched by household, name and birth year, and
a number stored anywhere else reads as a new one in the preview; the write then stops inside
its transaction with one neutral message, so the preview never tells which number exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from xhht.accounts.models import User
from xhht.core.sheets import iter_sheet
from xhht.core.text import fold
from xhht.places.models import Place
from xhht.registry import pii_guard
from xhht.registry.imports import household_rows
from xhht.registry.imports.common import (
    Choices,
    ImportPlan,
    by_keys,
    cccd_from_cell,
    chunks,
    missing,
    parse_birth,
    places_by_name,
    text,
)
from xhht.registry.imports.household_rows import (
    CheckedHousehold,
    CheckedPerson,
    apply,
    hash_numbers,
    household_outcome,
    person_outcome,
)
from xhht.registry.models import Household, Person
from xhht.registry.validators import (
    problem,
    validate_birth_date,
    validate_birth_year,
    validate_cccd,
)

COLUMNS = [
    ("household_code", "Mã hộ"),
    ("hamlet", "Thôn/tổ dân phố"),
    ("address", "Địa chỉ"),
    ("full_name", "Họ và tên"),
    ("relation", "Quan hệ với chủ hộ"),
    ("sex", "Giới tính"),
    ("birth", "Ngày sinh hoặc năm sinh"),
    ("ethnicity", "Dân tộc"),
    ("education", "Trình độ học vấn"),
    ("occupation", "Nhóm nghề nghiệp"),
    ("cccd", "Số CCCD"),
    ("phone", "Điện thoại"),
]
OPTIONAL = {"address", "ethnicity", "education", "occupation", "cccd", "phone"}
GUIDE = [
    (
        "Mã hộ",
        "Bắt buộc. Mã của hộ; mọi thành viên của một hộ ghi cùng một mã. Nhập lại tệp thì hộ có mã đã có được cập nhật, không tạo trùng.",
    ),
    (
        "Thôn/tổ dân phố",
        "Bắt buộc. Tên (hoặc mã) thôn/tổ dân phố đã có trong xã, ví dụ “Khu vực 1”.",
    ),
    ("Địa chỉ", "Không bắt buộc. Số nhà, đường…"),
    ("Họ và tên", "Bắt buộc."),
    (
        "Quan hệ với chủ hộ",
        "Chủ hộ, Vợ/chồng, Con, Bố/mẹ, Cháu, Khác. Mỗi hộ mới cần đúng một dòng “Chủ hộ”.",
    ),
    ("Giới tính", "Bắt buộc: Nam hoặc Nữ."),
    (
        "Ngày sinh hoặc năm sinh",
        "Bắt buộc: ngày (15/03/1985) hoặc năm (1985), từ 1900 đến năm nay.",
    ),
    ("Dân tộc", "Không bắt buộc; để trống là Kinh."),
    (
        "Trình độ học vấn",
        "Chưa đi học, Tiểu học, Trung học cơ sở, Trung học phổ thông, Sơ cấp, trung cấp nghề, Cao đẳng, Đại học, Sau đại học.",
    ),
    (
        "Nhóm nghề nghiệp",
        "Nông dân, lao động nông thôn; Công nhân, thợ thủ công; Cán bộ, công chức, viên chức; Doanh nhân, quản lý doanh nghiệp; Lực lượng vũ trang; Học sinh, sinh viên; Nghỉ hưu; Khác.",
    ),
    (
        "Số CCCD",
        "Không bắt buộc (trẻ em chưa có). Đúng 12 chữ số; nên định dạng ô là Văn bản để giữ số 0 ở đầu. Một số CCCD chỉ xuất hiện một lần.",
    ),
    ("Điện thoại", "Không bắt buộc."),
]

SEX = Choices(Person.Sex.choices, ("nam", "M"), ("nu", "F"))
RELATION = Choices(
    Person.Relation.choices, ("chu ho", "head"), ("vo", "spouse"), ("chong", "spouse")
)
EDUCATION = Choices(Person.Education.choices)
OCCUPATION = Choices(Person.Occupation.choices)
#: The choice columns: their choices, the value of an empty cell, and what a row is told when a
#: cell names none of the choices (the allowed ones are added).
CHOICE_COLUMNS: dict[str, tuple[Choices, str, StrOrPromise]] = {
    "relation": (RELATION, "", gettext_lazy("quan hệ với chủ hộ không hợp lệ; dùng: %(a)s.")),
    "education": (
        EDUCATION,
        Person.Education.NONE,
        gettext_lazy("trình độ học vấn không hợp lệ; dùng: %(a)s."),
    ),
    "occupation": (
        OCCUPATION,
        Person.Occupation.OTHER,
        gettext_lazy("nhóm nghề nghiệp không hợp lệ; dùng: %(a)s."),
    ),
}
_Person = CheckedPerson
_Household = CheckedHousehold


def validate(
    upload: IO[bytes], root: Place, plan: ImportPlan, advance: Callable[[int], None]
) -> tuple[dict[str, _Household], list[_Person]]:
    """Read and check every row; fills ``plan`` with problems. No writes, no queries per row.

    What repeats is worked out once per distinct cell (hamlet, birth, choices) and the numbers
    are hashed together at the end (``pii.cccd_digests_many``).
    """
    hamlets = places_by_name(root)
    hamlet_of: dict[str, Place | None] = {}
    births: dict[tuple[type, Any], tuple[Any, int | None, str | None]] = {}
    households: dict[str, _Household] = {}
    broken: set[str] = set()
    people: list[_Person] = []
    by_number: dict[str, _Person] = {}
    for number, record in iter_sheet(upload, COLUMNS, optional=OPTIONAL):
        advance(number)
        if record is None:
            continue
        plan.rows += 1
        problems: list[str] = []
        code = text(record["household_code"])
        name = text(record["full_name"])
        hamlet_name = text(record["hamlet"])
        try:
            hamlet = hamlet_of[hamlet_name]
        except KeyError:
            hamlet = hamlet_of[hamlet_name] = hamlets.get(fold(hamlet_name))
        if not code:
            problems.append(missing(_("mã hộ")))
        if not name:
            problems.append(missing(_("họ và tên")))
        if not hamlet_name:
            problems.append(missing(_("thôn/tổ dân phố")))
        elif hamlet is None:
            problems.append(
                _("không có thôn/tổ dân phố “%(name)s” trong %(root)s.")
                % {"name": hamlet_name, "root": root.name}
            )
        sex = SEX.get(record["sex"])
        if sex is None:
            problems.append(_("giới tính phải là Nam hoặc Nữ."))
        raw_birth = record["birth"]
        try:
            birth_date, birth_year, birth_problem = births[type(raw_birth), raw_birth]
        except KeyError:
            birth_date, birth_year, birth_problem = births[type(raw_birth), raw_birth] = _birth(
                raw_birth
            )
        if birth_problem:
            problems.append(birth_problem)
        relation, education, occupation = (
            _choice(record, column, problems) for column in ("relation", "education", "occupation")
        )
        cccd = cccd_from_cell(record["cccd"])
        cccd_problem = problem(validate_cccd, cccd) if cccd else None
        if cccd_problem:
            problems.append(cccd_problem)  # never the number: problems are stored and shown
        household = households.get(code) if code else None
        if household is None and code and hamlet is not None:
            household = households[code] = _Household(number, code, hamlet, text(record["address"]))
        elif household is not None and hamlet is not None and household.place != hamlet:
            problems.append(
                _("thôn/tổ dân phố khác với dòng %(row)s của cùng hộ %(code)s.")
                % {"row": household.row, "code": code}
            )
        if cccd and cccd_problem is None:
            earlier = by_number.get(cccd)
            if earlier is not None and earlier.household_code != code:
                problems.append(
                    _(
                        "người này đã là thành viên hộ %(code)s ở dòng %(row)s: một người không thể thuộc hai hộ."
                    )
                    % {"code": earlier.household_code, "row": earlier.row}
                )
            elif earlier is not None:
                problems.append(_("số CCCD trùng với dòng %(row)s.") % {"row": earlier.row})
        if relation == Person.Relation.HEAD and household is not None:
            if household.head_row:
                problems.append(
                    _("hộ %(code)s đã có chủ hộ ở dòng %(row)s.")
                    % {"code": code, "row": household.head_row}
                )
            else:
                household.head_row, household.head_name = number, name
        if problems or household is None or hamlet is None:
            for message in problems:
                plan.problem(number, message)
            broken.add(code)
            continue
        person = _Person(
            number,
            code,
            {
                "full_name": name,
                "sex": sex,
                "birth_date": birth_date,
                "birth_year": birth_year,
                "ethnicity": text(record["ethnicity"]) or "Kinh",
                "education": education,
                "occupation": occupation,
                "phone": text(record["phone"])[:20],
                "relation": relation,
                "place_id": hamlet.pk,
            },
            cccd,
            None,
        )
        if cccd:
            by_number[cccd] = person
        household.people.append(person)
        people.append(person)
    for code in broken:  # a household with a bad row is reported through that row only
        if code in households:
            households[code].broken = True
    hash_numbers(people)
    return households, people


def _birth(raw: Any) -> tuple[Any, int | None, str | None]:
    """(birth date, birth year, the problem or None) of a birth cell."""
    birth_date, birth_year = parse_birth(raw)
    if raw in (None, ""):
        return None, None, missing(_("ngày sinh hoặc năm sinh"))
    if birth_year is None:
        return None, None, _("không hiểu ngày/năm sinh; ghi 15/03/1985 hoặc 1985.")
    found = problem(validate_birth_year, birth_year) or (
        problem(validate_birth_date, birth_date) if birth_date else None
    )
    return birth_date, birth_year, found


def _choice(record: dict[str, Any], column: str, problems: list[str]) -> str | None:
    """The choice a cell of a choice column names (the column's default when it is empty); its
    refusal, with the allowed values, added to ``problems`` when it names none."""
    choices, default, refusal = CHOICE_COLUMNS[column]
    value = choices.get(record[column]) if text(record[column]) else default
    if value is None:
        problems.append(str(refusal) % {"a": choices.allowed()})
    return value


def check_against_database(
    user: User,
    root: Place,
    plan: ImportPlan,
    households: dict[str, _Household],
    people: list[_Person],
) -> dict[int, Person]:
    """Bulk lookups by key (a few queries per 2,000 rows); decides create, update or unchanged.

    Numbers are matched only against people whose number ``user`` may see; a user who may see
    none of the place's numbers has members matched by household, name and birth year.
    """
    for known_household in by_keys(Household.objects.all(), "code", households, "place"):
        households[known_household.code].existing = known_household
    for household in households.values():
        existing = household.existing
        if existing is not None and not existing.place.path.startswith(root.path):
            plan.problem(
                household.row,
                _("mã hộ %(code)s đã được dùng cho một hộ ở địa bàn khác.")
                % {"code": household.code},
            )
        elif existing is None and not household.head_row and not household.broken:
            plan.problem(
                household.row,
                _("hộ %(code)s chưa có dòng nào ghi “Chủ hộ”.") % {"code": household.code},
            )
    blind = not pii_guard.sees_cccd(user, root)
    known: dict[str, Person] = {}
    # Every readable key's hash → the current one: during a key rotation (xhht rotate_pii_key)
    # some people are still stored under an old key's hash.
    current_of = {} if blind else {d: p.digest for p in people if p.digest for d in p.hashes}
    for found in by_keys(
        Person.objects.all(), "national_id_digest", list(current_of), "place", "household"
    ):
        if pii_guard.sees_cccd(user, found.place):  # anyone else's number reads as unknown
            known[current_of.get(found.national_id_digest or "", "")] = found
    existing_ids = [h.existing.pk for h in households.values() if h.existing is not None]
    without_cccd: dict[tuple[int, str, int], Person] = {}
    for id_batch in chunks(existing_ids):
        members = Person.objects.filter(household_id__in=id_batch)
        for found in members if blind else members.filter(national_id_digest__isnull=True):
            without_cccd[(found.household_id or 0, fold(found.full_name), found.birth_year)] = found
    matches: dict[int, Person] = {}
    for person in people:
        household = households[person.household_code]
        match = known.get(person.digest or "") if person.digest else None
        if match is not None:
            # Never the other household's code, name or place: only that the number is taken.
            if not match.place.path.startswith(root.path):
                plan.problem(person.row, _("số CCCD này đã có trong sổ của một địa bàn khác."))
                continue
            current = match.household
            if current is not None and current.code != household.code:
                plan.problem(
                    person.row,
                    _(
                        "người này đang là thành viên của một hộ khác: một người không thể thuộc hai hộ."
                    ),
                )
                continue
        elif (person.digest is None or blind) and household.existing is not None:
            key = (
                household.existing.pk,
                fold(person.values["full_name"]),
                person.values["birth_year"],
            )
            match = without_cccd.get(key)
        if match is not None:
            matches[person.row] = match
    return matches


def count_changes(
    plan: ImportPlan,
    households: dict[str, _Household],
    people: list[_Person],
    matches: dict[int, Person],
) -> None:
    for household in households.values():
        plan.count("households", household_outcome(household))
    for person in people:
        match = matches.get(person.row)
        plan.count(
            "people", "create" if match is None else person_outcome(match, person, households)
        )


def check(
    user: User,
    upload: IO[bytes],
    root: Place,
    advance: Callable[[int], None],
    *,
    keep: str | None = None,
) -> tuple[ImportPlan, Callable[[], None]]:
    """Validate the workbook; return the plan and the function that writes it (no writes here).

    With ``keep`` (the upload's token, for a preview), a clean check's rows are kept for the
    confirmation (``check_kept``), which then does not read the file again.
    """
    plan = ImportPlan()
    households, people = validate(upload, root, plan, advance)
    if keep is not None and not plan.problems:
        household_rows.keep(keep, root, plan.rows, households, people)
    return _check_database(user, root, plan, households, people)


def check_kept(user: User, token: str, root: Place) -> tuple[ImportPlan, Callable[[], None]] | None:
    """``check`` from the preview's kept rows, against the registry as it is now; None when
    nothing was kept or the places the rows were checked against have changed."""
    kept = household_rows.load(token, root)
    if kept is None:
        return None
    rows, households, people = kept
    return _check_database(user, root, ImportPlan(rows=rows), households, people)


def _check_database(
    user: User,
    root: Place,
    plan: ImportPlan,
    households: dict[str, _Household],
    people: list[_Person],
) -> tuple[ImportPlan, Callable[[], None]]:
    matches = check_against_database(user, root, plan, households, people)
    if not plan.problems:
        count_changes(plan, households, people, matches)
    return plan, lambda: apply(households, people, matches)
