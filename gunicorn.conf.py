"""How `make run` serves the app (gunicorn reads ./gunicorn.conf.py from the checkout; the
command line overrides it). Chosen from measurement: docs/benchmarks.md "Load".

gthread: each worker process answers WEB_THREADS requests at once, so a request waiting on
the database, the cache or a slow client does not hold a whole process; the processes use
the cores. A request is mostly Python (CPU), so more processes than cores only add memory.
Set WEB_WORKERS to about the number of cores on a bigger machine."""

import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS") or 2)
threads = int(os.environ.get("WEB_THREADS") or 4)
# A connection kept open between a browser's requests (gthread supports keep-alive).
keepalive = 5
# A request longer than this is answered by a job instead (imports, documents).
timeout = 60
