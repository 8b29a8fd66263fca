"""Recording values and targets: all-or-nothing, row errors, history, locks, rights."""

from decimal import Decimal as D

import pytest
import time_machine

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.targets import services
from theodoi.targets.models import DataValue, TargetValue, ValueLock
from theodoi.targets.rows import ValueRow

pytestmark = pytest.mark.django_db


def target(**kw):
    return {
        "indicator": "THU_NSNN",
        "unit": "68",
        "period": "2021S1",
        "value": "6.265",
        "status": "estimate",
        **kw,
    }


def row(**kw):
    return ValueRow(**target(**kw))


def test_a_specialist_records_a_value_in_vietnamese_notation(people, revenue, province):
    [dv] = services.record_values(people["specialist"], [row()], source="test")
    assert (
        dv.value == D("6265")
        and dv.is_latest
        and dv.period_kind == "half"
        and dv.agency == revenue.lead_agency
    )
    entry = AuditEntry.objects.get(action="targets.datavalue.recorded")
    assert (
        entry.actor == people["specialist"]
        and entry.data["value"] == "6265"
        and entry.data["period"] == "2021S1"
    )


def test_a_revision_keeps_history_and_the_latest_is_read(people, revenue, province):
    with time_machine.travel("2021-06-10 08:00 +0700", tick=False):
        services.record_values(people["specialist"], [row(value="6.265")])
    with time_machine.travel("2021-07-20 08:00 +0700", tick=False):
        [dv] = services.record_values(people["leader"], [row(value="6.301", status="official")])
    history = list(DataValue.objects.filter(indicator=revenue).order_by("created_at"))
    assert [h.value for h in history] == [D("6265"), D("6301")]
    assert [h.is_latest for h in history] == [False, True]
    assert dv.replaces == history[0]
    assert AuditEntry.objects.get(action="targets.datavalue.revised").data["previous"] == "6265"


def test_the_same_figure_again_changes_nothing(people, revenue, province):
    services.record_values(people["specialist"], [row()])
    services.record_values(people["specialist"], [row()])
    assert DataValue.objects.count() == 1 and AuditEntry.objects.count() == 1


def test_one_bad_row_rejects_the_whole_request_listing_every_bad_row(
    people, revenue, province, communes
):
    rows = [
        row(),  # good
        row(indicator="KHONG_CO"),  # unknown indicator
        row(unit="99999"),  # unknown unit
        row(period="2021S3"),  # bad period
        row(value="abc"),  # not a number
        row(value="-5", period="2021Q1"),  # negative
        row(status="đoán", period="2021Q2"),  # bad status
    ]
    with pytest.raises(DomainError) as exc:
        services.record_values(people["specialist"], rows)
    errors = {(e["index"], e["field"]) for e in exc.value.errors}
    assert errors == {
        (1, "indicator"),
        (2, "unit"),
        (3, "period"),
        (4, "value"),
        (5, "value"),
        (6, "status"),
    }
    assert all(e["message"] for e in exc.value.errors)
    assert "Kỳ “2021S3” không hợp lệ" in next(
        e["message"] for e in exc.value.errors if e["field"] == "period"
    )
    assert DataValue.objects.count() == 0 and AuditEntry.objects.count() == 0


def test_a_period_finer_than_the_indicator_allows_is_refused(
    people, tourism, province, communes_ntm
):
    with pytest.raises(DomainError) as exc:
        services.record_values(people["specialist"], [row(indicator="XA_NTM", period="202104")])
    assert exc.value.errors[0]["field"] == "period" and "quý" in exc.value.errors[0]["message"]


def test_a_term_is_not_a_reporting_period_but_is_a_target_period(people, revenue, province):
    with pytest.raises(DomainError):
        services.record_values(people["specialist"], [row(period="2020-2025")])
    [t] = services.set_targets(
        people["specialist"], [target(period="2020-2025", kind="goal", value="50.000")]
    )
    assert t.period_kind == "term" and t.value == D(50000)


def test_the_outsider_cannot_write_stcs_figures(people, revenue, province):
    with pytest.raises(NotAllowed) as exc:
        services.record_values(people["outsider"], [row()])
    assert exc.value.errors[0]["field"] == "indicator" and "quyền" in exc.value.errors[0]["message"]
    with pytest.raises(NotAllowed):
        services.record_values(people["viewer"], [row()])
    with pytest.raises(NotAllowed):
        services.set_targets(people["outsider"], [target(kind="estimate")])
    assert DataValue.objects.count() == 0 and TargetValue.objects.count() == 0


