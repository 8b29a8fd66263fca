"""The directive cascade of Lâm Đồng's 2020–2025 term and the 15/06/2021 working session.

Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XI (Đại hội 14–16/10/2020) →
Chương trình hành động số 10-CTr/TU of the Tỉnh ủy (24/05/2021) → the UBND's plan;
the 04 breakthrough areas the resolution names; and the working session of the
Thường trực Tỉnh ủy with the Ban cán sự đảng UBND tỉnh on 15/06/2021 (seed report),
with its participants, agenda and the conclusion items of the Secretary's closing
speech. The conclusions are issued (as tasks) by theodoi.demo.tasks.

The congress and programme dates are public; the UBND plan's number, the wording of
the breakthroughs and the deadlines of the conclusion items are illustrative (the seed
report does not give them). Idempotent: keyed on kind + number / title + date.
"""

from datetime import date

from theodoi.demo.clock import on
from theodoi.directives import services
from theodoi.directives.models import Breakthrough, Directive, DirectiveKind, Meeting

RESOLUTION = (
    "",
    "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Lâm Đồng lần thứ XI, nhiệm kỳ 2020 - 2025",
    date(2020, 10, 16),
)
PROGRAMME = (
    "10-CTr/TU",
    "Chương trình hành động thực hiện Nghị quyết Đại hội XIII của Đảng và Nghị quyết Đại hội "
    "đại biểu Đảng bộ tỉnh Lâm Đồng lần thứ XI, nhiệm kỳ 2020 - 2025",
    date(2021, 5, 24),
)
PLAN = (
    "112/KH-UBND",
    "Kế hoạch hành động của UBND tỉnh thực hiện Chương trình hành động số 10-CTr/TU của Tỉnh ủy",
    date(2021, 6, 1),
)
SOCIO_PLAN = ("68/KH-UBND", "Kế hoạch phát triển kinh tế - xã hội năm 2021", date(2021, 1, 8))

BREAKTHROUGHS = [
    (
        "ha-tang",
        "Huy động, sử dụng hiệu quả các nguồn lực đầu tư kết cấu hạ tầng kinh tế - xã hội, trọng "
        "tâm là hạ tầng giao thông",
    ),
    ("nhan-luc", "Phát triển nguồn nhân lực, nhất là nhân lực chất lượng cao"),
    (
        "cai-cach",
        "Đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư kinh doanh, chuyển đổi số",
    ),
    (
        "quy-hoach",
        "Nâng cao chất lượng quy hoạch, quản lý đất đai, tài nguyên và phát triển đô thị",
    ),
]

MEETING_TITLE = (
    "Thường trực Tỉnh ủy làm việc với Ban cán sự đảng UBND tỉnh về tình hình thực hiện nhiệm vụ "
    "chính trị; phương hướng, nhiệm vụ, giải pháp thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần "
    "thứ XI"
)
MEETING_DAY = date(2021, 6, 15)
PARTICIPANTS = (
    "Trần Đức Quận – Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh "
    "(chủ trì)\n"
    "Trần Đình Văn – Phó Bí thư Thường trực Tỉnh ủy\n"
    "Trần Văn Hiệp – Phó Bí thư Tỉnh ủy, Bí thư Ban cán sự đảng UBND tỉnh, Chủ tịch UBND tỉnh\n"
    "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy\n"
    "Lãnh đạo các Ban xây dựng Đảng Tỉnh ủy\n"
    "Các ủy viên Ban cán sự đảng UBND tỉnh\n"
    "Lãnh đạo một số sở, ban, ngành của tỉnh"
)

AGENDA = [
    (
        "Báo cáo tình hình thực hiện nhiệm vụ chính trị thời gian qua của Ban cán sự đảng UBND "
        "tỉnh",
        "BCSD-UBND",
        "Ban cán sự đảng được kiện toàn, hoạt động ổn định từ đầu nhiệm kỳ; bám sát Nghị quyết "
        "Đại hội XIII, Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI và Chương trình hành động của "
        "Tỉnh ủy. 6 tháng đầu năm 2021: GRDP (giá so sánh 2010) ước tăng 5%; thu ngân sách ước "
        "6.265 tỷ đồng, bằng 67,4% dự toán, tăng 39,6% so với cùng kỳ; chi ngân sách địa phương "
        "khoảng 7.663 tỷ đồng; thêm 13 xã đạt chuẩn nông thôn mới nâng cao, 05 xã nông thôn mới "
        "kiểu mẫu; khách lưu trú ước 1,9 triệu lượt, tăng 13%, đạt 47% kế hoạch.",
    ),
    (
        "Phương hướng, nhiệm vụ, giải pháp và đề xuất, kiến nghị thực hiện Nghị quyết Đại hội "
        "Đảng bộ tỉnh lần thứ XI",
        "BCSD-UBND",
        "Lãnh đạo UBND tỉnh chỉ đạo các sở, ban, ngành, UBND cấp huyện xây dựng kế hoạch, lộ "
        "trình, biện pháp thực hiện; tổng hợp trình UBND tỉnh ban hành Kế hoạch hành động.",
    ),
    (
        "Ý kiến của các đại biểu",
        None,
        "Nêu kết quả nổi bật, khó khăn, tồn tại và đề xuất nhiệm vụ, giải pháp thời gian tới.",
    ),
]

