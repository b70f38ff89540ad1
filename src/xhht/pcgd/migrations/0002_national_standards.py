"""Data migration: the national rule sets of NĐ 20/2014/NĐ-CP (version 1), with only the
thresholds the research confirmed (../shared/research/vn-criteria.md §7, vn-criteria-turn2.md
§6–7), each with its source. A threshold not found in a legal source is NULL, not confirmed and
says so: the province enters it, and until then the level cannot be reached.

The ĐBKK values are those of the same sentences ("đối với xã có điều kiện kinh tế - xã hội đặc
biệt khó khăn …"). No province rule is seeded (the rule for provinces after 1/7/2025 was not
found: entered by each province).
"""

from typing import Any

from django.db import migrations

ND20 = "Nghị định 20/2014/NĐ-CP ngày 24/3/2014 về phổ cập giáo dục, xóa mù chữ"
TT07 = "Thông tư 07/2016/TT-BGDĐT ngày 22/3/2016"
SRC_MN = (
    "https://lawnet.vn/thong-tin-phap-luat/en/tu-van-luat/criteria-for-recognized-standard-"
    "achievement-of-educational-universalization-in-vietnam-122847.html"
)
SRC_TH = (
    "https://lawnet.vn/thong-tin-phap-luat/en/giao-duc/criteria-for-recognized-standard-"
    "achievement-of-primary-educational-universalization-in-vietnam-107568.html"
)
SRC_TH3 = "http://baoquangnam.vn/giao-duc/14-dia-phuong-dat-chuan-pho-cap-giao-duc-tieu-hoc-muc-do-3-58972.html"
SRC_THCS1 = (
    "thuvienphapluat.vn, hỏi đáp “Tiêu chuẩn công nhận đạt chuẩn phổ cập giáo dục trung học cơ sở "
    "mức độ 1” (địa chỉ trang không được lưu)"
)
SRC_THCS3 = "https://luathuythanh.vn/tieu-chuan-cong-nhan-dat-chuan-pho-cap-giao-duc-trung-hoc-co-so-muc-do-3.html"
SRC_XMC1 = "https://lawnet.vn/giao-duc/en/criteria-for-standardized-literates-in-vietnam-how-many-levels-are-there-3455.html"
SRC_XMC2 = "https://thuvienphapluat.vn/hoi-dap-phap-luat/2A56D-hd-tieu-chuan-cong-nhan-dat-chuan-xoa-mu-chu-muc-do-2.html"
SRC_TT07 = "https://luatvietnam.vn/giao-duc/thong-tu-07-2016-tt-bgddt-bo-giao-duc-va-dao-tao-104133-d1.html?layout=amp"
NOT_FOUND = "Chưa tìm thấy trong văn bản pháp luật: do tỉnh nhập."


def rate(
    cohort: str,
    threshold: int | None,
    hardship: int | None = None,
    *,
    source: str,
    hardship_cohort: str = "",
) -> dict[str, Any]:
    return {
        "kind": "rate",
        "cohort": cohort,
        "threshold": threshold,
        "hardship_threshold": hardship,
        "hardship_cohort": hardship_cohort,
        "confirmed": threshold is not None,
        "source": source,
    }


def condition(code: str, text: str, source: str) -> dict[str, Any]:
    return {
        "kind": "condition",
        "condition": code,
        "text": text,
        "confirmed": True,
        "source": source,
    }


