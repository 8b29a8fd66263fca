"""Lâm Đồng today (issue 11): ILLUSTRATIVE figures, made up for the demo — not statistics.

Since 01/07/2025 Lâm Đồng is the old Lâm Đồng, Đắk Nông and Bình Thuận together (code 68
kept; the units come from the national dataset, see demo/org.py). To show how a figure of
the new province is compared with the same period of last year, whose figures belong to
three provinces that no longer exist, the demo reports the first half of 2025 for each old
province and the first half of 2026 for the new one. The overview then reads "… 6 tháng
đầu năm 2026 … tăng x% so với cùng kỳ năm 2025 (số liệu quy đổi theo địa giới hiện nay)",
last year's figure summed from the three old provinces (targets.analytics, boundaries
"current"). EVERY NUMBER BELOW IS INVENTED for the demonstration.
"""

from datetime import date

from theodoi.demo import clock
from theodoi.targets import rollups
from theodoi.targets.models import DataValue
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

NOTE = "Số liệu minh họa (demo), không phải số liệu thống kê."
# (indicator, unit code, period, value) — ILLUSTRATIVE, see the docstring.
ILLUSTRATIVE = [
    ("THU_NSNN", "68", "2025S1", "7150"),  # old Lâm Đồng
    ("THU_NSNN", "67", "2025S1", "2050"),  # Đắk Nông
    ("THU_NSNN", "60", "2025S1", "6300"),  # Bình Thuận
    ("THU_NSNN", "68", "2026S1", "17205"),  # new Lâm Đồng: +11% on 15.500
    ("KHACH_LUU_TRU", "68", "2025S1", "4200000"),
    ("KHACH_LUU_TRU", "67", "2025S1", "350000"),
    ("KHACH_LUU_TRU", "60", "2025S1", "3100000"),
    ("KHACH_LUU_TRU", "68", "2026S1", "8415000"),  # +10% on 7.650.000
]


def load(ctx):
    admin = ctx["users"]["admin"]
    if DataValue.objects.filter(period_id="2026S1", indicator__code="THU_NSNN").exists():
        return
    for year, day in (("2025", date(2025, 7, 15)), ("2026", date(2026, 7, 15))):
        rows = [
            ValueRow(indicator=i, unit=u, period=p, value=v, status="estimate", note=NOTE)
            for i, u, p, v in ILLUSTRATIVE
            if p.startswith(year)
        ]
        with clock.on(day):
            record_values(admin, rows, source="demo (minh họa)")
    # As the targets loader does: the same rollup rows whatever was loaded before.
    rollups.rebuild()