# (number, short title, the conclusion's words, lead, coordinators, deadline, recurrence, product)
CONCLUSIONS = [
    (
        1,
        "Rà soát, bổ sung nội dung Chương trình hành động; xác định rõ trách nhiệm từng cấp, từng "
        "ngành",
        "Trên cơ sở Nghị quyết Đại hội Đảng và Chương trình hành động của Tỉnh ủy, rà soát, bổ "
        "sung các nội dung Chương trình hành động; xác định rõ trách nhiệm từng cấp, từng ngành, "
        "từng địa phương, đơn vị.",
        "BCSD-UBND",
        ["SKHDT"],
        date(2021, 9, 30),
        "once",
        "Chương trình hành động sửa đổi, bổ sung",
    ),
    (
        2,
        "Rà soát chỉ tiêu, nhiệm vụ, giải pháp bảo đảm tính khả thi để thực hiện 04 khâu đột phá",
        "Rà soát lại các chỉ tiêu, nhiệm vụ, giải pháp, xem xét kỹ những nội dung bảo đảm tính "
        "khả thi trên thực tế để thực hiện 04 khâu đột phá mà Nghị quyết Đại hội Đảng bộ tỉnh lần "
        "thứ XI đã xác định.",
        "BCSD-UBND",
        ["SKHDT", "STC"],
        date(2021, 8, 31),
        "once",
        "Báo cáo rà soát trình Thường trực Tỉnh ủy",
    ),
    (
        3,
        "Nghiên cứu, tham mưu ban hành một số nghị quyết chuyên đề",
        "Nghiên cứu tham mưu ban hành một số nghị quyết chuyên đề để tập trung lãnh đạo, thực "
        "hiện trong nhiệm kỳ mới.",
        "BCSD-UBND",
        [],
        date(2021, 12, 31),
        "once",
        "Tờ trình, dự thảo nghị quyết chuyên đề",
    ),
    (
        4,
        "Chấp hành nghiêm Quy chế làm việc, các nghị quyết, kết luận của Tỉnh ủy",
        "Tiếp tục bám sát, chấp hành, thực hiện nghiêm Quy chế làm việc của Tỉnh ủy; các nghị "
        "quyết, kết luận của Tỉnh ủy, Ban Thường vụ và Thường trực Tỉnh ủy.",
        "BCSD-UBND",
        [],
        None,
        "continuous",
        "",
    ),
    (
        5,
        "Định kỳ báo cáo kết quả thực hiện nhiệm vụ được giao",
        "Định kỳ báo cáo kết quả thực hiện nhiệm vụ được giao cho Thường trực Tỉnh ủy, Ban Thường "
        "vụ Tỉnh ủy.",
        "BCSD-UBND",
        [],
        None,
        "hằng năm trước 15/12",
        "Báo cáo kết quả thực hiện nhiệm vụ năm",
    ),
    (
        6,
        "Lãnh đạo, chỉ đạo thực hiện mục tiêu kép những tháng còn lại năm 2021",
        "Đối với những tháng còn lại năm 2021, tập trung lãnh đạo, chỉ đạo, góp phần thực hiện "
        "tốt mục tiêu kép, vừa phòng chống dịch Covid-19, vừa phát triển kinh tế.",
        "UBND",
        ["SYT", "SKHDT"],
        date(2021, 12, 31),
        "once",
        "Báo cáo kết quả thực hiện mục tiêu kép năm 2021",
    ),
    (
        7,
        "Hỗ trợ người dân, doanh nghiệp gặp khó khăn do đại dịch; hỗ trợ doanh nghiệp phục hồi "
        "sản xuất kinh doanh",
        "Rà soát, tạo điều kiện hỗ trợ người dân, doanh nghiệp gặp khó khăn do ảnh hưởng của đại "
        "dịch, thực hiện các giải pháp hỗ trợ doanh nghiệp phục hồi sản xuất kinh doanh.",
        "UBND",
        ["SKHDT", "STC", "SCT"],
        date(2021, 9, 30),
        "once",
        "Kế hoạch hỗ trợ doanh nghiệp phục hồi sản xuất kinh doanh",
    ),
    (
        8,
        "Rà soát chỉ tiêu, giải pháp hoàn thành mục tiêu kinh tế - xã hội năm 2021",
        "Rà soát lại các chỉ tiêu, xây dựng các nhiệm vụ, giải pháp cụ thể để chỉ đạo quyết liệt "
        "nhằm hoàn thành tất cả các mục tiêu, chỉ tiêu, nhiệm vụ mà Nghị quyết Tỉnh ủy, Nghị "
        "quyết HĐND tỉnh và Kế hoạch của UBND tỉnh về kinh tế - xã hội năm 2021 đã đề ra.",
        "UBND",
        ["SKHDT", "STC"],
        date(2021, 11, 30),
        "once",
        "Báo cáo rà soát chỉ tiêu kinh tế - xã hội năm 2021",
    ),
]


