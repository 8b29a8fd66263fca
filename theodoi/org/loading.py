"""Loading the administrative units of the country (both states, with successions) into
the database: idempotent, all or nothing, a handful of bulk statements."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record
from theodoi.core.errors import DomainError
from theodoi.core.text import fold
from theodoi.org import dataset as ds
from theodoi.org.lineage import Link, UnitSpan, check_code_free, check_successions
from theodoi.org.models import UNIT_LEVELS, AdminUnit, UnitKind, UnitSuccession

UNIT_FIELDS = ["name", "kind", "level", "parent", "valid_to", "legal_basis", "search_key"]
FIELD_COLUMNS = ["name", "kind", "level", "parent_id", "valid_to", "legal_basis", "search_key"]
LINK_FIELDS = ["kind", "effective", "share", "share_is_estimate", "legal_basis"]


@dataclass
class LoadResult:
    units_created: int = 0
    units_updated: int = 0
    successions_created: int = 0
    successions_updated: int = 0


def validate(data: ds.Dataset, existing: list[tuple]) -> list[str]:
    """Every reason the dataset cannot be loaded, in Vietnamese (codes held by two units
    on one day, against each other or against units already in the database that the
    dataset does not name; bad shares; cycles; predecessors outliving their successor)."""
    errors: list[str] = []
    ident = {(r.code, r.valid_from) for r in data.units}
    by_code: dict[str, list[tuple[str, object, object]]] = defaultdict(list)
    for code, valid_from, name, valid_to in existing:
        if (code, valid_from) not in ident:
            by_code[code].append((name, valid_from, valid_to))
    for r in sorted(data.units, key=lambda r: (r.code, r.valid_from or ds.date.min)):
        msg = check_code_free(r.code, r.valid_from, r.valid_to, by_code[r.code])
        if msg:
            errors.append(msg)
        by_code[r.code].append((r.name, r.valid_from, r.valid_to))
    spans = {r.key: UnitSpan(r.key, r.name, r.valid_from, r.valid_to) for r in data.units}
    errors += check_successions(
        spans,
        (Link(s.predecessor, s.successor, s.effective, s.share) for s in data.successions),
    )
    return errors


@transaction.atomic
def load(data: ds.Dataset, *, actor=None) -> LoadResult:
    """Create or update every unit and succession of ``data``; refuse the whole load with
    a Vietnamese message when any of them cannot stand."""
    cols = ["pk", "code", "valid_from", *FIELD_COLUMNS]
    existing = list(AdminUnit.objects.select_for_update().values_list(*cols))
    errors = validate(data, [(r[1], r[2], r[3], r[7]) for r in existing])
    if errors:
        raise DomainError(
            _("Không nạp được danh mục đơn vị hành chính: %(errors)s")
            % {"errors": "; ".join(errors[:5])}
        )
    result = LoadResult()
    by_ident = {(r[1], r[2]): r for r in existing}
    pk_of: dict[tuple[str, str], int] = {}
    # Parents before children: provinces, then districts, then communes.
    for level in (1, 2, 3):
        to_create, to_update = [], []
        for r in data.units:
            if UNIT_LEVELS[UnitKind(r.kind)] != level:
                continue
            fields = {
                "name": r.name,
                "kind": r.kind,
                "level": level,
                "parent_id": pk_of[r.parent] if r.parent else None,
                "valid_to": r.valid_to,
                "legal_basis": r.legal_basis,
                "search_key": fold(f"{r.name} {r.code}"),
            }
            row = by_ident.get((r.code, r.valid_from))
            if row is None:
                unit = AdminUnit(code=r.code, valid_from=r.valid_from, **fields)
                to_create.append((r.key, unit))
            else:
                if tuple(row[3:]) != tuple(fields[c] for c in FIELD_COLUMNS):
                    to_update.append(
                        AdminUnit(pk=row[0], code=r.code, valid_from=r.valid_from, **fields)
                    )
                pk_of[r.key] = row[0]
        AdminUnit.objects.bulk_create([u for _k, u in to_create], batch_size=2000)
        if to_create and to_create[0][1].pk is None:
            ids = {
                (u.code, u.valid_from): u.pk
                for u in AdminUnit.objects.filter(level=level).only("code", "valid_from")
            }
            for _key, u in to_create:
                u.pk = ids[(u.code, u.valid_from)]
        for key, u in to_create:
            pk_of[key] = u.pk
        AdminUnit.objects.bulk_update(to_update, UNIT_FIELDS, batch_size=2000)
        result.units_created += len(to_create)
        result.units_updated += len(to_update)

    link_cols = ["pk", "predecessor_id", "successor_id", *LINK_FIELDS]
    links = {(r[1], r[2]): r for r in UnitSuccession.objects.values_list(*link_cols)}
    new_links, changed = [], []
    for s in data.successions:
        fields = {
            "kind": s.kind,
            "effective": s.effective,
            "share": s.share,
            "share_is_estimate": s.estimate,
            "legal_basis": s.legal_basis,
        }
        pair = (pk_of[s.predecessor], pk_of[s.successor])
        row = links.get(pair)
        if row is None:
            new_links.append(UnitSuccession(predecessor_id=pair[0], successor_id=pair[1], **fields))
        elif tuple(row[3:]) != tuple(fields[c] for c in LINK_FIELDS):
            changed.append(
                UnitSuccession(pk=row[0], predecessor_id=pair[0], successor_id=pair[1], **fields)
            )
    UnitSuccession.objects.bulk_create(new_links, batch_size=2000)
    UnitSuccession.objects.bulk_update(changed, LINK_FIELDS, batch_size=2000)
    result.successions_created, result.successions_updated = len(new_links), len(changed)
    if result.units_created or result.units_updated or new_links or changed:
        record(
            actor,
            Action.ORG_UNITS_LOADED,
            None,
            data={
                "units_created": result.units_created,
                "units_updated": result.units_updated,
                "successions_created": result.successions_created,
                "successions_updated": result.successions_updated,
            },
        )
    return result
