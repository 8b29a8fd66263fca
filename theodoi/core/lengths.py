"""Every length the database enforces, checked before the database sees it.

PostgreSQL refuses a string longer than a column's varchar(n) with an error (a 500 for the
person); SQLite stores it. `length_errors(instance)` reads the limits from the model's own
fields (`max_length`), so no limit is written twice; `check_lengths` raises a DomainError
naming the field in Vietnamese. It runs for every save of a Theo Dõi model (a pre_save
receiver connected in audit.apps, as core imports nothing of django.db) and is called by
services before a bulk_create (which sends no signal)."""

from django.utils.translation import gettext as _

from theodoi.core.errors import DomainError


def length_errors(instance, index: int | None = None) -> list[dict]:
    """{"field", "message"} (and "index") for each text longer than its column allows."""
    errors = []
    for f in instance._meta.concrete_fields:
        max_length = getattr(f, "max_length", None)
        if not max_length or f.is_relation:
            continue
        value = getattr(instance, f.attname, None)
        if isinstance(value, str) and len(value) > max_length:
            label = str(f.verbose_name)
            message = _("%(field)s dài %(n)s ký tự, tối đa %(max)s ký tự.") % {
                "field": label[:1].upper() + label[1:],
                "n": len(value),
                "max": max_length,
            }
            error = {"field": f.name, "message": message}
            if index is not None:
                error["index"] = index
            errors.append(error)
    return errors


def check_lengths(instance, index: int | None = None) -> None:
    errors = length_errors(instance, index)
    if errors:
        raise DomainError(errors[0]["message"], field=errors[0]["field"], errors=errors)


def on_pre_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or not sender.__module__.startswith("theodoi."):
        return
    check_lengths(instance)
