"""Lâm Đồng's indicators and figures for the first half of 2021, with a few years of history.

What comes from the seed report (../shared/seed/lam-dong-2021-06-15-working-session.txt),
Lâm Đồng province, 6 tháng đầu năm 2021 — stored as reported values, never as text:
  GRDP (giá SS 2010) tăng 5% so với cùng kỳ          -> GRDP 2021S1 = 5 (ước)
  thu NSNN ước đạt 6.265 tỷ đồng                       -> THU_NSNN 2021S1 = 6265 (ước)
  chi ngân sách địa phương khoảng 7.663 tỷ đồng        -> CHI_NSDP 2021S1 = 7663 (ước)
  thêm 13 xã đạt chuẩn NTM nâng cao, 05 xã kiểu mẫu    -> XA_NTM_NC 2021S1 = 13,
                                                          XA_NTM_KM 2021S1 = 5
  khách lưu trú ước đạt 1,9 triệu lượt                 -> KHACH_LUU_TRU 2021S1 = 1900000 (ước)
The percentages of the seed (67,4% dự toán, +39,6%; 47% kế hoạch, +13%) are NOT stored:
the system computes them. The inputs below were DERIVED so that it computes exactly those:
  THU_NSNN dự toán 2021 = 9.300   (6265 / 9300 = 67,37% -> 67,4%; any in (9288,4; 9302,2] fits)
  THU_NSNN 2020S1 = 4.488         (6265 / 4488 − 1 = 39,59% -> 39,6%; fits in (4486,2; 4489,4])
  KHACH_LUU_TRU kế hoạch 2021 = 4.040.000 (1,9 tr / 4,04 tr = 47,03% -> 47%)
  KHACH_LUU_TRU 2020S1 = 1.681.400        (1,9 tr / 1,6814 tr − 1 = 13,00% -> 13%)
Everything else (2017–2020 history, quarters, districts' share of tourism, the other plans,
the GRDP plan and term goal, the count of communes meeting the standard) is ILLUSTRATIVE:
invented to be plausible so that charts and pace have something to show. Do not quote it.
"""

from django.db.models import Count, Max

from theodoi.org.models import AdminUnit, UnitSuccession
from theodoi.targets import rollups
from theodoi.targets.models import DataValue, Indicator, Rollup, TargetValue
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values, set_targets

# (code, name, unit of measure, field, kind, aggregation, direction, decimals, finest, levels,
#  lead agency)
INDICATORS = [
    (
        "GRDP",
        "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP, giá so sánh 2010)",
        "%",
        "Kinh tế",
        "rate",
        "none",
        "up",
        1,
        "quarter",
        [1],
        "SKHDT",
    ),
    (
        "THU_NSNN",
        "Thu ngân sách nhà nước",
        "tỷ đồng",
        "Tài chính - ngân sách",
        "flow",
        "sum",
        "up",
        0,
        "month",
        [1, 2],
        "STC",
    ),
    (
        "CHI_NSDP",
        "Chi ngân sách địa phương",
        "tỷ đồng",
        "Tài chính - ngân sách",
        "flow",
        "sum",
        "up",
        0,
        "month",
        [1, 2],
        "STC",
    ),
    (
        "XA_NTM_NC",
        "Số xã được công nhận đạt chuẩn nông thôn mới nâng cao",
        "xã",
        "Nông thôn mới",
        "flow",
        "sum",
        "up",
        0,
        "quarter",
        [1, 2],
        "SNN",
    ),
    (
        "XA_NTM_KM",
        "Số xã được công nhận đạt chuẩn nông thôn mới kiểu mẫu",
        "xã",
        "Nông thôn mới",
        "flow",
        "sum",
        "up",
        0,
        "quarter",
        [1, 2],
        "SNN",
    ),
    (
        "XA_NTM",
        "Tổng số xã đạt chuẩn nông thôn mới",
        "xã",
        "Nông thôn mới",
        "stock",
        "sum",
        "up",
        0,
        "quarter",
        [1, 2],
        "SNN",
    ),
    (
        "KHACH_LUU_TRU",
        "Khách qua lưu trú",
        "lượt khách",
        "Du lịch",
        "flow",
        "sum",
        "up",
        0,
        "quarter",
        [1, 2, 3],  # communes too: since 01/07/2025 they report straight to the province
        "SVHTTDL",
    ),
]

