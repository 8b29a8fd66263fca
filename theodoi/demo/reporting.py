"""The half-year socio-economic report of 2021, replayed through the real services at its dates.

"Báo cáo tình hình kinh tế - xã hội" is a 6-month regime: 12 provincial departments and
offices report to the Văn phòng UBND tỉnh within 3 working days of the Nghị định 09
cut-off (14/06/2021), so the deadline is Thursday 17/06/2021. Of the 2021S1 cycle:
- 9 agencies sent on time and were accepted (their figures are now locked);
- Sở Nông nghiệp và PTNT sent 2 days late (21/06), then was accepted;
- Sở Y tế sent on time and waits for the office (vanphong can accept or return it);
- Sở Xây dựng never sent: it shows as missing, first on the board.
The province's report is drafted from the accepted reports; its budget and tourism
sentences are computed from the targets demo's figures (6.265 tỷ đồng, 67,4% dự toán,
+39,6%; 1,9 triệu lượt, 47% kế hoạch, +13%), not typed here. It is left as a draft:
numbering and issuing are the office's. The narrative texts are illustrative, written
after the seed report's wording; they carry no figure the seed does not give.
The demo's leaders and specialists of STC and SVHTTDL act for their agencies; the
admin account acts for the agencies that have no demo login.
"""

from datetime import date

from django.test import override_settings

from theodoi.demo.clock import on
from theodoi.reporting import services
from theodoi.reporting.models import ReportingCycle, ReportingRegime, TemplateItem

OUTLINE = [
    {"key": "ket-qua", "heading": "1. Kết quả nổi bật của ngành, lĩnh vực", "required": True},
    {"key": "han-che", "heading": "2. Hạn chế, khó khăn, vướng mắc", "required": True},
    {"key": "nhiem-vu", "heading": "3. Nhiệm vụ, giải pháp 6 tháng cuối năm", "required": True},
    {"key": "kien-nghi", "heading": "4. Đề xuất, kiến nghị", "required": False},
]

TEMPLATE = ["GRDP", "THU_NSNN", "CHI_NSDP", "XA_NTM_NC", "XA_NTM_KM", "XA_NTM", "KHACH_LUU_TRU"]

AGENCIES = [
    "SKHDT",
    "STC",
    "SNN",
    "SCT",
    "SXD",
    "SVHTTDL",
    "SNV",
    "SYT",
    "SGDDT",
    "CT",
    "CTK",
    "VPDP-NTM",
]

TEXTS = {
    "STC": {
        "ket-qua": "Tập trung chỉ đạo các biện pháp quản lý thu, chống thất thu ngân sách; điều "
        "hành chi ngân sách chặt chẽ, tiết kiệm, ưu tiên kinh phí phòng, chống dịch Covid-19. Chi "
        "ngân sách địa phương 6 tháng đầu năm 2021 khoảng 7.663 tỷ đồng.",
        "han-che": "Dịch Covid-19 ảnh hưởng đến sản xuất, kinh doanh, nguồn thu từ một số lĩnh "
        "vực giảm.",
        "nhiem-vu": "Tiếp tục rà soát nguồn thu, đôn đốc thu nợ đọng thuế; giải ngân vốn đầu tư "
        "công theo kế hoạch.",
    },
    "SVHTTDL": {
        "ket-qua": "Chỉ đạo thực hiện tốt công tác tuyên truyền, quảng bá, xúc tiến du lịch; ứng "
        "dụng công nghệ thông tin trong quảng bá, triển khai các giải pháp phù hợp thu hút du "
        "khách trong điều kiện phòng, chống dịch bệnh Covid-19.",
        "han-che": "Lượng khách giảm mạnh trong các đợt giãn cách; doanh nghiệp du lịch gặp nhiều "
        "khó khăn.",
        "nhiem-vu": "Xây dựng kịch bản phục hồi du lịch an toàn; đẩy mạnh quảng bá trên nền tảng "
        "số.",
    },
    "SNN": {
        "ket-qua": "6 tháng đầu năm 2021, toàn tỉnh có thêm 13 xã được công nhận đạt chuẩn nông "
        "thôn mới nâng cao, 05 xã đạt chuẩn nông thôn mới kiểu mẫu.",
        "han-che": "Nguồn lực đầu tư cho các tiêu chí nông thôn mới nâng cao còn hạn chế.",
        "nhiem-vu": "Hướng dẫn các địa phương hoàn thiện hồ sơ công nhận xã đạt chuẩn nông thôn "
        "mới nâng cao, kiểu mẫu.",
    },
    "SKHDT": {
        "ket-qua": "Theo ước tính của Tổng cục Thống kê, tổng sản phẩm trong tỉnh (GRDP, giá so "
        "sánh 2010) 6 tháng đầu năm 2021 tăng 5% so với cùng kỳ.",
        "han-che": "Tiến độ giải ngân một số dự án còn chậm.",
        "nhiem-vu": "Rà soát các chỉ tiêu kế hoạch năm 2021, đề xuất giải pháp hoàn thành các chỉ "
        "tiêu chủ yếu.",
    },
}
GENERIC = {
    "ket-qua": "Triển khai các nhiệm vụ được giao trong Chương trình công tác năm 2021 của UBND "
    "tỉnh, bám sát mục tiêu kép vừa phòng, chống dịch Covid-19 vừa phát triển kinh tế - xã hội.",
    "han-che": "Dịch Covid-19 diễn biến phức tạp, ảnh hưởng đến tiến độ một số nhiệm vụ.",
    "nhiem-vu": "Tiếp tục thực hiện các nhiệm vụ, giải pháp theo kế hoạch; báo cáo kết quả đúng "
    "hạn.",
}

