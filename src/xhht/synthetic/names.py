"""Tables for the synthetic population: names, ethnicities, regions, schooling and work.

Everything here is plain data (weights are relative, not percentages that must add up). The
figures are rounded public orders of magnitude (family-name shares, the 2019 census ethnic
mix, the 2024 age pyramid) good enough for realistic-looking test data, never official numbers.
"""

from __future__ import annotations

from itertools import accumulate

Weighted = tuple[tuple[str, ...], tuple[float, ...]]


def weighted(pairs: list[tuple[str, float]]) -> Weighted:
    """Values and cumulative weights, ready for ``random.choices(values, cum_weights=…)``."""
    return tuple(v for v, _w in pairs), tuple(accumulate(w for _v, w in pairs))


def ranked(names: str, top: float = 10.0) -> Weighted:
    """Names listed most common first get Zipf-like weights (top, top/2, top/3…)."""
    return weighted([(name, top / (rank + 1)) for rank, name in enumerate(names.split(","))])


# --- Regions: provinces (codes after 1/7/2025) grouped by naming and ethnic patterns ----------
NORTHERN_MOUNTAINS = {"04", "08", "11", "12", "14", "15", "19", "20", "25"}
CENTRAL_HIGHLANDS = {"52", "66", "68"}
MEKONG = {"82", "86", "91", "92", "96"}
SOUTH_EAST = {"75", "79", "80"}
#: Southern speech: Huỳnh for Hoàng, Võ for Vũ, "ấp" and "khu phố".
SOUTHERN = MEKONG | SOUTH_EAST | {"56", "68"}


def region_of(province_code: str) -> str:
    for name, codes in (
        ("northern_mountains", NORTHERN_MOUNTAINS),
        ("central_highlands", CENTRAL_HIGHLANDS),
        ("mekong", MEKONG),
        ("south_east", SOUTH_EAST),
    ):
        if province_code in codes:
            return name
    return "plains"


# --- Ethnicity (chosen per household) ---------------------------------------------------------
ETHNICITY_BY_REGION: dict[str, Weighted] = {
    "plains": weighted([("Kinh", 96.5), ("Mường", 1.6), ("Thái", 1.2), ("Hoa", 0.4), ("Chăm", 0.3)]),
    "northern_mountains": weighted([
        ("Kinh", 45), ("Tày", 14), ("Thái", 12), ("H'Mông", 11), ("Dao", 6), ("Nùng", 6),
        ("Mường", 4), ("Sán Dìu", 1), ("Giáy", 1),
    ]),
    "central_highlands": weighted([
        ("Kinh", 70), ("Gia Rai", 9), ("Ê Đê", 8), ("Ba Na", 4), ("Cơ Ho", 4), ("M'Nông", 2),
        ("Tày", 1.5), ("Nùng", 1.5),
    ]),
    "mekong": weighted([("Kinh", 88), ("Khmer", 10), ("Hoa", 1.6), ("Chăm", 0.4)]),
    "south_east": weighted([("Kinh", 93), ("Hoa", 5), ("Khmer", 1), ("Chăm", 1)]),
}  # fmt: skip  # aligned table: weights by region, a row per region

# --- Family names -----------------------------------------------------------------------------
_KINH_FAMILY = [
    ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 5.1), ("Phan", 4.5),
    ("Vũ", 3.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3),
    ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.5), ("Trương", 0.5), ("Đoàn", 0.4), ("Lương", 0.4),
    ("Mai", 0.4), ("Trịnh", 0.4), ("Cao", 0.3), ("Lâm", 0.3), ("Hà", 0.3), ("Tô", 0.2),
    ("Lưu", 0.2), ("Thái", 0.2), ("Châu", 0.2), ("Tạ", 0.2), ("Quách", 0.1), ("Kiều", 0.1),
    ("Triệu", 0.1), ("La", 0.1), ("Văn", 0.1), ("Từ", 0.1), ("Tăng", 0.1), ("Chu", 0.1),
    ("Nghiêm", 0.05), ("Thân", 0.05), ("Khổng", 0.05), ("Mạc", 0.05),
]  # fmt: skip  # aligned table: family names by weight, rows of six
_SOUTHERN_SWAPS = {"Hoàng": [("Huỳnh", 0.8), ("Hoàng", 0.2)], "Vũ": [("Võ", 0.85), ("Vũ", 0.15)]}


def _kinh_family(southern: bool) -> Weighted:
    if not southern:
        return weighted(_KINH_FAMILY)
    pairs: list[tuple[str, float]] = []
    for name, weight in _KINH_FAMILY:
        swaps = _SOUTHERN_SWAPS.get(name, [(name, 1.0)])
        pairs.extend((swapped, weight * share) for swapped, share in swaps)
    return weighted(pairs)


