"""How long a task table's preview takes by its size, to choose the size above which it is
a job (settings.IMPORT_TASK_PREVIEW_JOB_BYTES).

    BENCH_DB=sqlite|postgres .venv/bin/python bench/bench_task_preview.py

The same database and table as bench/bench_import.py (33 agencies; six deadline forms; leads
and coordinators matched by name and short name). For each size: the service alone
(services.preview_task_import: read, match, store the upload), then the page (POST
/trao-doi/danh-muc/: the same, and the preview table drawn) and the API (POST
/api/v1/exchange/tasks/preview: the same, as JSON). Median of BENCH_RUNS (3), slowest too.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# isort: off
# First: it chooses the database and sets Django up.
from bench.bench_import import DB, RUNS, report, task_table, timed, world  # noqa: E402

# isort: on
from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402

from theodoi.api.models import ApiToken  # noqa: E402
from theodoi.exchange import services  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "500,1000,2000,5000").split(",")]


def main():
    user, _stc, _directive = world()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.IMPORT_TASK_PREVIEW_JOB_BYTES = 10**9  # measured in the request, at every size
    page = Client()
    page.force_login(user)
    _token, secret = ApiToken.objects.issue(user, name="bench")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    print(f"database: {DB}")
    for rows in SIZES:
        table = task_table(rows)
        service, pages, apis = [], [], []
        for _run in range(RUNS):
            t, preview = timed(
                lambda table=table: services.preview_task_import(user, table, "tasks.xlsx")
            )
            assert preview.can_commit and preview.summary["tasks"] == rows
            service.append(t)
            t, r = timed(
                lambda table=table: page.post(
                    "/trao-doi/danh-muc/", {"file": SimpleUploadedFile("tasks.xlsx", table)}
                )
            )
            assert r.status_code == 200, r.status_code
            pages.append(t)
            t, r = timed(
                lambda table=table: api.post(
                    "/api/v1/exchange/tasks/preview",
                    {"file": SimpleUploadedFile("tasks.xlsx", table)},
                )
            )
            assert r.status_code in (200, 202), r.content[:200]
            apis.append(t)
        size = f"{rows} rows, {len(table) // 1024} KB"
        report(f"tasks preview, service ({size})", service)
        report(f"tasks preview, page ({size})", pages)
        report(f"tasks preview, API ({size})", apis)


if __name__ == "__main__":
    main()
