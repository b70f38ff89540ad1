"""A commune's institutions: its community learning centre (TTHTCĐ) and, by chance, a library,
a cultural house or reading point, a museum or relic site and a continuing-education centre."""

from __future__ import annotations

import random

from xhht.centres.models import Centre
from xhht.places.models import Place
from xhht.synthetic.units import commune_short_name

#: Other institutions: (kind, code prefix, name, chance per commune, chance in a ward).
OTHER_INSTITUTIONS = (
    (Centre.Kind.LIBRARY, "TV", "Thư viện {where}", 0.25, 0.5),
    (Centre.Kind.CULTURAL_HOUSE, "NVH", "Nhà văn hóa {where}", 0.6, 0.5),
    (Centre.Kind.CULTURAL_HOUSE, "BDVH", "Điểm Bưu điện – Văn hóa {where}", 0.3, 0.1),
    (Centre.Kind.MUSEUM, "DT", "Khu di tích lịch sử – văn hóa {short}", 0.04, 0.06),
    (
        Centre.Kind.CONTINUING,
        "GDTX",
        "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên khu vực {short}",
        0.08,
        0.1,
    ),
)


def create_institutions(rng: random.Random, commune: Place) -> list[Centre]:
    kind, short = commune_short_name(commune)
    where = f"{kind} {short}"
    ward = kind == "phường"
    computers = rng.choice((0, 2, 3, 5, 8, 10, 15)) if rng.random() < 0.9 else 0
    internet = computers > 0 and rng.random() < 0.85
    centres = [
        Centre(
            code=f"TT-{commune.code}",
            name=f"Trung tâm học tập cộng đồng {where}",
            kind=Centre.Kind.TTHTCD,
            place_id=commune.pk,
            address=f"Trụ sở Ủy ban nhân dân {where}",
            computers=computers,
            internet=internet,
            it_management=internet and rng.random() < 0.7,
            pilot_it=internet and rng.random() < 0.05,
            digital_teaching=internet and rng.random() < 0.4,
            staff_count=rng.randint(2, 5),
            opening_hours="Thứ Hai – Thứ Sáu, 7 giờ – 17 giờ",
        )
    ]
    for centre_kind, prefix, name, chance, ward_chance in OTHER_INSTITUTIONS:
        if rng.random() < (ward_chance if ward else chance):
            centres.append(
                Centre(
                    code=f"{prefix}-{commune.code}",
                    name=name.format(where=where, short=short),
                    kind=centre_kind,
                    place_id=commune.pk,
                    computers=rng.choice((0, 0, 1, 2, 4)),
                    staff_count=rng.randint(1, 4),
                    opening_hours="Thứ Ba – Chủ nhật, 8 giờ – 17 giờ",
                )
            )
    for centre in centres:
        centre.internet = centre.internet or (centre.computers > 0 and rng.random() < 0.7)
        centre.refresh_keys()
    Centre.objects.bulk_create(centres)
    return centres