def _directive(
    actor, kind, number, title, issued_on, issuer, implements=None, term="2020-2025", summary=""
):
    existing = Directive.objects.filter(kind=kind, number=number, title=title).first()
    if existing:
        return existing
    with on(issued_on):
        return services.save_directive(
            actor,
            kind=kind,
            number=number,
            title=title,
            issued_on=issued_on,
            issuer=issuer,
            implements=implements,
            term=term,
            summary=summary,
        )


def load(ctx):
    agencies, actor = ctx["agencies"], ctx["users"]["vanphong"]
    resolution = _directive(
        actor,
        DirectiveKind.RESOLUTION,
        RESOLUTION[0],
        RESOLUTION[1],
        RESOLUTION[2],
        agencies["TU"],
        summary="Mục tiêu: xây dựng Lâm Đồng trở thành tỉnh phát triển khá của cả nước vào năm "
        "2025; 04 khâu đột phá.",
    )
    breakthroughs = []
    for order, (code, name) in enumerate(BREAKTHROUGHS, start=1):
        b, _ = Breakthrough.objects.update_or_create(
            code=code, defaults={"name": name, "order": order, "directive": resolution}
        )
        breakthroughs.append(b)
    resolution.breakthroughs.set(breakthroughs)
    programme = _directive(
        actor,
        DirectiveKind.PROGRAMME,
        PROGRAMME[0],
        PROGRAMME[1],
        PROGRAMME[2],
        agencies["TU"],
        implements=resolution,
    )
    programme.breakthroughs.set(breakthroughs)
    plan = _directive(
        actor, DirectiveKind.PLAN, PLAN[0], PLAN[1], PLAN[2], agencies["UBND"], implements=programme
    )
    socio = _directive(
        actor,
        DirectiveKind.PLAN,
        SOCIO_PLAN[0],
        SOCIO_PLAN[1],
        SOCIO_PLAN[2],
        agencies["UBND"],
        implements=resolution,
        term="2021",
    )
    ctx["directives"] = {
        "resolution": resolution,
        "programme": programme,
        "plan": plan,
        "socio_plan": socio,
    }
    ctx["breakthroughs"] = {b.code: b for b in breakthroughs}

    meeting = Meeting.objects.filter(held_on=MEETING_DAY, title=MEETING_TITLE).first()
    if meeting is None:
        with on(MEETING_DAY, 17):
            meeting = services.record_meeting(
                actor,
                title=MEETING_TITLE,
                held_on=MEETING_DAY,
                host=agencies["TT-TU"],
                chair="Đồng chí Trần Đức Quận – Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư "
                "Tỉnh ủy, Chủ tịch HĐND tỉnh",
                place="Trụ sở Tỉnh ủy Lâm Đồng",
                participants=PARTICIPANTS,
                directive=programme,
                agencies=[
                    agencies[c]
                    for c in [
                        "TT-TU",
                        "BTV-TU",
                        "BCSD-UBND",
                        "UBND",
                        "BTC-TU",
                        "BTG-TU",
                        "BDV-TU",
                        "BNC-TU",
                        "UBKT-TU",
                        "VP-TU",
                        "SKHDT",
                        "STC",
                    ]
                ],
                agenda=[
                    {"title": t, "presenter": agencies[p] if p else None, "report": r}
                    for t, p, r in AGENDA
                ],
                conclusions=[
                    {
                        "number": n,
                        "title": title,
                        "text": text,
                        "lead": agencies[lead],
                        "coordinators": [agencies[c] for c in coord],
                        "deadline": deadline,
                        "recurrence": rec,
                        "product": product,
                    }
                    for n, title, text, lead, coord, deadline, rec, product in CONCLUSIONS
                ],
            )
    ctx["meeting"] = meeting