def test_the_steering_office_may_write_any_indicator(people, revenue, tourism, province):
    out = services.record_values(
        people["steering"], [row(), row(indicator="KHACH_LUU_TRU", value="1.900.000")]
    )
    assert len(out) == 2


def test_a_locked_period_refuses_values_inside_it(people, revenue, province, agencies):
    services.lock_values(
        people["steering"], agencies["STC"], "2021S1", reason="Báo cáo 6 tháng đã được chấp nhận"
    )
    with pytest.raises(DomainError) as exc:
        services.record_values(people["specialist"], [row(period="2021Q2")])
    assert "đã được khóa" in exc.value.errors[0]["message"]
    services.record_values(people["specialist"], [row(period="2021Q3")])  # outside the lock
    assert DataValue.objects.count() == 1
    with pytest.raises(NotAllowed):
        services.lock_values(people["specialist"], agencies["STC"], "2021")
    assert ValueLock.objects.count() == 1


def test_a_jump_against_last_year_needs_a_note(people, revenue, province):
    services.record_values(
        people["specialist"], [row(period="2020S1", value="4.488", status="official")]
    )
    with pytest.raises(DomainError) as exc:
        services.record_values(people["specialist"], [row(value="9.000")])
    assert exc.value.errors[0]["field"] == "note" and "100,5%" in exc.value.errors[0]["message"]
    [dv] = services.record_values(
        people["specialist"], [row(value="9.000", note="Thu tiền sử dụng đất tăng đột biến")]
    )
    assert dv.note.startswith("Thu tiền")
    services.record_values(
        people["specialist"], [row(value="6.265")]
    )  # +39,6% is under the 50% threshold


def test_duplicate_rows_in_one_request_are_refused(people, revenue, province):
    with pytest.raises(DomainError) as exc:
        services.record_values(people["specialist"], [row(), row(value="1")])
    assert exc.value.errors == [
        {"index": 1, "field": "period", "message": exc.value.errors[0]["message"]}
    ]


def test_indicator_creation_refuses_a_summed_rate(people, agencies):
    with pytest.raises(DomainError) as exc:
        services.create_indicator(
            people["steering"],
            {
                "code": "GRDP",
                "name": "Tăng trưởng GRDP",
                "unit_of_measure": "%",
                "kind": "rate",
                "unit_aggregation": "sum",
                "lead_agency": "VP-UBND",
            },
        )
    assert exc.value.field == "unit_aggregation"
    with pytest.raises(DomainError) as exc:
        services.create_indicator(
            people["steering"], {"code": "T", "name": "T", "unit_of_measure": "%"}
        )
    assert exc.value.field == "lead_agency"
    assert "cơ quan chủ trì" in str(exc.value)
    ind = services.create_indicator(
        people["specialist"],
        {
            "code": "THU",
            "name": "Thu ngân sách",
            "unit_of_measure": "tỷ đồng",
            "lead_agency": "STC",
        },
    )
    assert ind.search_key.startswith("thu thu ngan sach")
    with pytest.raises(NotAllowed):
        services.create_indicator(
            people["outsider"],
            {"code": "X", "name": "X", "unit_of_measure": "x", "lead_agency": "STC"},
        )


def test_units_must_be_at_a_reporting_level_and_exist_in_the_period(
    people, revenue, province, communes
):
    revenue.levels = [1, 2]
    revenue.save()
    with pytest.raises(DomainError) as exc:
        services.record_values(
            people["specialist"], [row(unit="24778"), row(unit="672", period="2026S1")]
        )
    assert [(e["index"], e["field"]) for e in exc.value.errors] == [(0, "unit"), (1, "unit")]
    # 672 names Thành phố Đà Lạt only until 30/06/2025: the answer says so.
    assert exc.value.errors[1]["message"] == "Thành phố Đà Lạt không còn tồn tại từ 01/07/2025."


def test_a_retired_indicator_takes_no_more_figures(people, revenue, province):
    revenue.retired = True
    revenue.save()
    with pytest.raises(DomainError) as exc:
        services.record_values(people["specialist"], [row()])
    assert "ngừng theo dõi" in exc.value.errors[0]["message"]


def test_a_lock_for_one_unit_leaves_the_others_open(people, revenue, province, districts, agencies):
    revenue.levels = [1, 2]
    revenue.save()
    ValueLock.objects.create(
        agency=agencies["STC"], period_id="2021", unit=districts[0], reason="Đã chấp nhận"
    )
    with pytest.raises(DomainError) as exc:
        services.record_values(people["specialist"], [row(unit="672"), row(unit="673")])
    assert [e["index"] for e in exc.value.errors] == [0]
    assert "Đã chấp nhận" in exc.value.errors[0]["message"]
