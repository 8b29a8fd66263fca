"""A province report with a large appendix is built by a job: the page answers with the
job's page, the job stores the same document, and only its starter downloads it."""

import io

from docx import Document

from theodoi.jobs.models import Job
from theodoi.reporting import services


def test_a_large_report_document_is_built_by_a_job(client_as, submitted, people, settings):
    settings.REPORT_JOB_INDICATORS = 0
    settings.MEDIA_ROOT = settings.MEDIA_ROOT / "report-job"
    services.accept(people["steering"], submitted)
    services.draft_province_report(people["steering"], submitted.cycle)
    url = f"/bao-cao/ky/{submitted.cycle_id}/tong-hop/bao-cao.docx"
    r = client_as("viewer").get(url)
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/viec/{job.pk}/"
    assert job.state == Job.State.DONE, job.error
    page = client_as("viewer").get(r["Location"]).content.decode()
    assert f"/viec/{job.pk}/tep/" in page
    file = client_as("viewer").get(f"/viec/{job.pk}/tep/")
    assert file["Content-Disposition"].endswith('bao-cao-tong-hop-2021S1.docx"')
    doc = Document(io.BytesIO(b"".join(file.streaming_content)))
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]
    assert client_as("outsider").get(f"/viec/{job.pk}/tep/").status_code == 403
    assert client_as("steering").get(f"/viec/{job.pk}/tep/").status_code == 403


def test_a_small_report_document_still_downloads_at_once(client_as, submitted, people, settings):
    services.accept(people["steering"], submitted)
    services.draft_province_report(people["steering"], submitted.cycle)
    r = client_as("viewer").get(f"/bao-cao/ky/{submitted.cycle_id}/tong-hop/bao-cao.docx")
    assert r.status_code == 200 and not Job.objects.exists()
