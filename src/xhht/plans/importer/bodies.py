"""Who does a task: the lead body at the start of a sentence ("Sở Giáo dục và Đào tạo chủ trì,
…") and the supporting bodies after "phối hợp với"."""

from __future__ import annotations

import re

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
    "to chuc trien khai",
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
    verb = _VERB_RE.search(folded, 3)
    if verb:
        cut = verb.start()
    colon = text.find(":")
    if 0 < colon < cut:
        cut = colon
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
    stop = re.search(r"[;.:(]| để | nhằm | trong việc | theo | tại ", rest)
    if stop and stop.start() < end:
        end = stop.start()
    chunk = rest[:end]
    for phrase in _KEEP:
        chunk = re.sub(re.escape(phrase), phrase.replace(", ", _SEP), chunk, flags=re.IGNORECASE)
    parts = re.split(
        r",\s*|\s+và\s+(?=các\s|Sở\s|Ủy\s|UBND\s|Hội\s|Ban\s|Phòng\s|Bộ\s|Đài\s)", chunk
    )
    names = [_TRAILING_VERB.sub("", strip_punct(part.replace(_SEP, ", "))) for part in parts]
    return [name for name in names if _is_party(name)]


def _is_party(name: str) -> bool:
    folded = fold_keep(name)
    if not name or len(name.split()) > 20 or folded.startswith(_NOT_BODIES):
        return False
    return folded.startswith(_BODY_STARTS + _PARTY_STARTS)
