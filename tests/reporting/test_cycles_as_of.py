"""Which cycles a list shows as of a date (reporting.queries.cycles_known_on): the page, the
API and the home panel ask the same rule. A cycle opened in 2026 for 2026 is not there when
the figures are read as of 15/06/2021; a cycle whose cut-off had begun is, even when it was
opened later; as of today every opened cycle is."""

from datetime import date, timedelta

import pytest
import time_machine

from tests.reporting.conftest import at
from theodoi.reporting import services
from theodoi.reporting.queries import cycles_known_on

pytestmark = pytest.mark.django_db


def test_a_cycle_is_known_once_opened_or_once_its_cutoff_began(regime, people):
    with time_machine.travel(at(2026, 6, 15), tick=False):
        old = services.open_cycle(people["steering"], regime, "2021S1")
        new = services.open_cycle(people["steering"], regime, "2026S1")
    assert set(cycles_known_on(date(2021, 6, 15))) == {old}  # its cut-off had begun
    assert set(cycles_known_on(date(2020, 11, 1))) == set()
    assert set(cycles_known_on(date(2026, 6, 15))) == {old, new}  # opened that day


def test_the_list_and_the_api_show_only_the_cycles_known_on_the_as_of_date(
    client, api_as, regime, people
):
    with time_machine.travel(at(2026, 6, 15), tick=False):
        services.open_cycle(people["steering"], regime, "2021S1")
        services.open_cycle(people["steering"], regime, "2026S1")
    client.force_login(people["steering"])

    def listed() -> str:  # the table of cycles, not the form that opens one
        page = client.get("/bao-cao/").content.decode()
        return page[page.index("<table") :]

    assert "6 tháng đầu năm 2021" in listed() and "6 tháng đầu năm 2026" in listed()
    client.get("/bao-cao/?ngay=15/06/2021")
    assert "6 tháng đầu năm 2021" in listed() and "6 tháng đầu năm 2026" not in listed()
    answer = api_as("steering").get("/api/v1/reporting/cycles", as_of="2021-06-15").json()
    assert [c["period"] for c in answer] == ["2021S1"]
    assert len(api_as("steering").get("/api/v1/reporting/cycles").json()) == 2


def test_the_day_before_and_the_day_of_each_boundary(regime, people):
    """Issue 14, item 8: both sides of the cut-off's first day (a cycle opened later) and of
    the opening day (a cycle whose cut-off begins later)."""
    with time_machine.travel(at(2026, 6, 15), tick=False):
        old = services.open_cycle(people["steering"], regime, "2021S1")
    with time_machine.travel(at(2025, 11, 3), tick=False):
        early = services.open_cycle(people["steering"], regime, "2026S1")
    start = old.cutoff_start
    assert set(cycles_known_on(start - timedelta(days=1))) == set()
    assert set(cycles_known_on(start)) == {old}
    assert early.cutoff_start > date(2025, 11, 3)  # opened before its window began
    assert early not in set(cycles_known_on(date(2025, 11, 2)))
    assert early in set(cycles_known_on(date(2025, 11, 3)))
