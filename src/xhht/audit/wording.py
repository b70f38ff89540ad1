"""The trail in words people read: step names, field names and values in Vietnamese.

Entries store codes (``self_assess``, ``state: proposed``, ``passed: True``, UTC ISO times);
a page shows the step's name, the field's ``verbose_name``, a choice's label, "Có"/"Không" and
the local time. Steps are written by the apps above ``audit``, which it cannot import: their
names live here, one table, beside the shapes of the composed codes (``import_households``,
``export-person``, ``criteria.item_add``, ``pii_preview:…``).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xhht.core.text import group_thousands

#: Every step code an app writes, by name.
STEP_LABELS: dict[str, Any] = {
    # recognition
    "register": gettext_lazy("Đăng ký"),
    "self_assess": gettext_lazy("Tự đánh giá"),
    "return": gettext_lazy("Trả lại để bổ sung"),
    "review": gettext_lazy("Thẩm định"),
    "propose": gettext_lazy("Đề nghị công nhận"),
    "recognise": gettext_lazy("Công nhận"),
    "refuse": gettext_lazy("Không công nhận"),
    "withdraw": gettext_lazy("Rút đăng ký"),
    "revoke": gettext_lazy("Thu hồi công nhận"),
    "add_evidence": gettext_lazy("Thêm minh chứng"),
    "remove_evidence": gettext_lazy("Xóa minh chứng"),
    "import_evaluation_sheet": gettext_lazy("Nhập phiếu đánh giá của thôn"),
    # association: branches and members
    "dissolve_branch": gettext_lazy("Giải thể, sáp nhập chi hội khuyến học"),
    "member_leaves": gettext_lazy("Hội viên ra khỏi hội"),
    "import_members": gettext_lazy("Nhập danh sách hội viên"),
    # association: the study-promotion funds' ledger
    "record_receipt": gettext_lazy("Ghi khoản thu quỹ khuyến học"),
    "record_disbursement": gettext_lazy("Ghi khoản chi quỹ khuyến học"),
    "correct_entry": gettext_lazy("Điều chỉnh bút toán quỹ khuyến học"),
    # centres: classes
    "mark_attendance": gettext_lazy("Điểm danh buổi học"),
    "close_class": gettext_lazy("Kết thúc lớp học"),
    # centres: learning records
    "confirm_learning": gettext_lazy("Xác nhận học tập tự khai"),
    "refuse_learning": gettext_lazy("Không xác nhận học tập tự khai"),
    "withdraw_learning": gettext_lazy("Rút dòng học tập tự khai"),
    # centres: campaigns
    "open_campaign": gettext_lazy("Phát động đợt hưởng ứng"),
    "save_campaign_report": gettext_lazy("Lưu nháp kết quả hưởng ứng"),
    "submit_campaign_report": gettext_lazy("Gửi kết quả hưởng ứng"),
    # resources
    "submit_resource": gettext_lazy("Gửi duyệt học liệu"),
    "publish_resource": gettext_lazy("Công bố học liệu"),
    "return_resource": gettext_lazy("Trả lại học liệu"),
    "withdraw_resource": gettext_lazy("Rút học liệu"),
    # pcgd: a commune's recognition file
    "submit_pcgd_dossier": gettext_lazy("Gửi hồ sơ đề nghị công nhận phổ cập, xóa mù chữ"),
    "check_pcgd_dossier": gettext_lazy("Kiểm tra hồ sơ phổ cập, xóa mù chữ"),
    "return_pcgd_dossier": gettext_lazy("Trả lại hồ sơ phổ cập, xóa mù chữ"),
    "recognise_pcgd_dossier": gettext_lazy("Công nhận đạt chuẩn phổ cập, xóa mù chữ"),
    # reporting
    "open_period": gettext_lazy("Mở kỳ báo cáo"),
    "save_report": gettext_lazy("Lưu báo cáo"),
    "submit": gettext_lazy("Gửi báo cáo"),
    "accept": gettext_lazy("Tiếp nhận báo cáo"),
    "return_report": gettext_lazy("Trả lại báo cáo"),
    "reopen": gettext_lazy("Mở lại báo cáo"),
    "consolidate": gettext_lazy("Tổng hợp báo cáo"),
    "task_update": gettext_lazy("Cập nhật tiến độ nhiệm vụ"),
    "update_task": gettext_lazy("Cập nhật tiến độ nhiệm vụ"),
    # plans, indicators, places, registry
    "plan_confirmed": gettext_lazy("Xác nhận kế hoạch nhập từ văn bản"),
    "import_entered_values": gettext_lazy("Nhập số liệu từ tệp"),
    "import_hamlets": gettext_lazy("Nhập danh sách thôn từ tệp"),
    "import_households": gettext_lazy("Nhập hộ gia đình từ tệp"),
    "import_people": gettext_lazy("Nhập nhân khẩu từ tệp"),
    "import_persons": gettext_lazy("Nhập nhân khẩu từ tệp"),
    "import_clans": gettext_lazy("Nhập dòng họ từ tệp"),
    "import_units": gettext_lazy("Nhập đơn vị từ tệp"),
    "import_centres": gettext_lazy("Nhập cơ sở học tập từ tệp"),
    "import_school_list": gettext_lazy("Nhập danh sách học sinh của trường"),
    "view_person": gettext_lazy("Xem thông tin cá nhân"),
    "generate_population": gettext_lazy("Tạo dân cư tổng hợp"),
    "generate_centres": gettext_lazy("Tạo cơ sở học tập, lớp học tổng hợp"),
    "generate_schooling": gettext_lazy("Tạo dữ liệu phổ cập giáo dục, xóa mù chữ tổng hợp"),
    # accounts, jobs
    "account_created": gettext_lazy("Tạo tài khoản"),
    "account_updated": gettext_lazy("Sửa tài khoản"),
    "account_deactivated": gettext_lazy("Khóa tài khoản"),
    "account_reactivated": gettext_lazy("Mở khóa tài khoản"),
    "password_reset": gettext_lazy("Đặt lại mật khẩu"),
    "password_changed": gettext_lazy("Đổi mật khẩu"),
    "retry_job": gettext_lazy("Chạy lại tác vụ"),
    # criteria
    "used": gettext_lazy("Bắt đầu dùng bộ tiêu chí"),
    "new_version": gettext_lazy("Tạo phiên bản mới của bộ tiêu chí"),
    "illustrative": gettext_lazy("Đánh dấu giá trị minh họa"),
    "points": gettext_lazy("Sửa điểm"),
    "rules": gettext_lazy("Sửa quy tắc đạt"),
    "basis": gettext_lazy("Sửa căn cứ pháp lý"),
    "criterion_add": gettext_lazy("Thêm tiêu chí"),
    "criterion_update": gettext_lazy("Sửa tiêu chí"),
    "criterion_remove": gettext_lazy("Xóa tiêu chí"),
    "criterion_move": gettext_lazy("Đổi thứ tự tiêu chí"),
    "item_add": gettext_lazy("Thêm chỉ báo"),
    "item_update": gettext_lazy("Sửa chỉ báo"),
    "item_remove": gettext_lazy("Xóa chỉ báo"),
    "item_move": gettext_lazy("Đổi thứ tự chỉ báo"),
    "group_add": gettext_lazy("Thêm nhóm đối tượng"),
    "group_update": gettext_lazy("Sửa nhóm đối tượng"),
    "group_remove": gettext_lazy("Xóa nhóm đối tượng"),
    "band_add": gettext_lazy("Thêm mức xếp loại"),
    "band_update": gettext_lazy("Sửa mức xếp loại"),
    "band_remove": gettext_lazy("Xóa mức xếp loại"),
    # governance: inspection, budgets, communication work
    "inspection_plan": gettext_lazy("Lập kế hoạch kiểm tra"),
    "inspection_visit": gettext_lazy("Ghi đợt kiểm tra"),
    "recommend": gettext_lazy("Ghi kiến nghị sau kiểm tra"),
    "recommendation_answer": gettext_lazy("Báo cáo kết quả thực hiện kiến nghị"),
    "recommendation_complete": gettext_lazy("Báo đã thực hiện xong, đóng kiến nghị"),
    "recommendation_close": gettext_lazy("Kết luận kiến nghị đã hoàn thành"),
    "recommendation_reopen": gettext_lazy("Yêu cầu tiếp tục thực hiện kiến nghị"),
    "budget_set": gettext_lazy("Nhập kinh phí"),
    "communication_record": gettext_lazy("Ghi hoạt động truyền thông"),
    "communication_remove": gettext_lazy("Xóa hoạt động truyền thông"),
}

#: Keys steps write that are not fields of the record.
KEY_LABELS: dict[str, Any] = {
    "title": gettext_lazy("danh hiệu"),
    "year": gettext_lazy("năm"),
    "rows": gettext_lazy("số dòng"),
    "item": gettext_lazy("chỉ báo"),
    "file": gettext_lazy("tệp"),
    "sha256": gettext_lazy("mã kiểm tra tệp"),
    "file_sha256": gettext_lazy("mã kiểm tra tệp"),
    "certificate_sha256": gettext_lazy("mã kiểm tra tệp giấy chứng nhận"),
    "certificate_type": gettext_lazy("loại tệp giấy chứng nhận"),
    "certificate_size": gettext_lazy("dung lượng tệp giấy chứng nhận (byte)"),
    "commune": gettext_lazy("xã, phường"),
    "donor_person": gettext_lazy("người ủng hộ"),
    "donor_unit": gettext_lazy("đơn vị ủng hộ"),
    "donor_clan": gettext_lazy("dòng họ ủng hộ"),
    "state": gettext_lazy("trạng thái"),
    "comment": gettext_lazy("nhận xét"),
    "passed": gettext_lazy("đạt"),
    "total": gettext_lazy("tổng điểm"),
    "grade": gettext_lazy("xếp loại"),
    "answers": gettext_lazy("tự đánh giá"),
    "review": gettext_lazy("kết quả thẩm định"),
    "group": gettext_lazy("nhóm đối tượng"),
    "version": gettext_lazy("phiên bản"),
    "kind": gettext_lazy("loại"),
    "count": gettext_lazy("số lượng"),
    "created": gettext_lazy("tạo mới"),
    "updated": gettext_lazy("cập nhật"),
    "direction": gettext_lazy("hướng"),
    "code": gettext_lazy("mã"),
    "name": gettext_lazy("tên"),
    "points": gettext_lazy("điểm"),
    "met": gettext_lazy("đạt"),
    "note": gettext_lazy("ghi chú"),
    "progress": gettext_lazy("tiến độ"),
    "status": gettext_lazy("tình trạng"),
    "decision": gettext_lazy("quyết định"),
    "reason": gettext_lazy("lý do"),
    "role": gettext_lazy("vai trò"),
    "place": gettext_lazy("địa bàn"),
    "body": gettext_lazy("cơ quan"),
    "people": gettext_lazy("số người"),
    "households": gettext_lazy("số hộ"),
    "communes": gettext_lazy("số xã"),
    "centres": gettext_lazy("số cơ sở học tập"),
    "classes": gettext_lazy("số lớp học"),
    "talks": gettext_lazy("số buổi nói chuyện, sự kiện"),
    "sessions": gettext_lazy("số buổi học"),
    "participations": gettext_lazy("số lượt học viên"),
    "attendances": gettext_lazy("số lượt điểm danh"),
    "head_counts": gettext_lazy("số nhóm người tham gia không ghi tên"),
    "learning_entries": gettext_lazy("số dòng sổ theo dõi học tập"),
    "school_years": gettext_lazy("các năm học"),
    "weak": gettext_lazy("số xã khó khăn hơn"),
    "children": gettext_lazy("số trẻ em, thanh thiếu niên"),
    "schooling_rows": gettext_lazy("số phiếu học tập theo năm học"),
    "literacy_rows": gettext_lazy("số người có mức độ biết chữ"),
    "user": gettext_lazy("tài khoản"),
    "what": gettext_lazy("nội dung"),
    "content_type": gettext_lazy("loại tệp"),
    "evidence_type": gettext_lazy("loại tệp"),
    "size": gettext_lazy("dung lượng (byte)"),
    "at": gettext_lazy("thời điểm"),
    "person": gettext_lazy("công dân"),
    "household": gettext_lazy("hộ gia đình"),
    "clan": gettext_lazy("dòng họ"),
    "unit": gettext_lazy("đơn vị"),
    "assessment": gettext_lazy("hồ sơ"),
    "submission": gettext_lazy("báo cáo"),
    "task": gettext_lazy("nhiệm vụ"),
    "plan": gettext_lazy("kế hoạch"),
    "row": gettext_lazy("dòng"),
    "section": gettext_lazy("mục"),
    "period": gettext_lazy("kỳ báo cáo"),
    "criteria_set": gettext_lazy("bộ tiêu chí"),
    "indicator": gettext_lazy("chỉ tiêu"),
    "author": gettext_lazy("người viết"),
    "parent": gettext_lazy("thuộc"),
    "up": gettext_lazy("lên"),
    "down": gettext_lazy("xuống"),
}

_COMPOSED = [
    (re.compile(r"^import_(\w+?)_cccd_in_use$"), gettext_lazy("Nhập từ tệp: số CCCD đã có")),
    (re.compile(r"^import_(\w+)$"), gettext_lazy("Nhập từ tệp")),
    (re.compile(r"^export-(\w+)$"), gettext_lazy("Xuất danh sách ra tệp")),
    (re.compile(r"^pii_preview:"), gettext_lazy("Xem trước tệp có số CCCD")),
]


def step_label(step: str) -> str:
    """The Vietnamese name of a step code ("" for none)."""
    if not step:
        return ""
    code = step.removeprefix("criteria.")
    if code in STEP_LABELS:
        return str(STEP_LABELS[code])
    for pattern, label in _COMPOSED:
        if pattern.match(step):
            return str(label)
    return _("Bước xử lý khác")


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


#: Verbs of the ``<verb>_at`` / ``<verb>_by`` fields the workflows keep.
VERB_LABELS: dict[str, Any] = {
    "registered": gettext_lazy("đăng ký"),
    "submitted": gettext_lazy("gửi"),
    "sent": gettext_lazy("gửi"),
    "reviewed": gettext_lazy("thẩm định"),
    "proposed": gettext_lazy("đề nghị"),
    "recognised": gettext_lazy("công nhận"),
    "refused": gettext_lazy("không công nhận"),
    "returned": gettext_lazy("trả lại"),
    "revoked": gettext_lazy("thu hồi"),
    "withdrawn": gettext_lazy("rút"),
    "accepted": gettext_lazy("tiếp nhận"),
    "created": gettext_lazy("tạo"),
    "updated": gettext_lazy("cập nhật"),
    "uploaded": gettext_lazy("tải lên"),
    "decided": gettext_lazy("quyết định"),
    "issued": gettext_lazy("cấp"),
    "opened": gettext_lazy("mở"),
    "closed": gettext_lazy("đóng"),
}


def field_label(model: type[models.Model] | None, key: str) -> str:
    """The field's ``verbose_name`` when it was given one, else the name of a key a step writes,
    else "thời điểm …"/"người …" for a ``<verb>_at``/``<verb>_by`` field."""
    field = _field(model, key)
    if field is not None and not field.auto_created:
        named = str(field.verbose_name)
        if named != key.replace("_", " "):  # Django's default is the field's name
            return named
    if key in KEY_LABELS:
        return str(KEY_LABELS[key])
    verb, _sep, suffix = key.rpartition("_")
    if verb in VERB_LABELS and suffix in {"at", "by", "on"}:
        who_or_when = _("người") if suffix == "by" else _("thời điểm")
        return f"{who_or_when} {VERB_LABELS[verb]}"
    return key.replace("_", " ")


def value_text(model: type[models.Model] | None, key: str, value: Any) -> str | None:
    """A stored value as a person reads it; None for no value."""
    if value is None or value == "":
        return None
    field = _field(model, key)
    if isinstance(field, models.FileField):  # the stored path is the app's: its name only
        return str(value).rsplit("/", 1)[-1]
    if field is not None and field.choices and not isinstance(value, dict | list):
        labels = {str(k): v for k, v in field.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    if key in {"title"} and isinstance(value, str):
        from_title = _title_label(value)
        if from_title:
            return from_title
    return plain_text(value)


def _title_label(code: str) -> str:
    titles = {
        "family": gettext_lazy("Gia đình học tập"),
        "clan": gettext_lazy("Dòng họ học tập"),
        "community": gettext_lazy("Cộng đồng học tập"),
        "unit": gettext_lazy("Đơn vị học tập"),
        "citizen": gettext_lazy("Công dân học tập"),
        "commune": gettext_lazy("Cộng đồng học tập cấp xã"),
    }
    return str(titles.get(code, ""))


def plain_text(value: Any) -> str:
    """Yes/no, local dates and times, numbers with a decimal comma, nested marks on one line."""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, int):  # a year stays 2026, a count groups: 12.345
        return group_thousands(value) if abs(value) >= 10_000 else str(value)
    if isinstance(value, float | Decimal):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, dict):
        parts = []
        for key, inner in value.items():
            text = plain_text(inner) if inner not in (None, "") else ""
            if text and isinstance(inner, dict):
                parts.append(f"{key} ({text})")
            elif text:
                parts.append(f"{field_label(None, str(key))}: {text}")
        return "; ".join(parts) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(plain_text(v) for v in value if v not in (None, ""))
    text = str(value)
    moment = parse_datetime(text) if "T" in text or ":" in text else None
    if moment is not None:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return formats.date_format(timezone.localtime(moment), "d/m/Y H:i")
    day = parse_date(text) if len(text) == 10 else None
    if day is not None:
        return formats.date_format(day, "d/m/Y")
    if text in {"True", "False"}:
        return _("Có") if text == "True" else _("Không")
    if re.fullmatch(r"-?\d+\.\d+", text):
        try:
            return formats.number_format(Decimal(text).normalize(), use_l10n=True)
        except InvalidOperation:
            return text
    return text
