"""Reading narrative reports: the corpus score, a 30-page .docx read and checked, a
10-page scanned PDF read by OCR.

    BENCH_DB=sqlite|postgres .venv/bin/python bench/bench_narratives.py   (make bench runs both)

The database is its own (var/bench-narratives.sqlite3, or <DATABASE_URL>_narratives), with
the demo loaded (its indicators, synonyms and plans). Timings are medians of BENCH_RUNS (3).
The scanned PDF (OCR does not touch the database) is measured on SQLite only.
"""

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")
DB = os.environ.get("BENCH_DB", "sqlite")
if DB == "sqlite":
    (ROOT / "var").mkdir(exist_ok=True)
    path = ROOT / "var" / "bench-narratives.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
elif DB == "postgres":
    import psycopg

    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/theodoi_bench"
    url = base + "_narratives"
    os.environ["DATABASE_URL"] = url
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

import django  # noqa: E402

django.setup()

import docx  # noqa: E402
import pypdf  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from theodoi.narratives import readers, services  # noqa: E402
from theodoi.narratives.evaluate import score  # noqa: E402
from theodoi.narratives.intake import bring_in  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CORPUS = ROOT / "tests" / "narratives" / "corpus"


def median(fn):
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), max(times), out


def corpus_score():
    """The corpus written with the grammar, and the two held-out sets written after it."""
    indicators = json.loads((CORPUS / "indicators.json").read_text())
    for name in ("sentences.json", "held_out.json", "held_out_2.json"):
        corpus = json.loads((CORPUS / name).read_text())
        s = score(corpus, indicators)
        print(
            f"{name}: {len(corpus)} sentences, {s.expected} expected figures, {s.asked} to be asked"
        )
        print(
            f"  recall {s.found}/{s.expected} = {s.recall:.3f}; precision {s.right}/{s.proposed} "
            f"= {s.precision:.3f}; wrong proposals {len(s.wrong)}; asked {s.asked_right}/{s.asked}"
        )
        for w in s.wrong + s.missed:
            print("   ", w)


def thirty_pages() -> bytes:
    """~30 pages: the seed's six paragraphs ten times over (about 3 pages each) plus a
    table of 40 rows."""
    d = docx.Document()
    seed = (CORPUS / "seed.txt").read_text().split("\n\n")
    for _ in range(10):
        for p in seed:
            d.add_paragraph(p)
    t = d.add_table(rows=41, cols=4)
    for c, h in enumerate(
        ["Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2021", "Ước thực hiện 6 tháng"]
    ):
        t.cell(0, c).text = h
    for r in range(1, 41):
        for c, v in enumerate(["Thu ngân sách nhà nước", "tỷ đồng", "9.300", f"{6000 + r}"]):
            t.cell(r, c).text = v
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    admin = get_user_model().objects.get(username="admin")
    print(f"== bench_narratives on {DB}")
    corpus_score()
    data = thirty_pages()
    med, worst, result = median(
        lambda: services.preview(admin, name="30-trang.docx", data=data, period="2021S1")
    )
    n = len(result["statements"])
    print(
        f"30-page .docx ({len(data) // 1024} KB, {n} statements) read, matched and checked: "
        f"median {med:.2f} s, slowest {worst:.2f} s"
    )
    if DB != "sqlite":
        return
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "pages.txt"
        listing.write_text("\n".join([str(CORPUS / "seed-scan.tif")] * 10) + "\n")
        subprocess.run(
            ["tesseract", str(listing), str(Path(tmp) / "scan"), "-l", "vie", "pdf"],
            capture_output=True,
            check=True,
        )
        # Tesseract's PDF carries a text layer under the picture: drop it, so that the
        # file is a scan as an office's scanner makes it (pictures only).
        writer = pypdf.PdfWriter(clone_from=Path(tmp) / "scan.pdf")
        writer.remove_text()
        out = io.BytesIO()
        writer.write(out)
        pdf = out.getvalue()
    assert readers.needs_job("scan.pdf", pdf, threshold=services.job_bytes())
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        # The whole way a scan goes: stored, queued, read by the job page by page (the test
        # settings' immediate backend runs the job here), matched, checked, kept.
        report, job = bring_in(admin, name="scan.pdf", data=pdf, period="2021S1")
        times.append(time.perf_counter() - t)
        job.refresh_from_db()
        report.refresh_from_db()
        assert job.state == "done", job.error
    print(
        f"10-page scanned PDF (pictures only) through the reading job "
        f"({len(report.result['statements'])} statements): "
        f"median {statistics.median(times):.1f} s, slowest {max(times):.1f} s"
    )


if __name__ == "__main__":
    main()
