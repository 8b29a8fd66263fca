"""What a change makes stale: the cached answers of its area (core.cache). Every audited
change renews its area's generation (`trail.record` / `record_many` call `changed` with the
action's area, "targets.values.recorded" → "targets"), and so does any other save or delete
of a model of those areas (the admin, scripts, fixtures: `on_save`, connected in
`audit.apps`). Only the areas cached answers read count (`core.cache.AREAS`).

The generation is renewed at once, so that the writing transaction itself (and a test inside
one) reads its own change fresh, and again once the transaction commits: a reader in another
transaction that computed from the old rows between the two stored its answer under the
first new generation, which the second one retires.
"""

from django.db import transaction

from theodoi.core.cache import AREAS, bump

# Derived rows, written only by the services that already call `changed` (a receiver on a
# model would also make Django fetch every row of a bulk delete to signal it).
DERIVED = frozenset({"targets.rollup"})


def changed(*scopes: str) -> None:
    scopes = tuple(dict.fromkeys(s for s in scopes if s in AREAS))
    if not scopes:
        return
    bump(*scopes)
    transaction.on_commit(lambda: bump(*scopes))


def area_of(action: str) -> str:
    return action.split(".", 1)[0]


def watched(models) -> list:
    """The models whose saves `on_save` follows: those of the areas cached answers read
    (core.cache.AREAS), less DERIVED."""
    return [
        m
        for m in models
        if m._meta.app_config.name.startswith("theodoi.")
        and m._meta.app_label in AREAS
        and m._meta.label_lower not in DERIVED
    ]


def on_save(sender, **kwargs) -> None:
    """post_save / post_delete / m2m_changed receiver (connected per model in audit.apps)."""
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed: once, after
        return
    changed(sender._meta.app_label)
