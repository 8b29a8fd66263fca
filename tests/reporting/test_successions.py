"""Reporting cycles from a merge date expect the successor (Nghị định 45/2025/NĐ-CP): Sở Kế
hoạch và Đầu tư reports until it is dissolved on 01/03/2025; a cycle due on or after that day
expects Sở Tài chính in its place, once, with the old agency's template rows."""

from datetime import date

import pytest

from tests.tasks.test_agency_merge import MERGE, merge, ministry  # noqa: F401 - a fixture
from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError
from theodoi.reporting import assembly, services
from theodoi.reporting.models import TemplateItem
from theodoi.reporting.queries import template_rows_for
from theodoi.reporting.schedule import expected_agencies
from theodoi.targets.models import Indicator


# -- the rule, on plain values -------------------------------------------------------
def test_an_agency_dissolved_by_the_day_is_replaced_by_its_successor():
    heirs = {"SKHDT": [(MERGE, "STC")]}
    regime = ["SKHDT", "SVH"]
    assert expected_agencies(regime, date(2025, 2, 28), heirs) == [("SKHDT", []), ("SVH", [])]
    assert expected_agencies(regime, MERGE, heirs) == [("STC", ["SKHDT"]), ("SVH", [])]


def test_a_successor_that_already_reports_is_listed_once():
    heirs = {"SKHDT": [(MERGE, "STC")]}
    assert expected_agencies(["SKHDT", "STC"], MERGE, heirs) == [("STC", ["SKHDT"])]
    assert expected_agencies(["STC", "SKHDT"], MERGE, heirs) == [("STC", ["SKHDT"])]


def test_two_merged_into_one_and_a_chain_of_merges():
    heirs = {
        "SNN": [(MERGE, "SNNMT")],
        "STNMT": [(MERGE, "SNNMT")],
        "SNNMT": [(date(2026, 1, 1), "SMOI")],
    }
    assert expected_agencies(["SNN", "STNMT"], MERGE, heirs) == [("SNNMT", ["SNN", "STNMT"])]
    assert expected_agencies(["SNN", "STNMT"], date(2026, 1, 1), heirs) == [
        ("SMOI", ["SNN", "STNMT"])
    ]
    # A lineage that loops on itself stops instead of running forever.
    loop = {"A": [(MERGE, "B")], "B": [(MERGE, "A")]}
    assert expected_agencies(["A"], MERGE, loop) == [("A", [])]


# -- cycles ---------------------------------------------------------------------------
@pytest.fixture
def skhdt(agencies, regime, ministry):  # noqa: F811 - the imported fixture
    """Sở Kế hoạch và Đầu tư reports the regime (with its own template row: FDI capital)."""
    a = ministry
    fdi = Indicator.objects.create(
        code="VON_FDI",
        name="Vốn đầu tư trực tiếp nước ngoài",
        unit_of_measure="triệu USD",
        field="đầu tư",
        kind="flow",
        lead_agency=a,
        finest_period="quarter",
    )
    TemplateItem.objects.create(regime=regime, indicator=fdi, order=3)
    regime.agencies.set([a, agencies["SVH"]])
    return a


def codes(cycle):
    return sorted(cycle.agencies.values_list("code", flat=True))


def test_a_cycle_due_before_the_merge_expects_the_old_agency(
    regime, skhdt, agencies, people, client_as
):
    merge(people, agencies)
    cycle = services.open_cycle(people["steering"], regime, "2024S2")
    assert cycle.deadline < MERGE
    assert codes(cycle) == ["SKHDT", "SVHTTDL"]
    assert [r.agency.code for r in assembly.board(cycle, today=date(2024, 12, 1))] == [
        "SKHDT",
        "SVHTTDL",
    ]
    body = client_as("steering").get(f"/bao-cao/ky/{cycle.pk}/").content.decode()
    assert "Sở Kế hoạch và Đầu tư" in body and "giải thể, hợp nhất từ" not in body


def test_a_cycle_due_from_the_merge_expects_the_successor(regime, skhdt, agencies, people):
    merge(people, agencies)
    cycle = services.open_cycle(people["steering"], regime, "2025S1")
    assert cycle.deadline >= MERGE
    assert codes(cycle) == ["STC", "SVHTTDL"]
    entry = AuditEntry.objects.get(action="reporting.cycle.opened")
    assert entry.data["agencies"] == ["STC", "SVHTTDL"]
    assert entry.data["replaced"] == {"STC": ["SKHDT"]}
    rows = {r.agency.code: r for r in assembly.board(cycle, today=date(2025, 6, 1))}
    assert [a.code for a in rows["STC"].stands_for] == ["SKHDT"]
    assert rows["SVHTTDL"].stands_for == ()
    # The old agency is no longer expected; its successor reports its template rows too.
    with pytest.raises(DomainError, match="không thuộc đối tượng thực hiện"):
        services.start_submission(people["admin"], cycle, skhdt)
    sub = services.start_submission(people["specialist"], cycle, agencies["STC"])
    assert [t.indicator.code for t in template_rows_for(sub)] == ["THU_NSNN", "VON_FDI"]


def test_a_successor_already_in_the_regime_is_expected_once(regime, skhdt, agencies, people):
    regime.agencies.add(agencies["STC"])
    merge(people, agencies)
    cycle = services.open_cycle(people["steering"], regime, "2025S1")
    assert codes(cycle) == ["STC", "SVHTTDL"]


def test_an_open_cycle_keeps_the_agencies_it_was_opened_with(
    regime, skhdt, agencies, people, client_as
):
    """A cycle opened before the merge was recorded is not rewritten by it: the office sees
    the old agency on its board and decides (the rule applies to cycles opened from then on)."""
    cycle = services.open_cycle(people["steering"], regime, "2025S1")
    merge(people, agencies)
    cycle.refresh_from_db()
    assert codes(cycle) == ["SKHDT", "SVHTTDL"]
    # The board says so, so that the office decides knowingly.
    body = client_as("steering").get(f"/bao-cao/ky/{cycle.pk}/").content.decode()
    assert "giải thể, hợp nhất từ 01/03/2025: kỳ này mở trước khi ghi nhận" in body


def test_the_cycle_and_regime_pages_say_who_reports_for_whom(
    regime, skhdt, agencies, people, client_as
):
    merge(people, agencies)
    cycle = services.open_cycle(people["steering"], regime, "2025S1")
    c = client_as("steering")
    body = c.get(f"/bao-cao/ky/{cycle.pk}/").content.decode()
    assert "báo cáo thay Sở Kế hoạch và Đầu tư" in body
    body = c.get("/bao-cao/che-do/").content.decode()
    assert "Sở Kế hoạch và Đầu tư (giải thể từ 01/03/2025; báo cáo thay: STC)" in body
