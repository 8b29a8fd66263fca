"""The agency scoreboard for a span."""

from datetime import date
from decimal import Decimal

from theodoi.tasks import services
from theodoi.tasks import status as st
from theodoi.tasks.models import Task
from theodoi.tasks.scoreboard import scoreboard, totals


def test_counts_rates_and_the_span(people, agencies, directive, at):
    at(date(2021, 1, 4))
    t = services.create_tasks(
        people["steering"],
        directive,
        [
            {"title": "A đúng hạn", "lead": agencies["STC"], "deadline": date(2021, 3, 31)},
            {"title": "B quá hạn", "lead": agencies["STC"], "deadline": date(2021, 6, 30)},
            {"title": "C trong hạn", "lead": agencies["STC"], "deadline": date(2021, 12, 31)},
            {"title": "D năm sau", "lead": agencies["STC"], "deadline": date(2022, 3, 31)},
            {"title": "E thường xuyên", "lead": agencies["SVH"], "recurrence": "thường xuyên"},
            {"title": "F hủy", "lead": agencies["SVH"], "deadline": date(2021, 5, 1)},
            {"title": "G hằng quý", "lead": agencies["SVH"], "recurrence": "hằng quý"},
        ],
    )
    at(date(2021, 3, 31))
    services.report_done(people["specialist"], t[0], text="Xong")
    services.report_done(people["outsider"], t[6], text="Quý I")
    services.confirm_done(people["steering"], t[6])
    services.confirm_done(people["steering"], t[0])
    services.cancel_task(people["steering"], t[5], reason="Không còn phù hợp")
    at(date(2021, 9, 1))
    rows = scoreboard(Task.objects.all(), date(2021, 1, 1), date(2021, 12, 31))
    by = {r.agency.code: r for r in rows}
    assert by["STC"].counts == {
        st.DONE_ON_TIME: 1,
        st.DONE_LATE: 0,
        st.IN_TIME: 1,
        st.OVERDUE: 1,
        st.NO_DEADLINE: 0,
    }
    assert by["STC"].completion_rate.quantize(Decimal("0.1")) == Decimal("33.3")
    assert by["STC"].days_overdue == 63
    # SVH: the quarterly task counts 4 occurrences (Q1 done, Q2 overdue, Q3 and Q4 within
    # deadline) + E; F cancelled.
    assert by["SVHTTDL"].counts == {
        st.DONE_ON_TIME: 1,
        st.DONE_LATE: 0,
        st.IN_TIME: 2,
        st.OVERDUE: 1,
        st.NO_DEADLINE: 1,
    }
    assert totals(rows).total == 8 and totals(rows).overdue_rate == Decimal(25)
    assert [
        r.agency.code
        for r in scoreboard(
            Task.objects.all(), date(2021, 1, 1), date(2021, 12, 31), sort="total", descending=True
        )
    ] == ["SVHTTDL", "STC"]
    assert [
        r.agency.code for r in scoreboard(Task.objects.all(), date(2022, 1, 1), date(2022, 12, 31))
    ] == ["STC", "SVHTTDL"]
