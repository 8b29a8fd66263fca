"""Lâm Đồng today (issue 11): the new province's term resolution and ILLUSTRATIVE figures.

Since 01/07/2025 Lâm Đồng is the old Lâm Đồng, Đắk Nông and Bình Thuận together (code 68
kept; the units come from the national dataset, see demo/org.py). To show how a figure of
the new province is compared with the same period of last year, whose figures belong to
three provinces that no longer exist, the demo reports the first half of 2025 for each old
province and the first half of 2026 for the new one. The overview then reads "… 6 tháng
đầu năm 2026 … tăng x% so với cùng kỳ năm 2025 (số liệu quy đổi theo địa giới hiện nay)",
last year's figure summed from the three old provinces (targets.analytics, boundaries
"current").

What is PUBLIC (press reports of the congress, 09–11/10/2025: VietnamPlus, Kiến thức,
SGGP, Tiền Phong, 10–11/10/2025): the Đại hội đại biểu Đảng bộ tỉnh Lâm Đồng lần thứ I,
nhiệm kỳ 2025–2030 closed on 11/10/2025 and passed its resolution (a congress resolution
carries no number); its general goal (below, in RESOLUTION's summary); 06 key tasks,
03 strategic breakthroughs, 15 key projects; and among its targets: GRDP growth averaging
about 10–10,5% a year over 2025–2030 and GRDP per head of about 6.700–7.500 USD by 2030
(TERM_GOALS keeps the lower bounds, as the goals the demo tracks).

What is ILLUSTRATIVE, made up for the demonstration (never quote it as real): every figure
in ILLUSTRATIVE and COMMUNE_FIGURES, the yearly plans in YEAR_PLANS, the action programme
and the UBND plan (numbers left blank, dates and wording invented) and their tasks.
"""

from datetime import date

from django.test import override_settings

from theodoi.demo import clock
from theodoi.demo import org as demo_org
from theodoi.directives import services as directives
from theodoi.directives.models import Directive, DirectiveKind
from theodoi.org.queries import unit_at
from theodoi.reporting import services as reporting
from theodoi.reporting.models import ReportingCycle, ReportingRegime
from theodoi.targets.models import DataValue, Indicator, TargetValue
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values, set_targets
from theodoi.tasks import services as tasks
from theodoi.tasks.models import Task

NOTE = "Số liệu minh họa (demo), không phải số liệu thống kê."
ILLUSTRATIVE_WORDS = (
    "Số hiệu, ngày ban hành và nội dung là minh họa (dữ liệu mẫu), không phải văn bản thật."
)
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

# The term resolution of the new provincial Party organisation (public, see the docstring).
RESOLUTION = (
    "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lâm Đồng lần thứ I, nhiệm kỳ 2025 - 2030",
    date(2025, 10, 11),
    "Mục tiêu tổng quát: xây dựng Đảng bộ trong sạch, vững mạnh; phát triển toàn diện, bền "
    "vững; đến năm 2030, Lâm Đồng trở thành tỉnh phát triển khá, là một trong những cực tăng "
    "trưởng năng động của khu vực. Nghị quyết đề ra 06 nhóm nhiệm vụ trọng tâm, 03 đột phá "
    "chiến lược và 15 dự án trọng điểm; tăng trưởng GRDP bình quân giai đoạn 2025 - 2030 "
    "khoảng 10 - 10,5%/năm; GRDP bình quân đầu người năm 2030 khoảng 6.700 - 7.500 USD.",
)
# ILLUSTRATIVE: the cascade below the resolution (numbers blank, dates and wording invented).
PROGRAMME = (
    "Chương trình hành động thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lâm Đồng lần "
    "thứ I, nhiệm kỳ 2025 - 2030",
    date(2025, 12, 15),
)
PLAN = (
    "Kế hoạch của UBND tỉnh thực hiện Chương trình hành động của Tỉnh ủy về Nghị quyết Đại hội "
    "đại biểu Đảng bộ tỉnh lần thứ I (năm 2026)",
    date(2026, 1, 12),
)

