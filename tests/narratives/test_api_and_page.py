"""The API and the page: same permissions as data entry, every persona; nothing written
before confirmation; the figures land with the document as their source; locks hold."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.narratives.test_readers import docx_bytes
from theodoi.audit.models import AuditEntry
from theodoi.targets.models import DataValue, Indicator, ValueLock

pytestmark = pytest.mark.django_db

TEXT = (
    "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán; "
    "khách qua lưu trú ước đạt 1,9 triệu lượt."
)


def _preview(api, text=TEXT):
    return api.upload("/api/v1/narratives/preview", {}, {"text": text})


@pytest.mark.parametrize(
    ("persona", "thu", "khach"),
    [
        ("admin", True, True),
        ("steering", True, True),
        ("leader", True, False),
        ("specialist", True, False),
        ("viewer", False, False),
        ("outsider", False, True),
    ],
)
def test_preview_proposes_what_each_persona_may_write(api_as, indicators, persona, thu, khach):
    r = _preview(api_as(persona))
    assert r.status_code == 200, r.content
    got = {s["indicator"]: s for s in r.json()["statements"]}
    assert got["THU_NSNN"]["committable"] is thu
    assert got["KHACH_LUU_TRU"]["committable"] is khach
    assert got["THU_NSNN"]["claims"][0]["ok"] is True
    assert not DataValue.objects.exists()


def test_commit_writes_through_the_service_with_the_document_as_source(api_as, indicators):
    api = api_as("specialist")
    row = {s["indicator"]: s for s in _preview(api).json()["statements"]}["THU_NSNN"]
    payload = {"filename": "bc-6thang.docx", "statements": [row]}
    r = api.post("/api/v1/narratives/commit", payload)
    assert r.status_code == 200, r.content
    dv = DataValue.objects.get(indicator__code="THU_NSNN", period_id="2021S1")
    assert dv.value == Decimal(6265) and dv.status == "estimate"
    assert dv.source == "Báo cáo: bc-6thang.docx" and "6.265 tỷ đồng" in dv.note
    assert AuditEntry.objects.filter(action="targets.datavalue.recorded").count() == 1


def test_commit_is_all_or_nothing_and_refuses_what_the_person_may_not_write(api_as, indicators):
    api = api_as("specialist")
    rows = _preview(api_as("admin")).json()["statements"]
    r = api.post("/api/v1/narratives/commit", {"filename": "x.docx", "statements": rows})
    assert r.status_code in (400, 403)
    assert not DataValue.objects.exists()


def test_locks_are_respected(api_as, indicators, agencies, people):
    ValueLock.objects.create(agency=agencies["STC"], period_id="2021S1", locked_by=people["admin"])
    api = api_as("steering")
    row = {s["indicator"]: s for s in _preview(api).json()["statements"]}["THU_NSNN"]
    r = api.post("/api/v1/narratives/commit", {"filename": "x.docx", "statements": [row]})
    assert r.status_code == 400 and "khóa" in str(r.json())
    assert not DataValue.objects.exists()


def test_the_outsider_and_nobody(api_as, client, indicators):
    assert client.post("/api/v1/narratives/preview", {"text": TEXT}).status_code == 401
    assert _preview(api_as("nobody")).status_code == 403
    r = api_as("nobody").post("/api/v1/narratives/commit", {"statements": []})
    assert r.status_code == 403


def test_empty_input_is_refused_in_vietnamese(api_as, indicators):
    r = _preview(api_as("steering"), text="")
    assert r.status_code == 400 and "Chưa có nội dung" in r.json()["detail"]
    r = _preview(api_as("steering"), text="Tình hình an ninh chính trị ổn định.")
    assert r.status_code == 400 and "Không tìm thấy số liệu" in r.json()["detail"]


def test_the_page_previews_a_docx_flags_a_wrong_claim_and_confirms(client_as, indicators):
    client = client_as("steering")
    wrong = TEXT.replace("67,4%", "70,1%")
    upload = SimpleUploadedFile("bao-cao.docx", docx_bytes([wrong]))
    r = client.post(reverse("narratives:index"), {"file": upload, "period": "2021S1"})
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert "<mark>6.265 tỷ đồng</mark>" in page
    # The wrong claim's message once, beside its claim (not again among the notes).
    assert page.count("báo cáo ghi 70,1%, tính từ số liệu được 67,4%") == 1
    assert "Chưa khớp chỉ tiêu" not in page  # every figure matched: no empty list
    r = client.post(r["Location"], {"action": "commit", "pick": ["0", "1"]})
    assert r.status_code == 302
    assert DataValue.objects.get(indicator__code="THU_NSNN").source == "Báo cáo: bao-cao.docx"
    assert DataValue.objects.get(indicator__code="KHACH_LUU_TRU").value == Decimal(1900000)
    detail = client.get(reverse("targets:detail", args=["THU_NSNN"])).content.decode()
    assert "6.265" in detail


def test_add_a_synonym_in_one_step(client_as, indicators):
    client = client_as("specialist")
    r = client.post(
        reverse("narratives:synonym"), {"indicator": "THU_NSNN", "words": "tổng thu ngân sách"}
    )
    assert r.status_code == 302
    assert "tổng thu ngân sách" in Indicator.objects.get(code="THU_NSNN").synonyms
    assert AuditEntry.objects.filter(action="targets.indicator.synonym_added").exists()
    # The outsider may not touch another agency's indicator.
    r = client_as("outsider").post(
        reverse("narratives:synonym"), {"indicator": "THU_NSNN", "words": "thu tiền"}
    )
    assert r.status_code == 403
    assert "thu tiền" not in Indicator.objects.get(code="THU_NSNN").synonyms


def test_a_number_that_reads_two_ways_is_asked_in_the_preview(api_as, indicators):
    text = "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 1,234 tỷ đồng."
    (row,) = _preview(api_as("steering"), text=text).json()["statements"]
    assert row["indicator"] == "THU_NSNN" and row["value"] is None
    assert not row["committable"]
    assert any("không rõ nghĩa" in f for f in row["flags"])
