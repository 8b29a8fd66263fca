"""What the preview says of each claim, pure: a claim that does not add up is flagged with
both numbers in the units it is written in (%, điểm phần trăm, lần); a missing reference is
implied as information only."""

from decimal import Decimal

import pytest

from theodoi.narratives.claims import check, message

D = Decimal


@pytest.mark.parametrize(
    ("kind", "claimed", "decimals", "value", "reference", "said"),
    [
        # "bằng 67,4% dự toán": 6.055 / 9.300 = 65,1%.
        ("plan", "67.4", 1, "6055", "9300", "báo cáo ghi 67,4%, tính từ số liệu được 65,1%"),
        # "giảm 10% so với cùng kỳ": 450 / 480 − 1 = −6,25% → −6%.
        ("growth", "-10", 0, "450", "480", "báo cáo ghi -10%, tính từ số liệu được -6%"),
        # "giảm 0,5 điểm phần trăm": 2,35 − 3,15 = −0,8.
        (
            "points",
            "-0.5",
            1,
            "2.35",
            "3.15",
            "báo cáo ghi -0,5 điểm phần trăm, tính từ số liệu được -0,8 điểm phần trăm",
        ),
        # "gấp 1,5 lần": 3.200.000 / 2.500.000 = 1,28 → 1,3.
        (
            "times",
            "1.5",
            1,
            "3200000",
            "2500000",
            "báo cáo ghi 1,5 lần, tính từ số liệu được 1,3 lần",
        ),
    ],
)
def test_a_wrong_claim_says_both_numbers(kind, claimed, decimals, value, reference, said):
    result = check(kind, D(claimed), decimals, D(value), D(reference))
    assert result.ok is False
    assert message(result, decimals, "tỷ đồng") == said


def test_a_claim_that_checks_out_says_nothing():
    result = check("plan", D("67.4"), 1, D(6265), D(9300))
    assert result.ok is True and message(result, 1, "tỷ đồng") == ""


def test_a_missing_reference_is_implied_as_information_only():
    plan = message(check("plan", D("67.4"), 1, D(6265), None), 1, "tỷ đồng")
    assert plan == (
        "Chưa có kế hoạch/dự toán năm trong hệ thống; câu này ngụ ý khoảng 9.295 tỷ đồng "
        "(chỉ để tham khảo, không lưu)."
    )
    growth = message(check("growth", D("-10"), 0, D(450), None), 0, "tỷ đồng")
    assert "số cùng kỳ năm trước" in growth and "khoảng 500 tỷ đồng" in growth