GRDP_PER_HEAD = (
    "GRDP_BQ_NGUOI",
    "GRDP bình quân đầu người",
    "USD",
    "Kinh tế",
)
# (indicator, unit, period, kind, value): the resolution's goals (public, lower bounds).
TERM_GOALS = [
    ("GRDP", "68", "2025-2030", "goal", "10"),
    ("GRDP_BQ_NGUOI", "68", "2030", "goal", "6700"),
]
# ILLUSTRATIVE yearly plans for 2026 (none for THU_NSNN: the overview's sentence on revenue
# stays the one the 2026 comparison was written for, without a share of the estimate).
YEAR_PLANS = [
    ("GRDP", "68", "2026", "plan", "10"),
    ("KHACH_LUU_TRU", "68", "2026", "plan", "16500000"),
]

# ILLUSTRATIVE tasks of the UBND plan: (title, lead, coordinators, deadline, product).
TASKS = [
    (
        "Xây dựng bộ chỉ tiêu theo dõi Nghị quyết Đại hội Đảng bộ tỉnh lần thứ I trên địa giới "
        "mới (124 xã, phường, đặc khu)",
        "STC",
        ["SNV"],
        date(2026, 3, 31),
        "Bộ chỉ tiêu và số liệu cơ sở năm 2025 quy đổi theo địa giới hiện nay",
    ),
    (
        "Tăng thu ngân sách nhà nước năm 2026, bảo đảm đạt và vượt dự toán",
        "STC",
        ["SCT"],
        date(2026, 12, 31),
        "Báo cáo kết quả thu ngân sách năm 2026",
    ),
    (
        "Kết nối các vùng du lịch Đà Lạt - Mũi Né - Tà Đùng sau hợp nhất",
        "SVHTTDL",
        ["SXD", "SNNMT"],
        date(2026, 9, 30),
        "Đề án phát triển du lịch liên vùng",
    ),
]

# ILLUSTRATIVE: tourist stays of the first half of 2026 in five communes, entered by each
# commune's own specialist (demo/org.py COMMUNES): (unit code, period, value, day entered).
# An older demo had the department enter them, with this note: those are entered again.
OLD_DEMO_NOTE = "Theo báo cáo của UBND "
COMMUNE_FIGURES = [
    ("24781", "2026S1", "1650000", date(2026, 7, 2)),  # Phường Xuân Hương - Đà Lạt
    ("24778", "2026S1", "980000", date(2026, 7, 3)),  # Phường Lâm Viên - Đà Lạt
    ("22918", "2026S1", "1420000", date(2026, 7, 3)),  # Phường Mũi Né
    ("23272", "2026S1", "61000", date(2026, 7, 6)),  # Đặc khu Phú Quý
    ("24611", "2026S1", "85000", date(2026, 7, 7)),  # Phường Bắc Gia Nghĩa
]

# The communes' 6-month report to the province (ILLUSTRATIVE regime: its wording and deadline,
# the 10th of the month after the half year, are the demo's). Of the H1 2026 cycle:
# Xuân Hương, Lâm Viên and Mũi Né sent it; Phú Quý's is signed off, for its specialist to
# send; Bắc Gia Nghĩa has not started (missing on the board once the deadline passes).
COMMUNE_REGIME = {
    "code": "ubnd-xa-6-thang",
    "name": "Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội của UBND cấp xã",
    "content": "Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng, an ninh "
    "trên địa bàn xã, phường, đặc khu trong kỳ; số liệu các chỉ tiêu theo biểu mẫu; khó khăn, "
    "vướng mắc; nhiệm vụ kỳ tới; đề xuất, kiến nghị với tỉnh.",
    "method": "system",
    "frequency": "half",
    "cutoff_rule": "calendar",
    "deadline_kind": "day_of_month",
    "deadline_day": 10,
    "deadline_month_offset": 1,
    "symbol": "BC-UBND",
    "signature_authority": "TM. ỦY BAN NHÂN DÂN",
    "signature_position": "CHỦ TỊCH",
    "recipients": "Văn phòng UBND tỉnh\nLưu: VT",
}
COMMUNE_OUTLINE = (
    "* 1. Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội trên địa bàn\n"
    "* 2. Khó khăn, vướng mắc\n"
    "* 3. Nhiệm vụ, giải pháp 6 tháng cuối năm\n"
    "4. Đề xuất, kiến nghị với tỉnh"
)
COMMUNE_TEMPLATE = ["KHACH_LUU_TRU"]
COMMUNE_CYCLE = "2026S1"
# (unit code, sent on, or None for signed off only; None for a commune not started)
COMMUNE_SUBMISSIONS = [
    ("24781", date(2026, 7, 8)),
    ("24778", date(2026, 7, 9)),
    ("22918", date(2026, 7, 9)),
    ("23272", None),
]
COMMUNE_TEXT = (
    "Nội dung minh họa (dữ liệu mẫu): triển khai các nhiệm vụ của Kế hoạch năm 2026 trên "
    "địa bàn; số liệu trong biểu mẫu là số liệu minh họa."
)