P = "68"
# (indicator, unit, period, value, status, note) — the module docstring says which are the seed's.
VALUES = [
    # Seed, 2021S1
    ("GRDP", P, "2021S1", "5", "estimate", ""),
    ("THU_NSNN", P, "2021S1", "6265", "estimate", ""),
    ("CHI_NSDP", P, "2021S1", "7663", "estimate", ""),
    ("XA_NTM_NC", P, "2021S1", "13", "estimate", ""),
    ("XA_NTM_KM", P, "2021S1", "5", "estimate", ""),
    ("KHACH_LUU_TRU", P, "2021S1", "1900000", "estimate", ""),
    # Derived to fit the seed's percentages
    ("THU_NSNN", P, "2020S1", "4488", "official", ""),
    ("KHACH_LUU_TRU", P, "2020S1", "1681400", "official", "Ảnh hưởng của dịch Covid-19"),
    # Illustrative history
    ("THU_NSNN", P, "2017S1", "3400", "official", ""),
    ("THU_NSNN", P, "2017", "7160", "official", ""),
    ("THU_NSNN", P, "2018S1", "3820", "official", ""),
    ("THU_NSNN", P, "2018", "7950", "official", ""),
    ("THU_NSNN", P, "2019S1", "4150", "official", ""),
    ("THU_NSNN", P, "2019", "8760", "official", ""),
    ("THU_NSNN", P, "2020", "8900", "official", ""),
    ("CHI_NSDP", P, "2019S1", "6400", "official", ""),
    ("CHI_NSDP", P, "2019", "13100", "official", ""),
    ("CHI_NSDP", P, "2020S1", "6900", "official", ""),
    ("CHI_NSDP", P, "2020", "13900", "official", ""),
    ("GRDP", P, "2019S1", "7.6", "official", ""),
    ("GRDP", P, "2019", "7.8", "official", ""),
    ("GRDP", P, "2020S1", "2.5", "official", ""),
    ("GRDP", P, "2020", "3.0", "official", ""),
    ("XA_NTM_NC", P, "2020S1", "9", "official", ""),
    ("XA_NTM_NC", P, "2020", "21", "official", ""),
    ("XA_NTM_KM", P, "2020S1", "4", "official", ""),
    ("XA_NTM_KM", P, "2020", "6", "official", ""),
    ("XA_NTM", P, "2019", "95", "official", ""),
    ("XA_NTM", P, "2020", "102", "official", ""),
    ("XA_NTM", P, "2021Q1", "104", "official", ""),
    ("XA_NTM", P, "2021Q2", "108", "estimate", ""),
    ("KHACH_LUU_TRU", P, "2017S1", "2750000", "official", ""),
    ("KHACH_LUU_TRU", P, "2017", "5900000", "official", ""),
    ("KHACH_LUU_TRU", P, "2018S1", "3050000", "official", ""),
    ("KHACH_LUU_TRU", P, "2018", "6500000", "official", ""),
    ("KHACH_LUU_TRU", P, "2019S1", "3350000", "official", ""),
    ("KHACH_LUU_TRU", P, "2019", "7100000", "official", ""),
    ("KHACH_LUU_TRU", P, "2020", "3620000", "official", "Ảnh hưởng của dịch Covid-19"),
    ("KHACH_LUU_TRU", P, "2020Q1", "1050000", "official", ""),
    ("KHACH_LUU_TRU", P, "2020Q2", "631400", "official", ""),
    ("KHACH_LUU_TRU", P, "2021Q1", "1020000", "official", ""),
    ("KHACH_LUU_TRU", P, "2021Q2", "880000", "estimate", ""),
    # Districts' share of the first half's tourist stays (sums to the province's 1.900.000)
    ("KHACH_LUU_TRU", "672", "2021S1", "1330000", "estimate", ""),
    ("KHACH_LUU_TRU", "673", "2021S1", "152000", "estimate", ""),
    ("KHACH_LUU_TRU", "675", "2021S1", "95000", "estimate", ""),
    ("KHACH_LUU_TRU", "678", "2021S1", "171000", "estimate", ""),
    ("KHACH_LUU_TRU", "679", "2021S1", "57000", "estimate", ""),
    ("KHACH_LUU_TRU", "677", "2021S1", "38000", "estimate", ""),
    ("KHACH_LUU_TRU", "676", "2021S1", "57000", "estimate", ""),
]

# (indicator, unit, period, kind, value)
TARGETS = [
    ("THU_NSNN", P, "2021", "estimate", "9300"),  # derived (67,4%)
    ("KHACH_LUU_TRU", P, "2021", "plan", "4040000"),  # derived (47%)
    # Illustrative
    ("THU_NSNN", P, "2020", "estimate", "9000"),
    ("THU_NSNN", P, "2019", "estimate", "8500"),
    ("CHI_NSDP", P, "2021", "estimate", "13650"),
    ("GRDP", P, "2021", "plan", "7"),
    ("GRDP", P, "2020-2025", "goal", "7.5"),
    ("XA_NTM_NC", P, "2021", "plan", "20"),
    ("XA_NTM_KM", P, "2021", "plan", "8"),
    ("XA_NTM", P, "2021", "plan", "112"),
    ("KHACH_LUU_TRU", P, "2020", "plan", "7500000"),
    ("KHACH_LUU_TRU", P, "2020", "adjusted", "4000000"),
]


