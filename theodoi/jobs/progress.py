"""Where a running job is, kept in Django's cache (the file cache on one machine, Redis
across machines) and not in the database: a job writes all or nothing inside one
transaction, so a progress row written from inside it would stay invisible until the end.
Also the heartbeat by which a dead worker's job is found (services.reap_stale)."""

from django.core.cache import cache
from django.utils import timezone

KEEP = 24 * 3600


def _key(job_id: int, what: str) -> str:
    return f"theodoi:job:{job_id}:{what}"


def report(job_id: int, done: int, total: int, message: str) -> None:
    """`message` is what people read ("Đang kiểm tra dòng 4.000/10.000")."""
    cache.set(_key(job_id, "progress"), {"done": done, "total": total, "message": message}, KEEP)
    beat(job_id)


def read(job_id: int) -> dict | None:
    return cache.get(_key(job_id, "progress"))


def beat(job_id: int) -> None:
    cache.set(_key(job_id, "beat"), timezone.now().timestamp(), KEEP)


def last_beat(job_id: int) -> float | None:
    return cache.get(_key(job_id, "beat"))


def forget(job_id: int) -> None:
    cache.delete_many([_key(job_id, "progress"), _key(job_id, "beat")])


def percent(p: dict | None) -> int:
    if not p or not p.get("total"):
        return 0
    return max(0, min(100, int(100 * p["done"] // p["total"])))
