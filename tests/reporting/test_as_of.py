"""Reporting seen as of a date: the cycle board's timeliness on both sides of the report
deadline, and the province report counting tasks as of the cycle's cut-off date (ngày
chốt số liệu), whatever day it is drafted."""

from datetime import date

import pytest
import time_machine

from tests.reporting.conftest import at
from theodoi.directives.models import Directive, DirectiveKind
from theodoi.reporting import assembly, services
from theodoi.reporting.models import ProvinceReport
from theodoi.tasks import services as task_services

pytestmark = pytest.mark.django_db

CUTOFF = date(2021, 6, 14)  # Nghị định 09/2019: the half-year's figures stop on 14/06
DUE = date(2021, 6, 17)  # 3 working days after the cut-off


def test_the_cycle_has_the_dates_the_law_sets(cycle):
    assert (cycle.cutoff_end, cycle.deadline) == (CUTOFF, DUE)


def _states(rows):
    return {r.agency.code: (r.timeliness.state, r.timeliness.days_late) for r in rows}


def test_the_board_on_the_deadline_and_the_day_after(submitted, cycle):
    """STC sent on 15/06; SVH never did. Opened in 2026, each date says what stood then."""
    with time_machine.travel(at(2026, 11, 30), tick=False):
        assert _states(assembly.board(cycle, date(2021, 6, 14))) == {
            "STC": ("pending", 0),  # sent the next day: not yet on 14/06
            "SVHTTDL": ("pending", 0),
        }
        assert _states(assembly.board(cycle, DUE)) == {
            "STC": ("on_time", 0),
            "SVHTTDL": ("pending", 0),
        }
        assert _states(assembly.board(cycle, date(2021, 6, 18))) == {
            "STC": ("on_time", 0),
            "SVHTTDL": ("missing", 1),
        }


def test_the_cycle_page_and_api_speak_of_the_chosen_date(submitted, cycle, client_as, api_as):
    with time_machine.travel(at(2026, 11, 30), tick=False):
        c = client_as("steering")
        c.get(f"/?ngay={DUE:%d/%m/%Y}")
        counts = c.get(f"/bao-cao/ky/{cycle.pk}/").context["counts"]
        assert counts["missing"] == 0
        c.get("/?ngay=18/06/2021")
        assert c.get(f"/bao-cao/ky/{cycle.pk}/").context["counts"]["missing"] == 1
        body = c.get(f"/bao-cao/ky/{cycle.pk}/").content.decode()
        assert "1.992" not in body and "1992" not in body
        api = api_as("steering")
        [row] = api.get("/api/v1/reporting/cycles", as_of="2021-06-17").json()
        assert (row["missing"], row["as_of"]) == (0, "2021-06-17")
        row = api.get(f"/api/v1/reporting/cycles/{cycle.pk}", as_of="2021-06-18").json()
        assert (row["missing"], row["as_of"]) == (1, "2021-06-18")
        svh = next(s for s in row["submissions"] if s["agency"] == "SVHTTDL")
        assert (svh["timeliness"], svh["days_late"]) == ("missing", 1)
        # Without as_of: today, 2026 — the figure the issue saw.
        row = api.get(f"/api/v1/reporting/cycles/{cycle.pk}").json()
        svh = next(s for s in row["submissions"] if s["agency"] == "SVHTTDL")
        assert svh["days_late"] == (date(2026, 11, 30) - DUE).days


