"""Who does a task: the lead body at the start of a sentence ("Sở Giáo dục và Đào tạo chủ trì,
…") and the supporting bodies after "phối hợp với"."""

from __future__ import annotations

import re
from typing import Literal

from .textutil import fold_keep, strip_punct

# How body names begin (folded). A name is capitalised unless it is a group ("các sở, …").
_BODY_STARTS = (
    "so ", "uy ban", "ubnd", "hoi ", "ban ", "phong ", "lien doan", "dai ", "bao ", "cong an",
    "thanh doan", "thi doan", "tinh doan", "huyen doan", "doan ", "bo tu lenh", "bo chi huy",
    "bo giao duc", "trung tam", "cac so", "cac co quan", "cac ban", "cac to chuc", "cac phong",
    "cac hoi", "thu truong", "hiep hoi", "mat tran", "vien ", "truong ", "van phong", "kho bac",
    "cuc ", "chi cuc", "lien hiep",
)  # fmt: skip  # aligned table: a word list, many words a row
_NOT_BODIES = (
    "ban hanh",
    "phong trao",
    "so luong",
    "so hoa",
    "so ket",
    "so bo",
    "bao dam",
    "bao cao",
    "dai hoc",
)
# Words that end a body name: the verb of the sentence.
_VERBS = (
    "chu tri", "phoi hop", "tiep tuc", "thuc hien", "trien khai", "chi dao", "huong dan",
    "tham muu", "xay dung", "phat dong", "day manh", "tang cuong", "tham gia", "tich cuc",
    "co trach nhiem", "co ke hoach", "ra soat", "nghien cuu", "de xuat", "bo tri", "can doi",
    "kiem tra", "theo doi", "tuyen truyen", "long ghep", "nhan rong", "ho tro", "van dong",
    "cung cap", "dam bao", "quan triet", "mo rong", "tong ket", "so ket", "tong hop", "la co quan",
    "theo chuc nang", "can cu", "bao cao", "gui bao cao", "thuong xuyen", "chu dong", "to chuc cac", "to chuc thuc hien",
    "to chuc trien khai", "tao co hoi", "tao dieu kien", "tao moi dieu kien", "hoan thanh",
)  # fmt: skip  # aligned table: a word list, many words a row
_VERB_RE = re.compile(r"(?:^|[\s,])(?:" + "|".join(_VERBS) + r")\b")
_COURTESY = re.compile(r"^(?:đề nghị|giao|yêu cầu)\s+", re.IGNORECASE)
_SUPPORT = re.compile(r"phoi hop(?: chat che| tot)?(?: voi)?\s+(?!giua)")
# Lists inside names that are not separators: "sở, ban, ngành", "quận, huyện".
_KEEP = (
    "cơ quan, ban, ngành", "sở, ban, ngành", "sở, ban ngành", "sở, ngành", "ban, ngành", "quận, huyện", "xã, phường",
    "phường, xã", "huyện, thị xã", "cơ quan, đơn vị", "cơ quan, tổ chức", "ban, cơ quan",
    "chính trị - xã hội, xã hội nghề nghiệp", "sở, ban", "quận, huyện, thị xã",
)  # fmt: skip  # aligned table: a word list, many words a row
_SEP = "\u0001"
_STEERING = re.compile(
    r"ban chi dao(?: (?:xay dung xa hoi hoc tap|xmc\S*|pcgd\S*|[\w-]*xdxhht))*(?: cac cap)?"
)
# "… UBND các huyện tổ chức Tuần lễ …": the verb; "các tổ chức chính trị - xã hội": a name.
_VERB_TO_CHUC = (
    r"(?<!các)(?<!và)(?<!,) tổ chức "
    r"(?!chính trị|xã hội|thành viên|đoàn thể|có liên quan|liên quan|phi chính phủ|quốc tế|kinh tế)"
)
_TRAILING_VERB = re.compile(r"\s+tổ chức$", re.IGNORECASE)
_PARTY_STARTS = ("cac ", "co quan", "thanh pho", "chinh quyen", "dia phuong", "quan, huyen", "so, ")


def without_courtesy(text: str) -> str:
    return _COURTESY.sub("", text.strip())


