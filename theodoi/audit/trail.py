"""The audit trail: every state change is recorded by record() (or record_many() for a
batch) and nothing else."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from theodoi.audit.actions import Action
from theodoi.audit.changes import area_of, changed
from theodoi.audit.models import AuditEntry


def record(actor, action: Action, obj=None, *, reason: str = "", data: dict | None = None, at=None):
    """Write one audit entry. `action` is a member of the one list, audit.actions.Action
    (a name not on it raises ValueError: a programming error, caught by the tests).

    Call it inside the same transaction as the change it records, so that a change
    that rolls back leaves no entry behind.
    """
    entry = _entry(actor, action, obj, reason, data, at)
    entry.save(force_insert=True)
    changed(area_of(entry.action))
    return entry


def _entry(actor, action, obj, reason, data, at):
    action = Action(action)
    return AuditEntry(
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        reason=reason or "",
        data=data or {},
    )


def record_many(actor, entries, *, at=None) -> list:
    """Write many audit entries at once, the same fields record() writes, in bulk inserts.
    `entries` holds (action, obj, reason, data) tuples; every obj must already have its
    primary key. Same rule as record(): call it inside the transaction of the changes."""
    at = at or timezone.now()
    rows = [_entry(actor, action, obj, reason, data, at) for action, obj, reason, data in entries]
    changed(*(area_of(r.action) for r in rows))
    return AuditEntry.objects.bulk_create(rows, batch_size=1000)


def entries_for(obj):
    """The audit entries of one object, oldest first (for timelines)."""
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .select_related("actor")
        .order_by("at", "id")
    )
