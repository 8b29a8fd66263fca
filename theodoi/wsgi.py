"""The WSGI application the web server (granian, scripts/serve) calls in each of its worker
processes."""

import os
import signal
import threading
import time

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
application = get_wsgi_application()


def _stop_with_parent(parent: int, grace: float = 30.0) -> None:
    """A worker whose server process died (kill -9, a crash) would go on answering on the
    port by itself, untouched by the next start; gunicorn's workers notice and leave, and
    granian's do not, so each worker watches its parent: once it is gone, TERM (requests in
    flight finish), and out after `grace` seconds."""
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(grace)
    os._exit(1)


threading.Thread(
    target=_stop_with_parent, args=(os.getppid(),), daemon=True, name="stop-with-parent"
).start()
