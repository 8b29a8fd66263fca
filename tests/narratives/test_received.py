"""Received reports: the upload is kept (name, size, sha256, who, cycle, agency) even when
it does not read; scans are read by a job with its progress; one page per report, reopened
to its preview; who sees it; claims compare with the exact same period last year; an
unmatched figure is matched by choosing its indicator (and a synonym, in one step)."""

import hashlib
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.narratives.test_api_and_page import TEXT
from tests.narratives.test_readers import CORPUS, docx_bytes, pdf_bytes, png
from theodoi.audit.models import AuditEntry
from theodoi.core.periods import Period
from theodoi.jobs.models import Job
from theodoi.narratives import jobs as narrative_jobs
from theodoi.narratives import readers, services
from theodoi.narratives.models import ReceivedReport
from theodoi.permissions.narratives import can_view_received
from theodoi.reporting.models import ReportingCycle, ReportingRegime
from theodoi.targets.models import DataValue, Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(agencies):
    regime = ReportingRegime.objects.create(
        code="ktxh",
        name="Báo cáo kinh tế - xã hội",
        recipient=agencies["VP"],
        frequency="half",
        deadline_kind="working_days",
        deadline_day=3,
        issuer=agencies["UBND"],
    )
    return ReportingCycle.objects.create(
        regime=regime,
        period_id="2021S1",
        cutoff_start=date(2021, 1, 1),
        cutoff_end=date(2021, 6, 15),
        deadline=date(2021, 6, 20),
        opened_at=timezone.now(),
    )


def _upload(client, name, data, **extra):
    return client.post(
        reverse("narratives:index"), {"file": SimpleUploadedFile(name, data), **extra}
    )


def test_an_upload_is_kept_with_its_attachments_and_reopens_to_its_preview(
    client_as, indicators, cycle, people
):
    client = client_as("specialist")
    data = docx_bytes([TEXT])
    r = _upload(client, "bao-cao-stc.docx", data, cycle=cycle.pk, agency="STC")
    report = ReceivedReport.objects.get()
    assert r["Location"] == reverse("narratives:received", args=[report.pk])
    assert (report.name, report.size) == ("bao-cao-stc.docx", len(data))
    assert report.sha256 == hashlib.sha256(data).hexdigest()
    assert report.uploaded_by == people["specialist"]
    assert (report.cycle, report.agency.code, report.period_id) == (cycle, "STC", "2021S1")
    assert report.status == "read" and report.file.read() == data
    assert len(report.result["statements"]) == 2
    assert AuditEntry.objects.filter(action="narratives.report.received").count() == 1
    # The cycle's period is the report's period: the sentence without one takes it.
    page = client.get(r["Location"]).content.decode()
    assert "<mark>6.265 tỷ đồng</mark>" in page and "6 tháng đầu năm 2021" in page
    # The list, filtered by cycle and by agency.
    listing = client.get(reverse("narratives:index"), {"ky": cycle.pk, "cq": "STC"})
    assert "bao-cao-stc.docx" in listing.content.decode()
    listing = client.get(reverse("narratives:index"), {"cq": "SVHTTDL"})
    assert "bao-cao-stc.docx" not in listing.content.decode()
    assert not DataValue.objects.exists()  # nothing written before confirmation


def test_attaching_to_an_agency_one_does_not_enter_for_is_refused(client_as, indicators):
    r = _upload(client_as("specialist"), "x.docx", docx_bytes([TEXT]), agency="SVHTTDL")
    assert r.status_code == 403
    assert not ReceivedReport.objects.exists()
    page = client_as("specialist").get(reverse("narratives:index")).content.decode()
    assert 'value="STC"' in page and 'value="SVHTTDL"' not in page  # the picker


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("trong.docx", b"", "rỗng"),
        ("anh.docx", None, "chỉ có hình ảnh"),
        ("mat-khau.pdf", pdf_bytes(password="pw"), "mật khẩu"),
        ("dai.pdf", pdf_bytes(pages=300), "300 trang"),
    ],
)
def test_bad_input_keeps_only_the_upload_with_its_failure(client_as, indicators, name, data, words):
    data = docx_bytes(picture=True) if data is None else data
    r = _upload(client_as("steering"), name, data)
    assert r.status_code == 200 and words in r.content.decode()
    report = ReceivedReport.objects.get()
    assert report.status == "failed" and words in report.error
    assert not DataValue.objects.exists()
    page = client_as("steering").get(reverse("narratives:received", args=[report.pk]))
    assert words in page.content.decode()