# Other names the indicators go by in reports (read by narratives when a report is read).
SYNONYMS = {
    "GRDP": [
        "GRDP",
        "tổng sản phẩm trong tỉnh",
        "tổng sản phẩm trên địa bàn",
        "tăng trưởng kinh tế",
    ],
    "THU_NSNN": ["thu NSNN", "thu ngân sách", "tổng thu ngân sách nhà nước trên địa bàn"],
    "CHI_NSDP": ["chi NSĐP", "chi ngân sách", "tổng chi ngân sách địa phương"],
    "XA_NTM_NC": ["xã đạt chuẩn nông thôn mới nâng cao", "NTM nâng cao", "nông thôn mới nâng cao"],
    "XA_NTM_KM": ["xã đạt chuẩn nông thôn mới kiểu mẫu", "NTM kiểu mẫu", "nông thôn mới kiểu mẫu"],
    "XA_NTM": ["xã đạt chuẩn nông thôn mới", "xã đạt chuẩn NTM"],
    "KHACH_LUU_TRU": ["khách lưu trú", "lượt khách lưu trú", "khách du lịch lưu trú"],
}


def rollup_inputs() -> tuple:
    """What the rollup table is computed from — the values (any write adds a row), the
    indicators' definitions, the units and their successions — and how many rows it holds
    (saving an indicator or a unit drops rows: rollups.py, "Invalidation")."""
    values = DataValue.objects.aggregate(n=Count("id"), last=Max("id"))
    units = AdminUnit.objects.aggregate(n=Count("id"), last=Max("id"))
    indicators = list(Indicator.objects.order_by("pk").values_list())
    inputs = (values, indicators, units, UnitSuccession.objects.count())
    return inputs, Rollup.objects.count()


def rebuild_rollups_if_changed(before: tuple) -> bool:
    """record_values keeps the rollup current as it writes; one rebuild after the demo's
    loaders also covers what changed otherwise (a demo indicator redefined, units loaded anew,
    rows dropped by an invalidation). Skipped when nothing did: a rebuild of the national set
    takes ~45 s, which a returning `make run` would wait for every time."""
    inputs, rows = rollup_inputs()
    if inputs == before[0] and rows >= before[1] and rows:
        return False
    rollups.rebuild()
    return True


def _create_or_update(code: str, fields: dict) -> None:
    """Indicator.objects.update_or_create, saving only what differs: a save drops the
    indicator's rollup rows, which a re-run of the demo must not do for nothing."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        Indicator.objects.create(code=code, **fields)
    elif any(getattr(indicator, k) != v for k, v in fields.items()):
        for k, v in fields.items():
            setattr(indicator, k, v)
        indicator.save()


def load(ctx):
    agencies = ctx["agencies"]
    admin = ctx["users"]["admin"]
    directive = _resolution(ctx)
    for order, (
        code,
        name,
        uom,
        fld,
        kind,
        agg,
        direction,
        decimals,
        finest,
        levels,
        lead,
    ) in enumerate(INDICATORS):
        _create_or_update(
            code,
            {
                "name": name,
                "unit_of_measure": uom,
                "field": fld,
                "kind": kind,
                "unit_aggregation": agg,
                "direction": direction,
                "decimals": decimals,
                "finest_period": finest,
                "levels": levels,
                "lead_agency": agencies.get(lead),
                "allow_negative": kind == "rate",
                "order": order,
                "directive": directive,
                "synonyms": "\n".join(SYNONYMS.get(code, [])),
            },
        )
    # Only the cells nobody has filled: a figure people changed (a report reopened, a figure
    # revised, accepted again) is theirs and stays; re-sending ours would hit its lock.
    stored = set(
        DataValue.objects.filter(is_latest=True).values_list(
            "indicator__code", "unit__code", "period_id"
        )
    )
    rows = [
        ValueRow(indicator=i, unit=u, period=p, value=v, status=s, note=n)
        for i, u, p, v, s, n in VALUES
        if (i, u, p) not in stored
    ]
    # Oldest years first so the jump rule compares each figure with the year before.
    rows.sort(key=lambda r: r.period[:4])
    for year in sorted({r.period[:4] for r in rows}):
        record_values(admin, [r for r in rows if r.period[:4] == year], source="demo")
    new_targets = [
        {"indicator": i, "unit": u, "period": p, "kind": k, "value": v}
        for i, u, p, k, v in TARGETS
        if not TargetValue.objects.filter(
            indicator__code=i, unit__code=u, period_id=p, kind=k
        ).exists()
    ]
    if new_targets:
        set_targets(admin, new_targets, source="demo")
    ctx["indicators"] = {i.code: i for i in Indicator.objects.all()}
    ctx["datavalues"] = DataValue.objects.filter(is_latest=True).count()


def _resolution(ctx):
    """The term's Congress resolution, if the directives loader made one."""
    directives = ctx.get("directives")
    if isinstance(directives, dict):
        for d in directives.values():
            if getattr(d, "kind", "") == "nghi_quyet":
                return d
    return None