def starts_with_body(text: str) -> bool:
    text = without_courtesy(text)
    folded = fold_keep(text)
    if not folded.startswith(_BODY_STARTS) or folded.startswith(_NOT_BODIES):
        return False
    return text[:1].isupper() or folded.startswith(("cac ", "thu truong"))


def is_bare_body(text: str) -> bool:
    """A heading that only names a body: "13. Đề nghị Ủy ban Mặt trận Tổ quốc … thành phố"."""
    stripped = text.strip()
    if not starts_with_body(stripped) or stripped.endswith((".", ";", ":")):
        return False
    return (
        _VERB_RE.search(fold_keep(without_courtesy(stripped))) is None
        and len(stripped.split()) <= 40
    )


def lead_body(text: str) -> str | None:
    """The body a sentence starts with, up to its verb ("Sở Nội vụ chủ trì, …" → "Sở Nội vụ")."""
    text = without_courtesy(text)
    if not starts_with_body(text):
        return None
    folded = fold_keep(text)
    cut = len(text)
    steering = _STEERING.match(folded)  # "Ban chỉ đạo …": "chỉ đạo" is its name, not its verb
    verb = _VERB_RE.search(folded, steering.end() if steering else 3)
    if verb:
        cut = verb.start()
    colon = text.find(":")
    if 0 < colon < cut:
        cut = colon
    organise = re.search(_VERB_TO_CHUC, text[3:], re.IGNORECASE)
    if organise is not None and organise.start() + 3 < cut:
        cut = organise.start() + 3  # "Phòng Giáo dục và Đào tạo tổ chức Tuần lễ …"
    name = strip_punct(text[:cut])
    return name or None


def body_name(heading: str) -> str:
    """A body heading without its courtesy ("Đề nghị …") and trailing punctuation."""
    return lead_body(heading) or strip_punct(without_courtesy(heading))


def supporting(text: str) -> list[str]:
    """The bodies after "phối hợp (chặt chẽ) (với)", up to the verb that follows them."""
    folded = fold_keep(text)
    match = _SUPPORT.search(folded)
    if match is None:
        return []
    rest, folded_rest = text[match.end() :], folded[match.end() :]
    end = len(rest)
    verb = _VERB_RE.search(folded_rest)
    if verb:
        end = verb.start()
    stop = re.search(r"[;.:(]| để | nhằm | trong việc | theo | tại |" + _VERB_TO_CHUC, rest)
    if stop and stop.start() < end:
        end = stop.start()
    return split_bodies(rest[:end])


def split_bodies(chunk: str) -> list[str]:
    """ "Sở Nội vụ, Ủy ban nhân dân các quận, huyện và Hội Khuyến học" → the three names; lists
    inside a name ("sở, ban, ngành", "quận, huyện") stay whole."""
    for phrase in _KEEP:
        chunk = re.sub(re.escape(phrase), phrase.replace(", ", _SEP), chunk, flags=re.IGNORECASE)
    parts = re.split(
        r",\s*|;\s*|\s+và\s+(?=các\s|Sở\s|Ủy\s|UBND\s|Hội\s|Ban\s|Phòng\s|Bộ\s|Đài\s)", chunk
    )
    names: list[str] = []
    for part in parts:
        name = _TRAILING_VERB.sub("", strip_punct(part.replace(_SEP, ", ")))
        if names and name[:1].isupper() and not _is_party(name) and _is_party(names[-1]):
            names[-1] = f"{names[-1]}, {name}"  # "Sở Văn hóa, Thể thao và Du lịch"
        else:
            names.append(name)
    return [name for name in names if _is_party(name)]


def _is_party(name: str) -> bool:
    folded = fold_keep(name)
    if not name or len(name.split()) > 20 or folded.startswith(_NOT_BODIES):
        return False
    return folded.startswith(_BODY_STARTS + _PARTY_STARTS)


_PASSIVE_LEAD = re.compile(r"\bdo\s+(?P<body>[A-ZĐƯỦ][^.;:]{2,120}?)\s+chủ\s+trì", re.IGNORECASE)


def passive_lead(text: str) -> str | None:
    """ "… Đề án thành phần “…” do Sở Văn hóa và Thể thao chủ trì" → "Sở Văn hóa và Thể thao"."""
    for match in _PASSIVE_LEAD.finditer(text):
        name = strip_punct(match.group("body"))
        if match.group("body")[:1].isupper() and starts_with_body(name):
            return name
    return None