def test_a_cat_photo_goes_to_a_job_that_fails_with_the_reason(api_as, indicators):
    r = api_as("steering").upload(
        "/api/v1/narratives/preview", {"file": SimpleUploadedFile("meo.png", png(200, 200))}
    )
    assert r.status_code == 202, r.content
    job = Job.objects.get(pk=r.json()["id"])
    assert r.json()["url"] == f"/api/v1/jobs/{job.pk}"
    assert job.state == "failed" and "không giống một văn bản" in job.error
    report = ReceivedReport.objects.get(pk=r.json()["report"])
    assert report.status == "failed" and report.error == job.error
    assert not DataValue.objects.exists()  # only the upload is kept


def test_a_scan_is_read_by_a_job_whose_result_is_the_preview(client_as, api_as, indicators):
    scan = (CORPUS / "seed-scan.tif").read_bytes()
    api = api_as("steering")
    r = api.upload(
        "/api/v1/narratives/preview",
        {"file": SimpleUploadedFile("scan.tif", scan)},
        {"period": "2021S1"},
    )
    assert r.status_code == 202
    job = api.get(r.json()["url"]).json()
    assert job["state"] == "done"
    figures = [s["value"] for s in job["result"]["statements"] if s["indicator"] == "THU_NSNN"]
    assert figures == ["6265"]
    assert all(s["from_image"] for s in job["result"]["statements"])
    report = ReceivedReport.objects.get(pk=r.json()["report"])
    assert report.status == "read" and report.from_image and report.job_id == job["id"]
    page = client_as("steering").get(reverse("narratives:received", args=[report.pk]))
    assert "đọc từ ảnh — kiểm tra lại" in page.content.decode()


def test_the_job_reports_each_page_in_vietnamese(client_as, indicators, monkeypatch):
    said = []
    monkeypatch.setattr(readers, "_tesseract", lambda path: TEXT)
    monkeypatch.setattr(readers, "_need", lambda pdf: None)
    real = narrative_jobs.progress.report
    monkeypatch.setattr(
        narrative_jobs.progress,
        "report",
        lambda job, done, total, message: said.append(message) or real(job, done, total, message),
    )
    r = _upload(client_as("steering"), "quet.pdf", pdf_bytes(pages=3), period="2021S1")
    report = ReceivedReport.objects.get()
    assert r["Location"] == reverse("narratives:received", args=[report.pk])
    assert said[-3:] == ["Đang đọc trang 1/3", "Đang đọc trang 2/3", "Đang đọc trang 3/3"]
    assert report.job.state == "done" and report.status == "read"
    assert report.job.result["report"] == report.pk and report.job.result["statements"]


def test_the_reading_page_polls_while_the_job_runs_then_reloads(client_as, people, indicators):
    client = client_as("steering")
    report = services.receive(people["steering"], name="x.png", data=b"png")
    job = Job.objects.create(
        kind="narratives.read", title="x", owner=report.uploaded_by, created_at=timezone.now()
    )
    ReceivedReport.objects.filter(pk=report.pk).update(job=job)
    url = reverse("narratives:received_status", args=[report.pk])
    r = client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in r.content.decode()
    assert (
        'hx-trigger="every 1s"'
        in client.get(reverse("narratives:received", args=[report.pk])).content.decode()
    )
    Job.objects.filter(pk=job.pk).update(state="done")
    r = client.get(url, HTTP_HX_REQUEST="true")
    assert r["HX-Refresh"] == "true"


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("admin", True),
        ("steering", True),
        ("leader", True),  # a member of the agency it is attached to
        ("specialist", True),  # the uploader
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_who_sees_a_received_report(client_as, people, indicators, persona, sees):
    report = services.receive(people["specialist"], name="a.txt", data=b"x", agency="STC")
    assert can_view_received(people[persona], report) is sees
    r = client_as(persona).get(reverse("narratives:received", args=[report.pk]))
    assert r.status_code == (200 if sees else 403)
    listing = client_as(persona).get(reverse("narratives:index")).content.decode()
    assert ("a.txt" in listing) is sees