def load(ctx):
    admin = ctx["users"]["admin"]
    if not DataValue.objects.filter(period_id="2026S1", indicator__code="THU_NSNN").exists():
        for year, day in (("2025", date(2025, 7, 15)), ("2026", date(2026, 7, 15))):
            rows = [
                ValueRow(indicator=i, unit=u, period=p, value=v, status="estimate", note=NOTE)
                for i, u, p, v in ILLUSTRATIVE
                if p.startswith(year)
            ]
            with clock.on(day):
                record_values(admin, rows, source="demo (minh họa)")
    resolution, plan = _directives(ctx)
    _targets(ctx, resolution)
    _communes(ctx)
    _commune_reporting(ctx)
    # Replaying history notifies people in the app, but sends no email (fake addresses).
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _tasks(ctx, plan)
    ctx["directives"]["term_2025"] = resolution


def _directive(actor, kind, title, issued_on, issuer, implements=None, summary="", term=""):
    existing = Directive.objects.filter(kind=kind, title=title).first()
    if existing:
        return existing
    with clock.on(issued_on):
        return directives.save_directive(
            actor,
            kind=kind,
            number="",
            title=title,
            issued_on=issued_on,
            issuer=issuer,
            implements=implements,
            term=term,
            summary=summary,
        )


def _directives(ctx):
    agencies, actor = ctx["agencies"], ctx["users"]["vanphong"]
    title, day, summary = RESOLUTION
    resolution = _directive(
        actor,
        DirectiveKind.RESOLUTION,
        title,
        day,
        agencies["TU"],
        summary=summary,
        term="2025-2030",
    )
    programme = _directive(
        actor,
        DirectiveKind.PROGRAMME,
        PROGRAMME[0],
        PROGRAMME[1],
        agencies["TU"],
        implements=resolution,
        summary=ILLUSTRATIVE_WORDS,
        term="2025-2030",
    )
    plan = _directive(
        actor,
        DirectiveKind.PLAN,
        PLAN[0],
        PLAN[1],
        agencies["UBND"],
        implements=programme,
        summary=ILLUSTRATIVE_WORDS,
        term="2026",
    )
    return resolution, plan


def _targets(ctx, resolution):
    code, name, uom, field = GRDP_PER_HEAD
    Indicator.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "unit_of_measure": uom,
            "field": field,
            "kind": "stock",
            "unit_aggregation": "none",
            "direction": "up",
            "finest_period": "year",
            "levels": [1],
            "lead_agency": ctx["agencies"].get("STC"),
            "directive": resolution,
            "order": 100,
        },
    )
    rows = [
        {"indicator": i, "unit": u, "period": p, "kind": k, "value": v, "directive": resolution}
        for i, u, p, k, v in TERM_GOALS
    ] + [
        {
            "indicator": i,
            "unit": u,
            "period": p,
            "kind": k,
            "value": v,
            "directive": resolution,
            "note": NOTE,
        }
        for i, u, p, k, v in YEAR_PLANS
    ]
    new = [
        r
        for r in rows
        if not TargetValue.objects.filter(
            indicator__code=r["indicator"],
            directive=resolution,
            period_id=r["period"],
            kind=r["kind"],
        ).exists()
    ]
    if new:
        with clock.on(date(2025, 12, 20)):
            set_targets(ctx["users"]["admin"], new, source="demo")