# A name that stands for every unit of a level: "Ủy ban nhân dân các quận, huyện", "UBND quận,
# huyện và thành phố Thủ Đức", "Hội Khuyến học các xã, phường". A single unit ("Ủy ban nhân dân
# thị xã", the plan's own) is not a level.
_DISTRICT_LEVEL = re.compile(
    r"\b(?:cac\s+(?:quan|huyen|thi xa)\b|(?:quan|huyen)\s*,\s*(?:huyen|quan|thi xa|thanh pho)\b|cap huyen\b)"
)
_COMMUNE_LEVEL = re.compile(
    r"\b(?:cac\s+(?:xa|phuong|thi tran)\b|(?:xa|phuong)\s*,\s*(?:phuong|xa|thi tran)\b|cap xa\b)"
)


def level_of(name: str) -> Literal["district", "commune", ""]:
    """ "district" or "commune" when the name stands for every unit of that level, else "" (also
    for a list that mixes a level with other bodies: "Các sở, ban, ngành, Ủy ban nhân dân các
    quận, huyện")."""
    levels = {_level(part) for part in split_bodies(name) or [name]}
    return levels.pop() if len(levels) == 1 else ""


def _level(name: str) -> Literal["district", "commune", ""]:
    folded = fold_keep(name)
    commune, district = _COMMUNE_LEVEL.search(folded), _DISTRICT_LEVEL.search(folded)
    if commune and (not district or commune.start() < district.start()):
        return "commune"
    return "district" if district else ""


# Abbreviations every plan uses; a plan's own ("Sở Giáo dục và Đào tạo (Sở GD&ĐT)") come from
# ``abbreviations``.
_STANDARD = {"UBND": "Ủy ban nhân dân", "MTTQ": "Mặt trận Tổ quốc", "HĐND": "Hội đồng nhân dân"}
_DEFINED = re.compile(
    r"\((?:sau\s+đây\s+)?(?:(?:gọi|viết)\s+tắt\s+(?:là\s+)?:?\s*)?[“\"]?"
    r"(?P<short>(?:[A-ZĐ][a-zà-ỹđ]+\s+)?[A-ZĐ][A-ZĐ&.\-]{1,12}(?:\s+[A-ZĐ][A-ZĐ&.\-]{0,8})?)[”\"]?\)"
)
_SKIP_INITIAL = {"và", "-", "–", "&"}


def _initials(words: list[str]) -> str:
    return "".join(word[0] for word in words if word not in _SKIP_INITIAL and word[:1].isalpha())


def abbreviations(text: str) -> dict[str, str]:
    """The abbreviations a plan defines: "Sở Giáo dục và Đào tạo (sau đây gọi tắt là Sở GD&ĐT)"
    → {"Sở GD&ĐT": "Sở Giáo dục và Đào tạo"}; the full name is the words before the bracket
    whose initials spell the short form."""
    found: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        short = match.group("short")
        parts = short.split()
        lead = parts[:-1]
        letters = fold_keep(re.sub(r"[&.\-]", "", parts[-1])).upper()
        words = text[max(0, match.start() - 200) : match.start()].split()
        for size in range(len(letters), 4 * len(letters) + 1):
            if size + len(lead) > len(words):
                break
            tail = words[len(words) - size :]
            if fold_keep(_initials(tail)).upper() != letters:
                continue
            head = words[len(words) - size - len(lead) : len(words) - size]
            if [fold_keep(word) for word in head] == [fold_keep(word) for word in lead]:
                found[short] = " ".join([*head, *tail])
                break
    return found


def normalise(name: str, defined: dict[str, str] | None = None) -> str:
    """A body name with the plan's abbreviations (and "UBND", "MTTQ", "HĐND") written out,
    otherwise as the plan spells it."""
    table = {**_STANDARD, **(defined or {})}
    name = re.sub(r"\s*\([^()]*\)", "", name)  # "Sở Giáo dục và Đào tạo (Sở GD&ĐT)"
    for short in sorted(table, key=len, reverse=True):
        name = re.sub(r"(?<![\wĐđ])" + re.escape(short) + r"(?![\wĐđ&])", table[short], name)
    return re.sub(r"\s+", " ", name).strip()