def test_choosing_an_indicator_rematches_and_adds_the_synonym_in_one_step(
    client_as, people, indicators
):
    client = client_as("steering")
    text = "Tổng thu ngân sách trên địa bàn 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng."
    Indicator.objects.filter(code="THU_NSNN").update(synonyms="")
    r = client.post(reverse("narratives:index"), {"text": text, "period": "2021S1"})
    report = ReceivedReport.objects.get()
    page = client.get(r["Location"]).content.decode()
    assert "Chưa khớp chỉ tiêu" in page and 'name="pick"' not in page
    r = client.post(
        r["Location"],
        {
            "action": "choose",
            "index": "0",
            "indicator": "THU_NSNN",
            "synonym": "1",
            "words": "Tổng thu ngân sách trên địa bàn",
        },
    )
    page = client.get(r["Location"]).content.decode()
    assert 'name="pick" value="0"' in page and "Chưa khớp chỉ tiêu" not in page
    assert "Tổng thu ngân sách trên địa bàn" in Indicator.objects.get(code="THU_NSNN").synonyms
    assert AuditEntry.objects.filter(action="narratives.statement.matched").exists()
    client.post(r["Location"], {"action": "commit", "pick": ["0"]})
    dv = DataValue.objects.get(indicator__code="THU_NSNN")
    assert dv.value == Decimal(6265) and dv.source == "Báo cáo: văn bản dán.txt"
    report.refresh_from_db()
    assert report.status == "committed"
    # The next report matches by itself.
    assert services.preview(people["steering"], text=text, period="2021S1")["statements"][0][
        "indicator"
    ] == ("THU_NSNN")


def _stored(ind, unit, period, value):
    dv = DataValue(
        indicator=ind,
        unit=unit,
        value=Decimal(value),
        status="official",
        created_at=timezone.now(),
        agency=ind.lead_agency,
    )
    dv.set_period(Period.parse(period))
    dv.save()


@pytest.mark.parametrize(
    ("sentence", "period", "expected"),
    [
        # Q2 against Q2 2020 (120 → 132 = +10%), not the half or Q1 stored beside it.
        (
            "Thu ngân sách nhà nước quý II/2021 đạt 132 tỷ đồng, tăng 10% so với cùng kỳ.",
            "2021Q2",
            "10",
        ),
        (
            "Thu ngân sách nhà nước 6 tháng đầu năm 2021 đạt 300 tỷ đồng, tăng 20% so cùng kỳ.",
            "2021S1",
            "20",
        ),
        (
            "Thu ngân sách nhà nước 9 tháng năm 2021 đạt 480 tỷ đồng, "
            "tăng 20% so với cùng kỳ năm trước.",
            "2021YTD09",
            "20",
        ),
        (
            "Thu ngân sách nhà nước 6 tháng đầu năm 2021 đạt 300 tỷ đồng, "
            "tăng 50% so với cùng kỳ năm 2019.",
            "2021S1",
            "50",
        ),
    ],
)
def test_growth_compares_with_the_exact_same_period(
    indicators, province, people, sentence, period, expected
):
    thu = indicators[0]
    stored = {
        "2020Q2": 120,
        "2020Q1": 130,
        "2020S1": 250,
        "2020YTD09": 400,
        "2020Q3": 150,
        "2019S1": 200,
    }
    for p, v in stored.items():
        _stored(thu, province, p, v)
    got = services.preview(people["steering"], text=sentence)["statements"][0]
    assert got["period"] == Period.parse(period).id
    (claim,) = got["claims"]
    assert (claim["computed"], claim["ok"]) == (expected, True)


def test_a_missing_same_period_is_not_made_of_its_neighbours(indicators, province, people):
    thu = indicators[0]
    for p, v in {"2020Q1": 100, "2020Q2": 150, "2020YTD05": 200}.items():
        _stored(thu, province, p, v)
    got = services.preview(
        None,
        text="Thu ngân sách nhà nước 6 tháng đầu năm 2021 đạt 300 tỷ đồng, tăng 20% so cùng kỳ.",
    )["statements"][0]
    (claim,) = got["claims"]
    assert claim["ok"] is None and claim["reference"] is None
    assert claim["implied"] == "250"  # 300 / 1,2: shown as information, never stored


def test_same_period_before_is_pure():
    p = Period.parse
    assert services.same_period_before(p("2021Q2"), "tăng 5% so với cùng kỳ").id == "2020Q2"
    assert services.same_period_before(p("2021YTD09"), "tăng 5%").id == p("2020YTD09").id
    may = services.same_period_before(Period.month(2021, 5), "so với cùng kỳ năm 2019")
    assert may == Period.month(2019, 5)


def test_a_file_above_the_size_threshold_is_read_by_a_job_a_small_one_at_once(
    api_as, indicators, settings
):
    api = api_as("steering")
    data = docx_bytes([TEXT])
    r = api.upload("/api/v1/narratives/preview", {"file": SimpleUploadedFile("nho.docx", data)})
    assert r.status_code == 200 and r.json()["statements"] and not Job.objects.exists()
    settings.NARRATIVE_JOB_BYTES = len(data) - 1
    r = api.upload("/api/v1/narratives/preview", {"file": SimpleUploadedFile("lon.docx", data)})
    assert r.status_code == 202 and r.json()["state"] == "done"
    assert ReceivedReport.objects.get(pk=r.json()["report"]).status == "read"