def _communes(ctx):
    """Each commune's specialist enters its own figure (permissions.targets
    .can_enter_for_unit), audited as them. A figure they already entered is left alone; one
    an older demo had the department enter for them is entered again by the commune."""
    users = ctx["users"]
    by_unit = {code: username for code, username, _n, _t in demo_org.COMMUNES}
    for code, period, value, day in COMMUNE_FIGURES:
        clerk = users.get(by_unit[code])
        if clerk is None or unit_at(code, date(2026, 6, 30)) is None:
            continue
        cell = DataValue.objects.filter(
            indicator__code="KHACH_LUU_TRU", unit__code=code, period_id=period
        )
        latest = cell.filter(is_latest=True).first()
        if cell.filter(author=clerk).exists() or (
            latest is not None and not latest.note.startswith(OLD_DEMO_NOTE)
        ):
            continue  # entered by the commune already, or changed by people since
        row = ValueRow(
            indicator="KHACH_LUU_TRU",
            unit=code,
            period=period,
            value=value,
            status="estimate",
            note=NOTE,
        )
        with clock.on(day, 10):
            record_values(clerk, [row], source="demo (minh họa)")


def _commune_reporting(ctx):
    """The communes' 6-month report: the regime (through reporting.services.save_regime),
    the H1 2026 cycle expecting the five communes, and their submissions at their dates."""
    communes, users, office = ctx.get("communes") or {}, ctx["users"], ctx["users"]["vanphong"]
    if not communes:
        return
    regime = ReportingRegime.objects.filter(code=COMMUNE_REGIME["code"]).first()
    if regime is None:
        with clock.on(date(2026, 6, 1)):
            regime = reporting.save_regime(
                office,
                None,
                {
                    **COMMUNE_REGIME,
                    "recipient": ctx["agencies"]["VP-UBND"],
                    "issuer": ctx["agencies"]["UBND"],
                },
                agencies=list(communes.values()),
                indicators=list(Indicator.objects.filter(code__in=COMMUNE_TEMPLATE)),
                outline_text=COMMUNE_OUTLINE,
            )
    cycle = ReportingCycle.objects.filter(regime=regime, period_id=COMMUNE_CYCLE).first()
    if cycle is None:
        with clock.on(date(2026, 6, 15)):
            cycle = reporting.open_cycle(office, regime, COMMUNE_CYCLE)
    ctx["commune_cycle"] = cycle
    if cycle.submissions.exists():
        return  # already replayed
    by_unit = {code: username for code, username, _n, _t in demo_org.COMMUNES}
    sections = {s["key"]: COMMUNE_TEXT for s in regime.outline_sections()}
    for code, sent in COMMUNE_SUBMISSIONS:
        agency, clerk = communes.get(code), users.get(by_unit[code])
        if agency is None or clerk is None:
            continue
        day = sent or date(2026, 7, 9)
        with clock.on(day, 8):
            sub = reporting.start_submission(clerk, cycle, agency)
            reporting.save_submission(clerk, sub, sections=sections)
        # The commune's chairman has no demo login: the admin signs off in the UBND's name,
        # as the 2021 scenario does for the agencies without one (demo/reporting.py).
        with clock.on(day, 10):
            reporting.sign_off(users["admin"], sub)
        if sent is not None:
            with clock.on(day, 11):
                reporting.submit(clerk, sub)


def _tasks(ctx, plan):
    agencies, vp = ctx["agencies"], ctx["users"]["vanphong"]
    for title, lead, coord, deadline, product in TASKS:
        if Task.objects.filter(title=title).exists():
            continue
        with clock.on(date(2026, 1, 15)):
            tasks.create_tasks(
                vp,
                plan,
                [
                    {
                        "title": title,
                        "lead": agencies[lead],
                        "coordinators": [agencies[c] for c in coord],
                        "deadline": deadline,
                        "product": product,
                    }
                ],
            )