KINH_FAMILY = {False: _kinh_family(False), True: _kinh_family(True)}
MINORITY_FAMILY: dict[str, Weighted] = {
    "Tày": ranked("Hoàng,Nông,Lương,Lục,Hà,Triệu,Ma,Vi,Đàm,Bế"),
    "Thái": ranked("Lò,Cầm,Lường,Quàng,Hà,Vi,Tòng"),
    "H'Mông": ranked("Giàng,Vàng,Thào,Lý,Sùng,Hầu,Mùa,Lầu,Vừ"),
    "Dao": ranked("Triệu,Bàn,Lý,Đặng,Chảo,Phùng"),
    "Nùng": ranked("Hoàng,Nông,Lương,Vi,Lâm,Chu"),
    "Mường": ranked("Bùi,Đinh,Quách,Hà,Xa,Bạch"),
    "Sán Dìu": ranked("Lục,Tạ,Trương,Diệp"),
    "Giáy": ranked("Lù,Vương,Hoàng"),
    "Gia Rai": ranked("Ksor,Rơ Lan,Siu,Rơ Mah,Kpă,Nay,Rah Lan"),
    "Ê Đê": ranked("Niê,Mlô,Êban,Byă,Ktla,Adrơng"),
    "Ba Na": ranked("Đinh,Rơ Châm,Y"),
    "Cơ Ho": ranked("Ka,Liêng,Kră,Bon"),
    "M'Nông": ranked("Điểu,Thị,Y"),
    "Khmer": ranked("Thạch,Sơn,Kim,Danh,Lâm,Châu,Lý,Trần"),
    "Hoa": ranked("Lâm,Trương,Quách,Lý,Diệp,Mã,Tăng,Lưu,Hứa,Huỳnh"),
    "Chăm": ranked("Đàng,Thông,Lưu,Thuận,Mã"),
}

# --- Middle and given names, by sex; "Văn" and "Thị" fade in younger generations -------------
MIDDLE_TRADITIONAL = {"M": "Văn", "F": "Thị"}
MIDDLE_OTHER = {
    "M": ranked(
        "Minh,Đức,Hữu,Quốc,Thành,Công,Ngọc,Xuân,Quang,Trọng,Gia,Hoàng,Đình,Anh,Thanh,Duy,Bá,Tuấn,Nhật,Bảo"
    ),
    "F": ranked(
        "Ngọc,Thanh,Thu,Kim,Phương,Bảo,Hồng,Minh,Mỹ,Khánh,Thùy,Diệu,Hoài,Mai,Tuyết,Bích,Quỳnh,Hải,Hà,Thị Thu"
    ),
}
GIVEN_CLASSIC = {
    "M": ranked(
        "Hùng,Dũng,Tuấn,Minh,Hải,Nam,Long,Thắng,Sơn,Hoàng,Cường,Tâm,Thành,Hưng,Bình,Hòa,Tiến,Lợi,Toàn,Trung,Phong,Quang,Vinh,Tùng,Nghĩa,Hiếu,Đức,Thịnh,Tài,Lộc,Phúc,Hậu,Tú,Chiến,Sáu,Bảy,Tám,Út"
    ),
    "F": ranked(
        "Hương,Lan,Hoa,Mai,Hằng,Hà,Thủy,Nga,Hạnh,Dung,Liên,Loan,Tuyết,Oanh,Yến,Phương,Thảo,Nhung,Hiền,Thúy,Xuân,Hồng,Vân,Lệ,Cúc,Đào,Huệ,Nguyệt,Út,Bích"
    ),
}
GIVEN_MODERN = {
    "M": ranked(
        "Huy,Khang,Bảo,Phúc,Minh,Nam,Khôi,Quân,Đạt,Kiên,Hiếu,Tuấn,Duy,Anh,Long,Khoa,Nhật,Tín,Trí,Hào,Việt,Lâm,Thịnh,Vũ,Đăng,Khải,Phát,Thiện,Gia,An"
    ),
    "F": ranked(
        "Linh,Anh,Vy,Nhi,Ngọc,Trang,Thảo,Hân,My,Chi,Quỳnh,Trâm,Ngân,Uyên,Giang,Huyền,Diệp,Khánh,Tâm,Nhung,Như,Yến,Thư,Hà,Mai,Châu,Duyên,Hiền,Tú,An"
    ),
}

# --- Hamlet kinds (Place level "hamlet") ------------------------------------------------------
RURAL_HAMLET_KINDS: dict[str, Weighted] = {
    "northern_mountains": weighted([("bản", 0.55), ("thôn", 0.45)]),
    "central_highlands": weighted([("thôn", 0.7), ("buôn", 0.2), ("làng", 0.1)]),
    "mekong": weighted([("ấp", 1.0)]),
    "south_east": weighted([("ấp", 1.0)]),
    "plains": weighted([("thôn", 0.9), ("xóm", 0.1)]),
}
URBAN_HAMLET_KINDS: dict[str, Weighted] = {
    "mekong": weighted([("khu vực", 0.5), ("khóm", 0.25), ("khu phố", 0.25)]),
    "south_east": weighted([("khu phố", 1.0)]),
    "central_highlands": weighted([("tổ dân phố", 1.0)]),
    "northern_mountains": weighted([("tổ dân phố", 1.0)]),
    "plains": weighted([("tổ dân phố", 0.85), ("khu phố", 0.15)]),
}
#: The demo province names its wards' hamlets "khu vực", as Cần Thơ does.
URBAN_HAMLET_KIND_FOR_PROVINCE = {"92": "khu vực", "79": "khu phố", "01": "tổ dân phố"}