def test_an_unmatched_figure_gets_a_new_indicator_in_one_step(client_as, indicators):
    client = client_as("steering")
    text = "Lượng du khách nghỉ đêm 6 tháng đầu năm 2021 ước đạt 1,9 triệu lượt khách."
    r = client.post(reverse("narratives:index"), {"text": text, "period": "2021S1"})
    url = r["Location"]
    page = client.get(url).content.decode()
    # The form is filled with the words found and the figure's unit of measure.
    assert 'name="name" value="Lượng du khách nghỉ đêm"' in page
    assert 'name="words" value="Lượng du khách nghỉ đêm"' in page  # the synonym offered
    assert 'name="unit_of_measure" value="triệu lượt khách"' in page
    new = {
        "action": "new",
        "index": "0",
        "code": "DU_KHACH_DEM",
        "name": "Lượng du khách nghỉ đêm",
        "unit_of_measure": "lượt khách",
        "lead_agency": "SVHTTDL",
        "kind": "flow",
    }
    # A bad code: nothing created, nothing chosen.
    client.post(url, {**new, "code": "mã có dấu"})
    assert not Indicator.objects.filter(name="Lượng du khách nghỉ đêm").exists()
    assert ReceivedReport.objects.get().choices == {}
    r = client.post(url, new)
    assert r.status_code == 302
    ind = Indicator.objects.get(code="DU_KHACH_DEM")
    assert (ind.lead_agency.code, ind.unit_of_measure) == ("SVHTTDL", "lượt khách")
    assert ReceivedReport.objects.get().choices == {"0": "DU_KHACH_DEM"}
    page = client.get(url).content.decode()
    assert 'name="pick" value="0"' in page and "Chưa khớp chỉ tiêu" not in page
    client.post(url, {"action": "commit", "pick": ["0"]})
    assert DataValue.objects.get(indicator=ind).value == Decimal(1900000)


def test_an_outsider_may_not_define_an_indicator_for_another_agency(client_as, indicators):
    client = client_as("outsider")
    r = client.post(
        reverse("narratives:index"),
        {"text": "Lượng du khách nghỉ đêm năm 2021 đạt 1,9 triệu lượt khách.", "period": "2021"},
    )
    r = client.post(
        r["Location"],
        {
            "action": "new",
            "index": "0",
            "code": "DU_KHACH_DEM",
            "name": "Lượng du khách nghỉ đêm",
            "unit_of_measure": "lượt khách",
            "lead_agency": "STC",
        },
    )
    assert r.status_code == 403
    assert not Indicator.objects.filter(code="DU_KHACH_DEM").exists()


@pytest.mark.parametrize(
    ("sentence", "stored", "said"),
    [
        (
            "Thu ngân sách nhà nước 6 tháng đầu năm 2021 đạt 450 tỷ đồng, giảm 10% so với cùng kỳ.",
            ("THU_NSNN", "2020S1", 480),
            "báo cáo ghi -10%, tính từ số liệu được -6%",
        ),
        (
            "Khách qua lưu trú năm 2021 đạt 3,2 triệu lượt, gấp 1,5 lần năm 2020.",
            ("KHACH_LUU_TRU", "2020", 2500000),
            "báo cáo ghi 1,5 lần, tính từ số liệu được 1,3 lần",
        ),
        (
            "Tỷ lệ hộ nghèo năm 2021 còn 2,35%, tăng 0,8 điểm phần trăm so với năm 2020.",
            ("HO_NGHEO", "2020", "3.15"),
            "báo cáo ghi 0,8 điểm phần trăm, tính từ số liệu được -0,8 điểm phần trăm",
        ),
    ],
)
def test_every_kind_of_claim_is_flagged_with_both_numbers(
    indicators, province, agencies, people, sentence, stored, said
):
    Indicator.objects.create(
        code="HO_NGHEO",
        name="Tỷ lệ hộ nghèo",
        unit_of_measure="%",
        kind="rate",
        unit_aggregation="none",
        lead_agency=agencies["STC"],
    )
    code, period, value = stored
    _stored(Indicator.objects.get(code=code), province, period, value)
    (row,) = services.preview(people["steering"], text=sentence)["statements"]
    assert row["indicator"] == code
    (claim,) = row["claims"]
    assert claim["ok"] is False and claim["message"] == said
    assert row["flags"].count(said) == 1 and said not in row["notes"]