# (agency, sent on or None, accepted): SNN late, SYT waiting, SXD missing.
SUBMISSIONS = [
    ("STC", date(2021, 6, 15), True),
    ("SVHTTDL", date(2021, 6, 16), True),
    ("SKHDT", date(2021, 6, 15), True),
    ("SCT", date(2021, 6, 16), True),
    ("SNV", date(2021, 6, 17), True),
    ("SGDDT", date(2021, 6, 17), True),
    ("CT", date(2021, 6, 15), True),
    ("CTK", date(2021, 6, 16), True),
    ("VPDP-NTM", date(2021, 6, 17), True),
    ("SNN", date(2021, 6, 21), True),
    ("SYT", date(2021, 6, 17), False),
    ("SXD", None, False),
]


def _regime(agencies, indicators):
    regime, _created = ReportingRegime.objects.update_or_create(
        code="ktxh-6-thang",
        defaults={
            "name": "Báo cáo tình hình kinh tế - xã hội",
            "content": "Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng, an "
            "ninh trong kỳ; số liệu các chỉ tiêu chủ yếu; hạn chế, nguyên nhân; nhiệm vụ, giải "
            "pháp kỳ tới; đề xuất, kiến nghị.",
            "recipient": agencies["VP-UBND"],
            "method": "system",
            "frequency": "half",
            "cutoff_rule": "nd09",
            "deadline_kind": "working_days",
            "deadline_day": 3,
            "deadline_month_offset": 0,
            "outline": OUTLINE,
            "issuer": agencies["UBND"],
            "symbol": "BC-UBND",
            "signature_authority": "TM. ỦY BAN NHÂN DÂN",
            "signature_position": "CHỦ TỊCH",
            "signer_name": "Trần Văn Hiệp",
            "recipients": "Văn phòng Chính phủ\nBộ Kế hoạch và Đầu tư\nTT Tỉnh ủy, TT HĐND "
            "tỉnh\nChủ tịch, các PCT UBND tỉnh\nCác sở, ban, ngành tỉnh\nLưu: VT, TH",
        },
    )
    regime.agencies.set([agencies[c] for c in AGENCIES])
    for order, code in enumerate(TEMPLATE):
        if code in indicators:
            TemplateItem.objects.get_or_create(
                regime=regime, indicator=indicators[code], defaults={"order": order}
            )
    return regime


def _people(code, users):
    if code == "STC":
        return users["chuyenvien.stc"], users["lanhdao.stc"]
    if code == "SVHTTDL":
        return users["chuyenvien.vhttdl"], users["lanhdao.vhttdl"]
    return users["admin"], users["admin"]


def load(ctx):
    agencies, users = ctx["agencies"], ctx["users"]
    indicators = ctx.get("indicators") or {}
    regime = _regime(agencies, indicators)
    office = users["vanphong"]
    cycle = ReportingCycle.objects.filter(regime=regime, period_id="2021S1").first()
    if cycle is None:
        with on(date(2021, 6, 1)):
            cycle = services.open_cycle(office, regime, "2021S1")
    ctx["reporting_cycle"] = cycle
    if cycle.submissions.exists():
        return  # already replayed
    for code, sent, accepted in sorted(SUBMISSIONS, key=lambda s: s[1] or date.max):
        if sent is None:
            continue
        agency = agencies[code]
        writer, leader = _people(code, users)
        texts = {**GENERIC, **TEXTS.get(code, {})}
        with on(sent, 8):
            sub = services.start_submission(writer, cycle, agency)
            services.save_submission(writer, sub, sections=texts)
        with on(sent, 10):
            services.sign_off(leader, sub)
        with on(sent, 11):
            services.submit(leader, sub)
        if accepted:
            with on(max(sent, date(2021, 6, 18)), 14):
                services.accept(office, sub)
    # The reminder is replayed in the app; a demo sends no email.
    with (
        on(date(2021, 6, 18), 16),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
    ):
        services.remind(office, cycle, agencies["SXD"])
    with on(date(2021, 6, 22), 9):
        report = services.draft_province_report(office, cycle)
    ctx["province_report"] = report
