"""The seed report as acceptance: its paragraphs, read as text against the demo's
indicators and plans, give the six figures and every claim checks out."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from theodoi.narratives import services
from theodoi.targets.models import DataValue

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parent / "corpus" / "seed.txt"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return get_user_model().objects.get(username="admin")


def _by_code(result):
    return {s["indicator"]: s for s in result["statements"] if s["indicator"]}


def test_the_seed_gives_its_six_figures_and_every_claim_checks_out(demo):
    result = services.preview(demo, text=SEED.read_text(), period="2021S1")
    got = _by_code(result)
    expected = {
        "GRDP": ("5", "estimate", 0),
        "THU_NSNN": ("6265", "estimate", 2),
        "CHI_NSDP": ("7663", "estimate", 0),
        "XA_NTM_NC": ("13", "preliminary", 0),
        "XA_NTM_KM": ("5", "preliminary", 0),
        "KHACH_LUU_TRU": ("1900000", "estimate", 2),
    }
    assert set(expected) <= set(got)
    for code, (value, status, n_claims) in expected.items():
        s = got[code]
        assert (s["value"], s["status"], s["period"], s["unit"]) == (value, status, "2021S1", "68")
        assert len(s["claims"]) == n_claims, code
        assert all(c["ok"] is True for c in s["claims"]), (code, s["claims"])
        assert s["flags"] == [] and s["committable"], (code, s["flags"])
    revenue = got["THU_NSNN"]["claims"]
    assert [(c["kind"], c["claimed"], c["computed"]) for c in revenue] == [
        ("plan", "67.4", "67.4"),
        ("growth", "39.6", "39.6"),
    ]
    assert got["THU_NSNN"]["figure"] == "6.265 tỷ đồng"
    # Nothing is written by a preview.
    assert not DataValue.objects.filter(source__startswith="Báo cáo").exists()


def test_a_wrong_claim_is_flagged_with_both_numbers(demo):
    text = "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.055 tỷ đồng, bằng 67,4% dự toán."
    s = _by_code(services.preview(demo, text=text))["THU_NSNN"]
    assert s["claims"][0]["ok"] is False
    assert "báo cáo ghi 67,4%, tính từ số liệu được 65,1%" in s["flags"]


def test_a_missing_plan_is_implied_and_not_stored(demo):
    text = "Chi ngân sách địa phương năm 2022 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán."
    s = _by_code(services.preview(demo, text=text))["CHI_NSDP"]
    claim = s["claims"][0]
    assert claim["ok"] is None and claim["implied"] == "9295.25"
    assert "9.295" in claim["message"]


def test_commit_writes_the_ticked_figures_with_the_document_as_source(demo):
    text = "Trong quý III năm 2021, khách qua lưu trú ước đạt 950 nghìn lượt."
    s = _by_code(services.preview(demo, text=text))["KHACH_LUU_TRU"]
    assert (s["value"], s["period"]) == ("950000", "2021Q3")
    services.commit(demo, [s], filename="bao-cao-q3.docx")
    dv = DataValue.objects.get(indicator__code="KHACH_LUU_TRU", period_id="2021Q3", is_latest=True)
    assert dv.value == Decimal(950000) and dv.status == "estimate"
    assert dv.source == "Báo cáo: bao-cao-q3.docx"
    assert "bao-cao-q3.docx" in dv.note and "950 nghìn lượt" in dv.note
