"""Who led a task on a given day (tasks.leads): plain values, no database."""

from datetime import date

from theodoi.tasks.leads import Handover, Spell, describe, lead_on, spells

MERGE = date(2025, 3, 1)
ONE = [Handover(MERGE, "SKHDT", "STC")]
# A lead handed on twice: A → B on 01/03/2025, B → C on 01/07/2025 (given out of order).
TWO = [Handover(date(2025, 7, 1), "B", "C"), Handover(MERGE, "A", "B")]


def test_without_handovers_the_current_lead_led_every_day():
    assert lead_on("STC", [], date(1990, 1, 1)) == "STC"
    assert lead_on("STC", [], date(2030, 1, 1)) == "STC"


def test_the_old_agency_leads_until_the_day_before_the_merge():
    assert lead_on("STC", ONE, date(2025, 2, 28)) == "SKHDT"
    assert lead_on("STC", ONE, MERGE) == "STC"
    assert lead_on("STC", ONE, date(2026, 1, 1)) == "STC"


def test_two_handovers_in_any_order():
    assert lead_on("C", TWO, date(2025, 2, 28)) == "A"
    assert lead_on("C", TWO, MERGE) == "B"
    assert lead_on("C", TWO, date(2025, 6, 30)) == "B"
    assert lead_on("C", TWO, date(2025, 7, 1)) == "C"


def test_spells_and_their_sentence():
    assert spells("STC", []) == [Spell("STC", None, None)]
    assert spells("C", TWO) == [
        Spell("A", None, date(2025, 2, 28)),
        Spell("B", MERGE, date(2025, 6, 30)),
        Spell("C", date(2025, 7, 1), None),
    ]
    assert (
        describe(spells("Sở Tài chính", [Handover(MERGE, "Sở Kế hoạch và Đầu tư", "Sở Tài chính")]))
        == "Sở Kế hoạch và Đầu tư đến 28/02/2025; Sở Tài chính từ 01/03/2025"
    )
    assert describe(spells("C", TWO)) == (
        "A đến 28/02/2025; B từ 01/03/2025 đến 30/06/2025; C từ 01/07/2025"
    )