# --- Age: Vietnam's 2024 pyramid in five-year groups (0–4 … 80+), share of the population ----
PYRAMID = (7.0, 7.9, 8.3, 7.3, 6.7, 7.3, 8.2, 8.2, 7.6, 7.0, 6.3, 5.7, 4.9, 3.8, 2.4, 1.4, 1.9)

# --- Education and occupation (codes of registry.models.Person) -------------------------------
EDUCATION_BY_BAND: dict[str, Weighted] = {
    "young": weighted([  # 23–39
        ("none", 1.5), ("primary", 7), ("lower_secondary", 25), ("upper_secondary", 27),
        ("vocational", 12), ("college", 7), ("university", 18), ("postgraduate", 2.5),
    ]),
    "middle": weighted([  # 40–59
        ("none", 3), ("primary", 17), ("lower_secondary", 35), ("upper_secondary", 22),
        ("vocational", 10), ("college", 4), ("university", 8.3), ("postgraduate", 0.7),
    ]),
    "old": weighted([  # 60+
        ("none", 12), ("primary", 36), ("lower_secondary", 29), ("upper_secondary", 11),
        ("vocational", 5), ("college", 2), ("university", 4.5), ("postgraduate", 0.5),
    ]),
}  # fmt: skip  # aligned table: schooling weights, a row per age band
HIGHER_EDUCATION = frozenset({"college", "university", "postgraduate"})
OCCUPATION_ADULT: dict[bool, Weighted] = {  # urban?
    False: weighted([("farmer", 46), ("worker", 24), ("business", 4), ("official", 4),
                     ("armed_forces", 1), ("other", 21)]),
    True: weighted([("farmer", 5), ("worker", 33), ("business", 12), ("official", 9),
                    ("armed_forces", 1.5), ("other", 39.5)]),
}  # fmt: skip  # aligned table: occupation weights, rural and urban
OCCUPATION_GRADUATE = weighted(
    [("official", 35), ("business", 20), ("worker", 10), ("armed_forces", 3), ("other", 32)]
)

# --- Units ------------------------------------------------------------------------------------
SCHOOL_NAMESAKES = [
    "Lê Lợi",
    "Nguyễn Du",
    "Trần Hưng Đạo",
    "Lý Thường Kiệt",
    "Nguyễn Trãi",
    "Chu Văn An",
    "Võ Thị Sáu",
    "Kim Đồng",
    "Lê Quý Đôn",
    "Nguyễn Khuyến",
    "Hoa Sen",
    "Họa Mi",
    "Sơn Ca",
    "Hoa Hồng",
    "Quang Trung",
    "Phan Bội Châu",
    "Trần Phú",
    "Võ Trường Toản",
    "Lê Văn Tám",
    "Nguyễn Bỉnh Khiêm",
]
ENTERPRISE_FORMS = weighted(
    [
        ("Công ty TNHH", 55),
        ("Công ty Cổ phần", 20),
        ("Doanh nghiệp tư nhân", 10),
        ("Công ty TNHH MTV", 15),
    ]
)
ENTERPRISE_TRADES = [
    "Thương mại",
    "Xây dựng",
    "Dịch vụ",
    "Vận tải",
    "Nông sản",
    "Thủy sản",
    "May mặc",
    "Cơ khí",
    "Thực phẩm",
    "Vật liệu xây dựng",
    "Du lịch",
    "Công nghệ",
    "Điện máy",
    "Gỗ",
    "In ấn",
]
ENTERPRISE_MARKS = [
    "Phú Thịnh",
    "Hưng Phát",
    "An Khang",
    "Thành Công",
    "Minh Phát",
    "Thuận Phát",
    "Tân Tiến",
    "Hoàng Long",
    "Phúc Lộc",
    "Việt Tiến",
    "Đại Phát",
    "Kim Ngân",
    "Trường Thịnh",
    "Nam Việt",
    "Hải Đăng",
    "Bình An",
    "Sao Mai",
    "Đông Á",
    "Hòa Bình",
    "Phương Nam",
]
PRODUCTION_NAMES = [
    "Hợp tác xã Nông nghiệp",
    "Hợp tác xã Dịch vụ",
    "Cơ sở sản xuất bánh",
    "Cơ sở chế biến nông sản",
    "Cơ sở may",
    "Cơ sở mộc",
    "Tổ hợp tác",
    "Cơ sở sản xuất nước đá",
]