@pytest.fixture
def cut_off_tasks(agencies, people):
    """Three tasks of STC assigned on 01/06/2021: due on the cut-off day, due the day before,
    and due on 13/06 but reported done on 16/06 (after the cut-off) and confirmed."""
    office = people["steering"]
    d = Directive.objects.create(
        kind=DirectiveKind.PLAN,
        number="112/KH-UBND",
        title="Kế hoạch",
        issuer=agencies["UBND"],
        issued_on=date(2021, 3, 1),
        term="2020-2025",
    )
    with time_machine.travel(at(2021, 6, 1), tick=False):
        tasks = task_services.create_tasks(
            office,
            d,
            [
                {"title": "Hạn đúng ngày chốt", "lead": agencies["STC"], "deadline": CUTOFF},
                {
                    "title": "Hạn trước ngày chốt",
                    "lead": agencies["STC"],
                    "deadline": date(2021, 6, 13),
                },
                {
                    "title": "Xong sau ngày chốt",
                    "lead": agencies["STC"],
                    "deadline": date(2021, 6, 13),
                },
            ],
        )
    with time_machine.travel(at(2021, 6, 16), tick=False):
        task_services.report_done(people["leader"], tasks[2], text="Đã xong.")
    with time_machine.travel(at(2021, 6, 17), tick=False):
        task_services.confirm_done(office, tasks[2])
    # Assigned after the cut-off: not in the report of this cycle.
    with time_machine.travel(at(2021, 6, 20), tick=False):
        task_services.create_tasks(
            office,
            d,
            [{"title": "Giao sau", "lead": agencies["STC"], "deadline": date(2021, 6, 30)}],
        )
    return tasks


@pytest.mark.parametrize("drafted", [date(2021, 6, 14), date(2021, 6, 15), date(2026, 11, 30)])
def test_the_report_counts_tasks_as_of_the_cut_off_whenever_it_is_drafted(
    cycle, cut_off_tasks, drafted
):
    with time_machine.travel(at(drafted.year, drafted.month, drafted.day), tick=False):
        counts, laggards = assembly.task_counts(cycle)
    # On 14/06: the task due that day is within its deadline; the two due on 13/06 are one
    # day overdue (the one done on 16/06 was not done yet); the task of 20/06 is not counted.
    assert (counts.in_time, counts.overdue, counts.on_time, counts.late) == (1, 2, 0, 0)
    assert laggards == [("STC", 2)]


def test_the_drafted_report_says_so(cycle, cut_off_tasks, people):
    with time_machine.travel(at(2026, 11, 30), tick=False):
        report = services.draft_province_report(people["steering"], cycle)
    text = " ".join(s["text"] for s in ProvinceReport.objects.get(pk=report.pk).sections)
    assert "có 3 nhiệm vụ đến hạn, đã hoàn thành 0 nhiệm vụ" in text
    assert "quá hạn chưa hoàn thành 2, đang thực hiện trong hạn 1" in text


def test_the_board_shows_each_report_as_it_stood_on_the_date(submitted, cycle, people):
    """STC's report: drafted 10/06, sent 15/06, accepted 22/06."""
    with time_machine.travel(at(2021, 6, 22), tick=False):
        services.accept(people["steering"], submitted)
    with time_machine.travel(at(2026, 11, 30), tick=False):

        def stc(day):
            rows = assembly.board(cycle, day)
            [r] = [r for r in rows if r.agency.code == "STC"]
            return str(r.state_label), r.tone, assembly.board_counts(rows)

        label, tone, counts = stc(date(2021, 6, 9))
        assert label == "Chưa lập" and (counts["accepted"], counts["waiting"]) == (0, 0)
        label, tone, counts = stc(date(2021, 6, 14))
        assert label == "Dự thảo" and (counts["accepted"], counts["waiting"]) == (0, 0)
        label, tone, counts = stc(date(2021, 6, 21))
        assert label == "Đã gửi" and tone == "info"
        assert (counts["accepted"], counts["waiting"]) == (0, 1)
        label, tone, counts = stc(date(2021, 6, 22))
        assert label == "Đã tiếp nhận" and tone == "ok"
        assert (counts["accepted"], counts["waiting"]) == (1, 0)


def test_the_submission_page_judges_timeliness_on_the_date(submitted, cycle, client_as):
    """STC sent on 15/06/2021 (deadline 17/06): not yet sent on 14/06, on time from 15/06."""
    with time_machine.travel(at(2026, 11, 30), tick=False):
        c = client_as("steering")
        page = f"/bao-cao/ky/{cycle.pk}/{submitted.agency.code}/"
        c.get("/?ngay=14/06/2021")
        assert c.get(page).context["timeliness"].state == "pending"
        c.get("/?ngay=15/06/2021")
        assert c.get(page).context["timeliness"].state == "on_time"
