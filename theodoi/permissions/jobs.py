"""Who sees a job (its progress, its result, its error). A job's result is what its input
shows, so it is visible only to those who may see the input: the person who started it
(an import reads their own upload), those who asked for the same job and were given this
one, and, for the jobs of the steering office (a rebuild), the steering office."""

from theodoi.permissions import org


def can_view_job(user, job) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if job.owner_id is not None and job.owner_id == user.pk:
        return True
    if user.pk in (job.watchers or []):
        return True
    return job.audience == "steering" and org.is_steering(user)


def can_rebuild_rollups(user) -> bool:
    """Rebuild the analytics rollup table: the steering office (and administrators)."""
    return org.is_steering(user)
