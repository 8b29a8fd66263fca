"""Regimes: created and changed by the steering office, with the Nghị định 09 fields checked."""

import pytest

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.reporting import services
from theodoi.reporting.models import ReportingRegime


def fields(agencies, **kw):
    return {
        "code": "cchc-quy",
        "name": "Báo cáo công tác cải cách hành chính",
        "content": "Kết quả cải cách hành chính.",
        "recipient": agencies["VP"],
        "method": "system",
        "frequency": "quarter",
        "cutoff_rule": "nd09",
        "deadline_kind": "day_of_month",
        "deadline_day": 18,
        "deadline_month_offset": 0,
        "issuer": agencies["UBND"],
        "symbol": "BC-UBND",
        "signature_authority": "TM. ỦY BAN NHÂN DÂN",
        "signature_position": "CHỦ TỊCH",
        "signer_name": "",
        "recipients": "Bộ Nội vụ\nLưu: VT",
        "active": True,
        **kw,
    }


def test_the_office_creates_a_regime(people, agencies, revenue):
    r = services.save_regime(
        people["steering"],
        None,
        fields(agencies),
        agencies=[agencies["STC"]],
        indicators=[revenue],
        outline_text="* 1. Kết quả\n2. Kiến nghị",
    )
    assert r.outline_sections()[0] == {
        "key": "1-ket-qua",
        "heading": "1. Kết quả",
        "required": True,
        "hint": "",
    }
    assert [t.indicator.code for t in r.template.all()] == ["THU_NSNN"]
    entry = AuditEntry.objects.get(action="reporting.regime.created")
    assert (
        entry.data["template"] == ["THU_NSNN"]
        and entry.data["deadline"] == "ngày 18 của tháng cuối kỳ"
    )


def test_bad_regimes_are_refused_with_every_reason(people, agencies, revenue):
    revenue.retired = True
    revenue.save()
    with pytest.raises(DomainError) as e:
        services.save_regime(
            people["steering"],
            None,
            fields(agencies, name="", deadline_day=14),
            agencies=[],
            indicators=[revenue],
            outline_text="  ",
        )
    assert {x["field"] for x in e.value.errors} == {
        "name",
        "agencies",
        "outline",
        "template",
        "deadline_day",
    }
    gap = next(x["message"] for x in e.value.errors if x["field"] == "deadline_day")
    assert "Điều 8" in gap
    assert not ReportingRegime.objects.exists()


def test_only_the_office_and_codes_are_unique(people, agencies):
    with pytest.raises(NotAllowed):
        services.save_regime(
            people["leader"],
            None,
            fields(agencies),
            agencies=[agencies["STC"]],
            indicators=[],
            outline_text="* Kết quả",
        )
    services.save_regime(
        people["steering"],
        None,
        fields(agencies),
        agencies=[agencies["STC"]],
        indicators=[],
        outline_text="* Kết quả",
    )
    with pytest.raises(DomainError, match="đã có chế độ báo cáo khác"):
        services.save_regime(
            people["steering"],
            None,
            fields(agencies, name="Khác"),
            agencies=[agencies["STC"]],
            indicators=[],
            outline_text="* Kết quả",
        )


def test_the_regime_page_form(client_as, agencies, regime):
    c = client_as("steering")
    page = c.get(f"/bao-cao/che-do/{regime.pk}/sua/").content.decode()
    assert "* 1. Kết quả thực hiện nhiệm vụ" in page
    data = {
        "code": regime.code,
        "name": regime.name,
        "content": regime.content,
        "recipient": agencies["VP"].pk,
        "method": "system",
        "frequency": "half",
        "cutoff_rule": "nd09",
        "deadline_kind": "working_days",
        "deadline_day": "5",
        "deadline_month_offset": "0",
        "issuer": agencies["UBND"].pk,
        "symbol": "BC-UBND",
        "signature_authority": "TM. ỦY BAN NHÂN DÂN",
        "signature_position": "CHỦ TỊCH",
        "signer_name": "",
        "recipients": "Lưu: VT",
        "active": "on",
        "agencies": [agencies["STC"].pk],
        "indicators": [],
        "outline_text": "* 1. Kết quả nổi bật\n* 2. Khó khăn, vướng mắc\n3. Đề xuất, kiến nghị",
    }
    response = c.post(f"/bao-cao/che-do/{regime.pk}/sua/", data, follow=True)
    assert "Đã lưu chế độ báo cáo." in response.content.decode()
    regime.refresh_from_db()
    assert (
        regime.deadline_day == 5 and regime.outline[0]["key"] == "ket-qua"
    )  # the key survives the new heading
    assert not regime.template.exists()
    data["deadline_kind"], data["deadline_day"] = "day_of_month", "14"
    text = c.post(f"/bao-cao/che-do/{regime.pk}/sua/", data).content.decode()
    assert "Điều 8" in text
    regime.refresh_from_db()
    assert regime.deadline_kind == "working_days"
    assert client_as("leader").get(f"/bao-cao/che-do/{regime.pk}/sua/").status_code == 403
