"""The reporting workflow through its services, with the audit trail."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from theodoi.audit.models import AuditEntry
from theodoi.audit.trail import entries_for
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.notices.models import Notification
from theodoi.org.models import Membership
from theodoi.permissions.roles import Role
from theodoi.reporting import services
from theodoi.reporting.assembly import board, template_lines
from theodoi.reporting.models import OfficeDay, ReportingCycle, Submission
from theodoi.targets.models import DataValue, ValueLock
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

from ..conftest import _person
from .conftest import at, fill

S = Submission.State


def actions(obj=None):
    qs = (
        entries_for(obj)
        if obj is not None
        else AuditEntry.objects.filter(action__startswith="reporting.")
    )
    return [e.action for e in qs.order_by("at", "id")]


def test_opening_a_cycle_fixes_its_window_and_deadline(cycle):
    assert (cycle.cutoff_start, cycle.cutoff_end) == (date(2020, 12, 15), date(2021, 6, 14))
    assert cycle.deadline == date(2021, 6, 17)  # 3 working days after Monday 14/06
    entry = AuditEntry.objects.get(action="reporting.cycle.opened")
    assert entry.data["deadline"] == "2021-06-17"


def test_an_office_day_off_moves_the_deadline(regime, people):
    services.save_office_day(
        people["steering"], date(2021, 6, 16), OfficeDay.Kind.DAY_OFF, "Nghỉ bù bầu cử"
    )
    cycle = services.open_cycle(people["steering"], regime, "2021S1")
    assert cycle.deadline == date(2021, 6, 18)
    assert "reporting.officeday.saved" in actions()


def test_only_the_office_opens_cycles_once_and_for_a_matching_period(regime, people):
    with pytest.raises(NotAllowed):
        services.open_cycle(people["leader"], regime, "2021S1")
    with pytest.raises(DomainError, match="không khớp tần suất"):
        services.open_cycle(people["steering"], regime, "2021Q2")
    services.open_cycle(people["steering"], regime, "2021S1")
    with pytest.raises(DomainError, match="đã được mở"):
        services.open_cycle(people["steering"], regime, "2021S1")
    assert ReportingCycle.objects.count() == 1


def test_a_template_with_a_retired_indicator_cannot_open_a_cycle(regime, people, tourism):
    tourism.retired = True
    tourism.save()
    with pytest.raises(DomainError, match="ngừng theo dõi: Khách qua lưu trú"):
        services.open_cycle(people["steering"], regime, "2021S1")
    assert not ReportingCycle.objects.exists()


def test_draft_to_accepted_locks_the_agencys_figures(submitted, people, province):
    assert submitted.state == S.SUBMITTED
    assert DataValue.objects.get(
        indicator__code="THU_NSNN", period_id="2021S1", is_latest=True
    ).value == Decimal("6265")
    with time_machine.travel(at(2021, 6, 18), tick=False):
        services.accept(people["steering"], submitted)
    submitted.refresh_from_db()
    assert submitted.state == S.ACCEPTED and submitted.reviewed_by == people["steering"]
    lock = ValueLock.objects.get(agency=submitted.agency, period_id="2021S1")
    assert lock.locked_by == people["steering"]
    assert actions(submitted) == [
        "reporting.submission.created",
        "reporting.submission.saved",
        "reporting.submission.signed_off",
        "reporting.submission.submitted",
        "reporting.submission.accepted",
    ]
    # Editing a locked value now fails, through reporting and through data entry alike.
    with pytest.raises(DomainError) as e:
        record_values(
            people["specialist"],
            [ValueRow(indicator="THU_NSNN", unit="68", period="2021S1", value="7000")],
        )
    assert "đã được khóa" in e.value.errors[0]["message"]
    with pytest.raises(DomainError, match="Đã tiếp nhận"):
        fill(people["specialist"], submitted, value="7000")
    # Sending the stored figure again is not an edit: the lock lets it through and nothing changes.
    record_values(
        people["specialist"],
        [ValueRow(indicator="THU_NSNN", unit="68", period="2021S1", value="6265")],
    )
    assert DataValue.objects.filter(indicator__code="THU_NSNN", period_id="2021S1").count() == 1
    assert DataValue.objects.get(
        indicator__code="THU_NSNN", period_id="2021S1", is_latest=True
    ).value == Decimal("6265")


def test_the_template_is_prefilled_from_entered_values(cycle, people, agencies, province):
    record_values(
        people["specialist"],
        [ValueRow(indicator="THU_NSNN", unit="68", period="2021S1", value="6.265")],
    )
    sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
    lines = template_lines(sub)
    assert [ln.indicator.code for ln in lines] == ["THU_NSNN"]  # STC reports only what it leads
    assert lines[0].value.value == Decimal("6265") and not lines[0].locked


def test_required_sections_are_listed_and_nothing_moves(cycle, people, agencies):
    sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
    services.save_submission(people["specialist"], sub, sections={"ket-qua": "Đạt khá."})
    with pytest.raises(DomainError) as e:
        services.sign_off(people["leader"], sub)
    assert "2. Khó khăn, vướng mắc" in e.value.message and "3. Đề xuất" not in e.value.message
    assert e.value.errors == [
        {"index": 0, "field": "sections.kho-khan", "message": "Mục bắt buộc chưa có nội dung."}
    ]
    sub.refresh_from_db()
    assert sub.state == S.DRAFT


def test_a_bad_figure_saves_nothing(cycle, people, agencies):
    sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
    with pytest.raises(DomainError) as e:
        services.save_submission(
            people["specialist"],
            sub,
            sections={"ket-qua": "Mới"},
            values=[{"indicator": "THU_NSNN", "value": "sáu nghìn"}],
        )
    assert e.value.errors[0]["field"] == "value"
    sub.refresh_from_db()
    assert sub.sections == {} and not DataValue.objects.exists()
    assert "reporting.submission.saved" not in actions()


def test_another_agencys_indicator_is_refused(cycle, people, agencies):
    sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
    with pytest.raises(DomainError, match="không có trong biểu mẫu"):
        services.save_submission(
            people["specialist"], sub, values=[{"indicator": "KHACH_LUU_TRU", "value": "1"}]
        )


def test_specialists_do_not_sign_off_and_outsiders_do_not_touch(cycle, people, agencies):
    sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
    fill(people["specialist"], sub)
    with pytest.raises(NotAllowed, match="lãnh đạo"):
        services.sign_off(people["specialist"], sub)
    with pytest.raises(NotAllowed):
        services.start_submission(people["outsider"], cycle, agencies["STC"])
    with pytest.raises(NotAllowed):
        services.save_submission(people["outsider"], sub, sections={"ket-qua": "x"})
    with pytest.raises(NotAllowed):
        services.submit(people["outsider"], sub)


def test_submitting_needs_the_leaders_sign_off(cycle, people, agencies):
    sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
    fill(people["specialist"], sub)
    with pytest.raises(DomainError, match="duyệt trước khi gửi"):
        services.submit(people["specialist"], sub)


def test_an_agency_outside_the_regime_is_refused(cycle, people, agencies):
    with pytest.raises(DomainError, match="không thuộc đối tượng"):
        services.start_submission(people["admin"], cycle, agencies["TU"])


def test_a_closed_cycle_takes_no_submission(cycle, people, agencies):
    sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
    fill(people["specialist"], sub)
    services.sign_off(people["leader"], sub)
    services.close_cycle(people["steering"], cycle)
    with pytest.raises(DomainError, match="đã khóa sổ"):
        services.submit(people["leader"], sub)
    sub.refresh_from_db()
    assert sub.state == S.SIGNED_OFF
    services.reopen_cycle(people["steering"], cycle, "Gia hạn cho Sở Tài chính")
    services.submit(people["leader"], sub)
    assert actions(cycle) == [
        "reporting.cycle.opened",
        "reporting.cycle.closed",
        "reporting.cycle.reopened",
    ]


def test_nobody_accepts_their_own_report(cycle, people, agencies):
    # The steering office may draft on an agency's behalf, but then cannot accept it.
    sub = services.start_submission(people["steering"], cycle, agencies["STC"])
    fill(people["steering"], sub)
    services.sign_off(people["leader"], sub)
    services.submit(people["steering"], sub)
    with pytest.raises(NotAllowed, match="chính mình"):
        services.accept(people["steering"], sub)
    services.accept(people["admin"], sub)
    assert ValueLock.objects.filter(agency=agencies["STC"]).count() == 1


def test_only_the_office_accepts(submitted, people):
    with pytest.raises(NotAllowed, match="văn phòng theo dõi"):
        services.accept(people["leader"], submitted)
    assert not ValueLock.objects.exists()


def test_return_with_reason_then_resubmit_keeps_the_first_date(submitted, people):
    with pytest.raises(DomainError, match="lý do"):
        services.return_submission(people["steering"], submitted, "  ")
    services.return_submission(people["steering"], submitted, "Thiếu số liệu chi ngân sách")
    submitted.refresh_from_db()
    assert (
        submitted.state == S.RETURNED and submitted.return_reason == "Thiếu số liệu chi ngân sách"
    )
    assert submitted.signed_off_by is None
    with time_machine.travel(at(2021, 6, 21), tick=False):
        fill(people["specialist"], submitted, value="6300")
        services.sign_off(people["leader"], submitted)
        services.submit(people["specialist"], submitted)
    submitted.refresh_from_db()
    assert submitted.state == S.SUBMITTED
    assert submitted.timeliness(date(2021, 7, 1)).state == "on_time"  # first sent 15/06, due 17/06
    entry = AuditEntry.objects.get(action="reporting.submission.returned")
    assert entry.reason == "Thiếu số liệu chi ngân sách"
    assert "reporting.submission.resubmitted" in actions(submitted)


def test_reopening_needs_a_reason_and_lifts_the_lock(submitted, people):
    services.accept(people["steering"], submitted)
    with pytest.raises(NotAllowed):
        services.reopen_submission(people["leader"], submitted, "Sửa số")
    with pytest.raises(DomainError, match="lý do"):
        services.reopen_submission(people["steering"], submitted, "")
    services.reopen_submission(people["steering"], submitted, "Cục Thống kê công bố số chính thức")
    submitted.refresh_from_db()
    assert submitted.state == S.RETURNED
    assert not ValueLock.objects.exists()
    entry = AuditEntry.objects.get(action="reporting.submission.reopened")
    assert entry.reason == "Cục Thống kê công bố số chính thức" and entry.data["locks_lifted"]
    unlocked = AuditEntry.objects.get(action="targets.values.unlocked")  # through targets.services
    assert unlocked.reason == entry.reason
    assert [int(unlocked.object_id)] == entry.data["locks_lifted"]
    fill(people["specialist"], submitted, value="6300")  # editable again


def test_board_puts_missing_and_late_first(cycle, people, agencies):
    with time_machine.travel(at(2021, 6, 21), tick=False):
        sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
        fill(people["specialist"], sub)
        services.sign_off(people["leader"], sub)
        services.submit(people["leader"], sub)
    rows = board(cycle, today=date(2021, 6, 25))
    assert [(r.agency.code, r.timeliness.state, r.timeliness.days_late) for r in rows] == [
        ("SVHTTDL", "missing", 8),
        ("STC", "late", 4),
    ]
    assert rows[1].timeliness.label == "Trễ 4 ngày"


def test_reminders_go_through_the_notice_channel_once_a_day(cycle, people, agencies):
    assert services.remind(people["steering"], cycle, agencies["STC"]) == 2  # leader and specialist
    assert services.remind(people["steering"], cycle, agencies["STC"]) == 0
    note = Notification.objects.filter(user=people["leader"]).get()
    assert "Sở Tài chính chưa gửi" in note.body and "17/06/2021" in note.body
    assert note.url.endswith("/STC/")
    with pytest.raises(NotAllowed):
        services.remind(people["leader"], cycle, agencies["SVH"])
    assert actions(cycle).count("reporting.cycle.reminded") == 2


def test_a_nine_month_regime_opens_ytd09_only(regime, people):
    regime.frequency = "nine_months"
    regime.save()
    with pytest.raises(DomainError, match="không khớp tần suất"):
        services.open_cycle(people["steering"], regime, "2021YTD08")
    cycle = services.open_cycle(people["steering"], regime, "2021YTD09")
    assert (cycle.cutoff_start, cycle.cutoff_end) == (date(2020, 12, 15), date(2021, 9, 14))
    assert cycle.deadline == date(2021, 9, 17)  # 15, 16, 17/09 (02–03/09 were the National Day)
    assert cycle.period.label == "9 tháng đầu năm 2021"


def test_the_lock_reason_names_the_report_without_doubling_its_first_word(submitted, people):
    # The regime is "Báo cáo tình hình…": the reason once read "(Báo cáo Báo cáo tình hình…)".
    with time_machine.travel(at(2021, 6, 18), tick=False):
        services.accept(people["steering"], submitted)
    with pytest.raises(DomainError) as e:
        record_values(
            people["specialist"],
            [ValueRow(indicator="THU_NSNN", unit="68", period="2021S1", value="7000")],
        )
    message = e.value.errors[0]["message"]
    assert "“Báo cáo tình hình kinh tế - xã hội" in message
    assert "Báo cáo Báo cáo" not in message


@pytest.fixture
def accepted_own(cycle, people, agencies):
    """STC's report drafted and sent by the steering officer on STC's behalf, accepted by the
    admin: the steering officer wrote it, so may neither accept nor reopen it."""
    sub = services.start_submission(people["steering"], cycle, agencies["STC"])
    fill(people["steering"], sub)
    services.sign_off(people["leader"], sub)
    services.submit(people["steering"], sub)
    services.accept(people["admin"], sub)
    return sub


@pytest.mark.parametrize(
    "persona, message",
    [
        ("steering", "chính mình"),  # wrote and sent it
        ("steering_of_stc", "chính mình"),  # a reviewer who belongs to STC itself
        ("leader", "văn phòng theo dõi"),
        ("specialist", "văn phòng theo dõi"),
        ("viewer", "văn phòng theo dõi"),
        ("outsider", "văn phòng theo dõi"),
        ("nobody", "văn phòng theo dõi"),
    ],
)
def test_reopening_keeps_the_separation_of_duties(accepted_own, people, agencies, persona, message):
    """reopen_submission asks can_review_submission, as accept and return do (issue 9, item 5);
    before, any steering officer reopened even the report they wrote themselves."""
    if persona == "steering_of_stc":
        person = _person("vanphong.stc", agencies["VP"], Role.STEERING)
        Membership.objects.create(user=person, agency=agencies["STC"], role=Role.SPECIALIST)
    else:
        person = people[persona]
    with pytest.raises(NotAllowed, match=message):
        services.reopen_submission(person, accepted_own, "Sửa số")
    accepted_own.refresh_from_db()
    assert accepted_own.state == S.ACCEPTED
    assert ValueLock.objects.filter(agency=agencies["STC"]).count() == 1
    assert not AuditEntry.objects.filter(action="reporting.submission.reopened").exists()


def test_reopening_by_a_reviewer_who_did_not_write_it(accepted_own, people, agencies):
    services.reopen_submission(people["admin"], accepted_own, "Cục Thống kê công bố số chính thức")
    assert accepted_own.state == S.RETURNED
    assert not ValueLock.objects.filter(agency=agencies["STC"]).exists()
