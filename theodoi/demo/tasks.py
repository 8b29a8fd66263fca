"""Tasks of the demo, replayed through the real services at the dates they happened.

Two time frames, on purpose (docs/architecture.md, "Tasks — demo dates"):
- The 15/06/2021 working session's conclusions are issued on 18/06/2021 as
  Thông báo kết luận 125-TB/TU (number illustrative) and followed through 2021–2024
  as history: on time, on time after an extension, late, returned then late,
  "thường xuyên", a yearly report with one occurrence per year, and one never
  reported (overdue since 31/12/2021).
- A set of current tasks of the UBND's plan, dated relative to the real today (the
  system's clock is real time), so that "within deadline", "due in 7 days / tomorrow",
  "waiting for confirmation", paused and cancelled show now, and send_reminders has
  something to send.

Idempotent: the conclusions are issued once (the meeting keeps its notice); a
current task is skipped when a task of the same title exists.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone

from theodoi.demo.clock import on
from theodoi.demo.org import DEMO_PASSWORD
from theodoi.org.models import Membership
from theodoi.permissions.roles import Role
from theodoi.tasks import services
from theodoi.tasks.conclusions import issue_conclusions
from theodoi.tasks.models import ExtensionRequest, Task

NOTICE_NUMBER = "125-TB/TU"
NOTICE_DAY = date(2021, 6, 18)


def _secretary(agencies):
    """The secretary of the Ban cán sự đảng UBND tỉnh reports for it (and for UBND)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username="thuky.bcsd",
        defaults={
            "first_name": "Bình",
            "last_name": "Ngô Thanh",
            "email": "thuky.bcsd@lamdong.demo",
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    for code in ("BCSD-UBND", "UBND"):
        Membership.objects.get_or_create(
            user=user,
            agency=agencies[code],
            role=Role.SPECIALIST,
            defaults={"title": "Thư ký Ban cán sự đảng UBND tỉnh"},
        )
    return user


def _history(vp, sec, tasks_by_number, today):
    """(day, callable) steps, replayed in date order up to today."""
    t = tasks_by_number
    s = services
    steps = [
        # 1: reported on its deadline, confirmed a week later → on time.
        (
            date(2021, 8, 10),
            lambda: s.post_progress(
                sec,
                t[1],
                text="Đã gửi dự thảo Chương trình hành động sửa đổi lấy ý kiến các sở, ngành.",
                percent=Decimal(50),
            ),
        ),
        (
            date(2021, 9, 30),
            lambda: s.report_done(
                sec,
                t[1],
                text="Ban cán sự đảng đã ban hành Chương trình hành động sửa đổi, bổ sung.",
            ),
        ),
        (date(2021, 10, 8), lambda: s.confirm_done(vp, t[1], note="Đạt yêu cầu.")),
        # 2: extension asked before 31/08, approved to 30/09, reported 27/09 → on time.
        (
            date(2021, 8, 5),
            lambda: s.post_progress(
                sec,
                t[2],
                text="Đang tổng hợp ý kiến rà soát của các sở, ngành.",
                percent=Decimal(40),
            ),
        ),
        (
            date(2021, 8, 20),
            lambda: s.request_extension(
                sec,
                t[2],
                proposed_deadline=date(2021, 9, 30),
                reason="Chờ số liệu ước thực hiện 9 tháng để đánh giá tính khả thi.",
            ),
        ),
        (
            date(2021, 8, 23),
            lambda: s.decide_extension(
                vp, t[2].extensions.get(), approve=True, note="Đồng ý gia hạn đến 30/09/2021."
            ),
        ),
        (
            date(2021, 9, 27),
            lambda: s.report_done(
                sec, t[2], text="Đã trình Thường trực Tỉnh ủy báo cáo rà soát 04 khâu đột phá."
            ),
        ),
        (date(2021, 10, 1), lambda: s.confirm_done(vp, t[2])),
        # 3: reported 20 days late.
        (
            date(2021, 11, 15),
            lambda: s.post_progress(
                sec, t[3], text="Đã dự thảo 02 nghị quyết chuyên đề.", percent=Decimal(60)
            ),
        ),
        (
            date(2022, 1, 20),
            lambda: s.report_done(
                sec, t[3], text="Đã trình Ban Thường vụ Tỉnh ủy 02 dự thảo nghị quyết chuyên đề."
            ),
        ),
        (date(2022, 1, 25), lambda: s.confirm_done(vp, t[3])),
        # 4: thường xuyên.
        (
            date(2021, 12, 20),
            lambda: s.post_progress(
                sec,
                t[4],
                text="Thực hiện đúng Quy chế làm việc; không có nội dung trình chậm.",
                percent=Decimal(0),
            ),
        ),
        # 6: never reported → overdue since 31/12/2021.
        (
            date(2021, 9, 30),
            lambda: s.post_progress(
                sec,
                t[6],
                text="Tiêm chủng đạt 60% dân số từ 18 tuổi; các khu công nghiệp hoạt động trở lại.",
                percent=Decimal(60),
            ),
        ),
        (
            date(2021, 11, 30),
            lambda: s.post_progress(
                sec,
                t[6],
                text="Tiếp tục triển khai các giải pháp thích ứng an toàn.",
                percent=Decimal(80),
            ),
        ),
        # 7: returned once, then reported late.
        (
            date(2021, 9, 25),
            lambda: s.report_done(sec, t[7], text="Đã ban hành Kế hoạch hỗ trợ doanh nghiệp."),
        ),
        (
            date(2021, 9, 28),
            lambda: s.return_task(
                vp,
                t[7],
                reason="Kế hoạch chưa đánh giá tác động và nguồn lực hỗ trợ; đề nghị bổ sung.",
            ),
        ),
        (
            date(2021, 10, 15),
            lambda: s.report_done(
                sec,
                t[7],
                text="Đã bổ sung đánh giá tác động, nguồn lực; UBND tỉnh ban hành Kế hoạch sửa "
                "đổi.",
            ),
        ),
        (date(2021, 10, 20), lambda: s.confirm_done(vp, t[7])),
        # 8: on time.
        (
            date(2021, 11, 26),
            lambda: s.report_done(sec, t[8], text="Đã rà soát, báo cáo Thường trực Tỉnh ủy."),
        ),
        (date(2021, 12, 3), lambda: s.confirm_done(vp, t[8])),
    ]
    # 5: the yearly report, one occurrence a year: 2022 late, the rest on time, 2025 missing.
    for year, reported, confirmed in [
        (2021, date(2021, 12, 10), date(2021, 12, 15)),
        (2022, date(2022, 12, 20), date(2022, 12, 22)),
        (2023, date(2023, 12, 14), date(2023, 12, 18)),
        (2024, date(2024, 12, 13), date(2024, 12, 16)),
    ]:
        steps.append(
            (
                reported,
                lambda y=year: s.report_done(
                    sec, t[5], text=f"Báo cáo kết quả thực hiện nhiệm vụ năm {y}."
                ),
            )
        )
        steps.append((confirmed, lambda: s.confirm_done(vp, t[5])))
    for day, step in sorted(steps, key=lambda x: x[0]):
        if day <= today:
            with on(day):
                step()


def _current(ctx, vp, today):
    a, users, b = ctx["agencies"], ctx["users"], ctx["breakthroughs"]
    stc, vh = users["chuyenvien.stc"], users["chuyenvien.vhttdl"]
    plan = ctx["directives"]["plan"]
    T = today
    d = timedelta
    # (title, lead, coordinators, deadline offset, product, breakthroughs,
    #  steps[(offset, who, action, kwargs)])
    specs = [
        (
            "Xây dựng dự toán thu, chi ngân sách địa phương năm sau, trình UBND tỉnh",
            "STC",
            ["SKHDT"],
            7,
            "Tờ trình dự toán ngân sách",
            [],
            [
                (
                    -10,
                    stc,
                    "post_progress",
                    {
                        "text": "Đã tổng hợp dự toán của các sở, ngành, địa phương.",
                        "percent": Decimal(50),
                    },
                )
            ],
        ),
        (
            "Báo cáo tình hình thực hiện dự toán ngân sách 10 tháng",
            "STC",
            [],
            1,
            "Báo cáo trình UBND tỉnh",
            [],
            [
                (
                    -5,
                    stc,
                    "post_progress",
                    {
                        "text": "Đang đối chiếu số liệu với Kho bạc Nhà nước tỉnh.",
                        "percent": Decimal(70),
                    },
                )
            ],
        ),
        (
            "Rà soát, cắt giảm chi thường xuyên, dành nguồn đầu tư hạ tầng giao thông",
            "STC",
            ["SKHDT"],
            -5,
            "Báo cáo đề xuất điều chỉnh dự toán",
            ["ha-tang"],
            [
                (
                    -20,
                    stc,
                    "post_progress",
                    {"text": "Đã rà soát 30/45 đơn vị dự toán cấp tỉnh.", "percent": Decimal(50)},
                ),
                (
                    -12,
                    stc,
                    "request_extension",
                    {"proposed_deadline": 10, "reason": "Còn 15 đơn vị chưa gửi số liệu."},
                ),
                (-10, vp, "refuse", {"note": "Nhiệm vụ cấp bách; đề nghị hoàn thành đúng hạn."}),
            ],
        ),
        (
            "Tham mưu cơ chế hỗ trợ lãi suất cho doanh nghiệp phục hồi sản xuất",
            "STC",
            ["SKHDT", "SCT"],
            10,
            "Dự thảo Quyết định của UBND tỉnh",
            ["cai-cach"],
            [
                (
                    -15,
                    stc,
                    "post_progress",
                    {"text": "Đã lấy ý kiến Hiệp hội doanh nghiệp tỉnh.", "percent": Decimal(60)},
                ),
                (
                    -2,
                    stc,
                    "report_done",
                    {"text": "Đã trình UBND tỉnh dự thảo Quyết định hỗ trợ lãi suất."},
                ),
            ],
        ),
        (
            "Phân bổ vốn sự nghiệp Chương trình MTQG xây dựng nông thôn mới",
            "STC",
            ["SNN"],
            -40,
            "Quyết định phân bổ vốn",
            [],
            [
                (
                    -42,
                    stc,
                    "report_done",
                    {"text": "UBND tỉnh đã ban hành Quyết định phân bổ vốn."},
                ),
                (-38, vp, "confirm_done", {}),
            ],
        ),
        (
            "Tổng hợp quyết toán ngân sách địa phương năm trước",
            "STC",
            [],
            -30,
            "Báo cáo quyết toán",
            [],
            [
                (-25, stc, "report_done", {"text": "Đã trình HĐND tỉnh phê chuẩn quyết toán."}),
                (-20, vp, "confirm_done", {}),
            ],
        ),
        (
            "Xây dựng kế hoạch kích cầu du lịch nội địa",
            "SVHTTDL",
            ["STC"],
            20,
            "Kế hoạch trình UBND tỉnh",
            [],
            [
                (
                    -8,
                    vh,
                    "post_progress",
                    {
                        "text": "Đã làm việc với các doanh nghiệp lữ hành, lưu trú.",
                        "percent": Decimal(30),
                    },
                )
            ],
        ),
        (
            "Chuẩn bị tổ chức Festival Hoa Đà Lạt",
            "SVHTTDL",
            [],
            -10,
            "Đề án tổ chức Festival",
            [],
            [
                (
                    -30,
                    vh,
                    "post_progress",
                    {"text": "Đã xây dựng dự thảo đề án.", "percent": Decimal(40)},
                )
            ],
        ),
        (
            "Đánh giá giữa kỳ thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI",
            "SKHDT",
            ["STC", "SVHTTDL"],
            30,
            "Báo cáo đánh giá giữa kỳ",
            ["cai-cach"],
            [],
        ),
        (
            "Rà soát quy hoạch chung các đô thị",
            "SXD",
            [],
            25,
            "Báo cáo rà soát",
            ["quy-hoach"],
            [
                (
                    -20,
                    vp,
                    "pause_task",
                    {"reason": "Chờ phê duyệt Quy hoạch tỉnh thời kỳ 2021 - 2030."},
                )
            ],
        ),
        (
            "Xây dựng đề án vị trí việc làm khối sự nghiệp",
            "SNV",
            [],
            15,
            "Đề án",
            ["nhan-luc"],
            [
                (
                    -15,
                    vp,
                    "cancel_task",
                    {"reason": "Nội dung đã lồng ghép vào đề án sắp xếp tổ chức bộ máy."},
                )
            ],
        ),
    ]
    for title, lead, coord, offset, product, bts, steps in specs:
        if Task.objects.filter(title=title).exists():
            continue
        with on(T - d(45)):
            [task] = services.create_tasks(
                vp,
                plan,
                [
                    {
                        "title": title,
                        "lead": a[lead],
                        "coordinators": [a[c] for c in coord],
                        "deadline": T + d(offset),
                        "product": product,
                        "breakthroughs": [b[x] for x in bts],
                    }
                ],
            )
        for when, who, action, kw in steps:
            with on(T + d(when)):
                task.refresh_from_db()
                if action == "refuse":
                    services.decide_extension(
                        who,
                        task.extensions.get(decision=ExtensionRequest.Decision.PENDING),
                        approve=False,
                        **kw,
                    )
                elif action == "request_extension":
                    services.request_extension(
                        who,
                        task,
                        proposed_deadline=task.deadline + d(kw["proposed_deadline"]),
                        reason=kw["reason"],
                    )
                else:
                    getattr(services, action)(who, task, **kw)


def load(ctx):
    # Replaying history notifies people in the app as it happened, but sends no email
    # (the demo's addresses are fake and `make run` would print every message).

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        _load(ctx)


def _load(ctx):
    agencies, vp = ctx["agencies"], ctx["users"]["vanphong"]
    sec = _secretary(agencies)
    ctx["users"]["thuky.bcsd"] = sec
    today = timezone.localdate()
    meeting = ctx["meeting"]
    if meeting.notice_id is None:
        with on(NOTICE_DAY):
            _notice, tasks = issue_conclusions(
                vp, meeting, number=NOTICE_NUMBER, issued_on=NOTICE_DAY, issuer=agencies["TU"]
            )
        by_number = {t.conclusion.number: t for t in tasks}
        programme_bts = list(ctx["directives"]["programme"].breakthroughs.all())
        by_number[2].breakthroughs.set(programme_bts)
        _history(vp, sec, by_number, today)
    _current(ctx, vp, today)
    ctx["tasks"] = list(Task.objects.all())