STANDARDS: list[dict[str, Any]] = [
    {
        "code": "pcgd_mn",
        "source": f"{ND20}, Điều 6; điều kiện: {TT07}",
        "rules": [
            rate("mn5_attending", 95, 90, source=f"{ND20}, Điều 6 [{SRC_MN}]"),
            rate("mn5_completed", 85, 80, source=f"{ND20}, Điều 6 [{SRC_MN}]"),
            condition(
                "mn_teacher_policy",
                "100% giáo viên được hưởng chế độ chính sách theo quy định hiện hành.",
                f"{TT07} [{SRC_TT07}]",
            ),
            condition(
                "mn_teacher_count",
                "Đủ giáo viên dạy lớp mẫu giáo 05 tuổi theo Thông tư liên tịch số "
                "06/2015/TTLT-BGDĐT-BNV.",
                f"{TT07} [{SRC_TT07}]",
            ),
            condition(
                "mn_teacher_standard",
                "100% giáo viên dạy lớp mẫu giáo 05 tuổi đạt yêu cầu chuẩn nghề nghiệp và đạt "
                "chuẩn trình độ đào tạo.",
                f"{TT07} [{SRC_TT07}]",
            ),
            condition(
                "mn_equipment",
                "100% lớp mẫu giáo 05 tuổi có đủ đồ dùng, đồ chơi, thiết bị dạy học tối thiểu.",
                f"{TT07} [{SRC_TT07}]",
            ),
            condition(
                "mn_classrooms",
                "Số phòng học cho lớp mẫu giáo 05 tuổi đạt tỷ lệ ít nhất 01 phòng học/lớp "
                "(phần còn lại của điều kiện: đối chiếu văn bản gốc).",
                f"{TT07} [{SRC_TT07}] (trích dẫn không đầy đủ)",
            ),
        ],
        "note": "Các điều kiện bảo đảm khác của TT 07/2016 chưa đọc được đầy đủ.",
    },
    {
        "code": "pcgd_th_1",
        "source": f"{ND20}, Điều 9",
        "rules": [
            rate("th_grade1_6", 90, source=f"{ND20}, Điều 9 [{SRC_TH}]"),
            rate("th_completed_11_14", 80, 70, source=f"{ND20}, Điều 9 [{SRC_TH}]"),
        ],
        "note": "Điều kiện bảo đảm (giáo viên, cơ sở vật chất) cấp tiểu học: chưa tìm thấy.",
    },
    {
        "code": "pcgd_th_2",
        "source": f"{ND20}, Điều 10",
        "rules": [
            rate("th_grade1_6", 95, source=f"{ND20}, Điều 10 [{SRC_TH}]"),
            rate("th_completed_11", 80, 70, source=f"{ND20}, Điều 10 [{SRC_TH}]"),
            rate(
                "th_11_in_primary",
                100,
                source=f"{ND20}, Điều 10: “các trẻ em 11 tuổi còn lại đang học các lớp tiểu học” [{SRC_TH}]",
            ),
        ],
    },
    {
        "code": "pcgd_th_3",
        "source": f"{ND20}, Điều 11",
        "rules": [
            rate(
                "th_grade1_6",
                None,
                source=f"{NOT_FOUND} Báo chí nêu 98% [{SRC_TH3}], chưa đối chiếu văn bản.",
            ),
            rate(
                "th_completed_11",
                None,
                source=f"{NOT_FOUND} Báo chí nêu 90% (xã ĐBKK 80%) [{SRC_TH3}], chưa đối chiếu văn bản.",
            ),
        ],
        "note": "Các điều kiện khác của mức độ 3: chưa tìm thấy.",
    },
    {
        "code": "pcgd_thcs_1",
        "source": f"{ND20}, Điều 14",
        "requires": ["pcgd_th_1", "xmc_1"],
        "rules": [rate("thcs_diploma_15_18", 80, 70, source=f"{ND20}, Điều 14 [{SRC_THCS1}]")],
    },
    {
        "code": "pcgd_thcs_2",
        "source": f"{ND20}, Điều 15 (nội dung chưa tìm thấy)",
        "rules": [
            rate(
                "thcs_diploma_15_18",
                None,
                source=f"{NOT_FOUND} Một công cụ cộng đồng (không phải văn bản) dùng 90%.",
            ),
        ],
        "note": "Điều 15 chưa đọc được: các tiêu chí khác của mức độ 2 (nếu có) do tỉnh bổ sung.",
    },
    {
        "code": "pcgd_thcs_3",
        "source": f"{ND20}, Điều 16",
        "rules": [
            rate("thcs_diploma_15_18", 95, 90, source=f"{ND20}, Điều 16 [{SRC_THCS3}]"),
            rate("thcs_studying_15_18", 80, 70, source=f"{ND20}, Điều 16 [{SRC_THCS3}]"),
        ],
    },
    {
        "code": "xmc_1",
        "source": f"{ND20}, Điều 20",
        "rules": [
            rate(
                "literate1_15_35",
                90,
                source=f"{ND20}, Điều 20 [{SRC_XMC1}]",
                hardship_cohort="literate1_15_25",
            )
        ],
        "note": f"Điều kiện huy động người dạy xóa mù chữ: {TT07}, Điều 6 (không có ngưỡng đạt/không đạt).",
    },
    {
        "code": "xmc_2",
        "source": f"{ND20}, Điều 21",
        "rules": [
            rate(
                "literate2_15_60",
                90,
                source=f"{ND20}, Điều 21 [{SRC_XMC2}]",
                hardship_cohort="literate2_15_35",
            )
        ],
    },
]


def load(apps: Any, schema_editor: Any) -> None:
    standard_model = apps.get_model("pcgd", "Standard")
    rule_model = apps.get_model("pcgd", "StandardRule")
    for entry in STANDARDS:
        standard, _created = standard_model.objects.update_or_create(
            code=entry["code"],
            version=1,
            province=None,
            defaults={
                "source": entry["source"],
                "since_year": 2014,
                "requires": entry.get("requires", []),
                "note": entry.get("note", ""),
            },
        )
        rule_model.objects.filter(standard=standard).delete()
        for order, rule in enumerate(entry["rules"], start=1):
            rule_model.objects.create(standard=standard, order=order, **rule)


def unload(apps: Any, schema_editor: Any) -> None:
    apps.get_model("pcgd", "Standard").objects.filter(province__isnull=True, version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("pcgd", "0001_schooling_standards")]

    operations = [migrations.RunPython(load, unload)]
