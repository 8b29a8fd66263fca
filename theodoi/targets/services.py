"""State changes of the targets area: indicators, targets, reported values, locks.

Multi-row writes are all-or-nothing: every row is checked first, every bad row is
reported by index and field, and nothing is written unless all rows are good.
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.trail import record, record_many
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.core.lengths import check_lengths
from theodoi.core.numbers import (
    NumberParseError,
    format_number,
    parse_typed,
    round_half_up,
    to_plain,
)
from theodoi.core.periods import Period, PeriodError
from theodoi.core.text import fold
from theodoi.directives.models import Directive
from theodoi.org.models import AdminUnit, Agency
from theodoi.org.queries import pick_unit, units_by_code
from theodoi.permissions import targets as perms
from theodoi.targets import rollups
from theodoi.targets.metrics import jump_pct
from theodoi.targets.models import (
    Aggregation,
    DataValue,
    Direction,
    Finest,
    Indicator,
    Kind,
    Status,
    TargetKind,
    TargetValue,
    ValueLock,
)
from theodoi.targets.rows import CleanValue, RawValue, ValueRow

STATUS_WORDS = {
    "estimate": Status.ESTIMATE,
    "uoc": Status.ESTIMATE,
    "ước": Status.ESTIMATE,
    "preliminary": Status.PRELIMINARY,
    "so bo": Status.PRELIMINARY,
    "sơ bộ": Status.PRELIMINARY,
    "official": Status.OFFICIAL,
    "chinh thuc": Status.OFFICIAL,
    "chính thức": Status.OFFICIAL,
}
TARGET_WORDS = {k.value: k.value for k in TargetKind} | {str(k.label): k.value for k in TargetKind}


# Ids per IN-list: three such lists in one query stay under SQLite's 999 variables.
CHUNK = 300
T = TypeVar("T")
# The latest stored value of a cell: (indicator id, unit id, period id).
Cell = tuple[int, int, str]


def chunked(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Rows:
    """Collects row errors and caches the lookups rows share."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []
        self.denied = False
        self._indicators: dict[str, Indicator | None] = {}
        self._units: dict[str, list[AdminUnit]] = {}

    def error(self, index: int, field: str, message: str, denied: bool = False) -> None:
        self.errors.append({"index": index, "field": field, "message": message})
        self.denied = self.denied or denied

    def prefetch(self, indicators: Iterable[object], units: Iterable[object]) -> None:
        """Load every indicator and unit the rows name, a few queries for the whole batch
        (codes not found are remembered as None)."""
        codes = {str(code or "").strip() for code in indicators} - self._indicators.keys()
        units = {str(code or "").strip() for code in units} - self._units.keys()
        for chunk in chunked(sorted(codes)):
            self._indicators.update(
                (i.code, i)
                for i in Indicator.objects.select_related("lead_agency").filter(code__in=chunk)
            )
        for chunk in chunked(sorted(units)):
            self._units.update(units_by_code(chunk))
        for code in codes:
            self._indicators.setdefault(code, None)
        for code in units:
            self._units.setdefault(code, [])

    def indicator(self, raw: object) -> Indicator | None:
        code = str(raw or "").strip()
        if code not in self._indicators:
            self._indicators[code] = (
                Indicator.objects.select_related("lead_agency").filter(code=code).first()
            )
        return self._indicators[code]

    def unit(self, raw: object, period: Period | None) -> tuple[AdminUnit | None, str]:
        """The unit holding the code in the period (a code names one unit at one date);
        without a period, the latest one. (None, why) when it held no unit then."""
        code = str(raw or "").strip()
        if code not in self._units:
            self._units[code] = units_by_code([code]).get(code, [])
        held = self._units[code]
        if period is None:
            return (max(held, key=lambda u: u.valid_from or date.min) if held else None), ""
        return pick_unit(held, period.start, period.end)

    def raise_if_any(self, what: str) -> None:
        if not self.errors:
            return
        message = _("Không lưu được %(what)s: %(n)s dòng có lỗi, chưa có số liệu nào được ghi.") % {
            "what": what,
            "n": len({e["index"] for e in self.errors}),
        }
        if self.denied:
            raise NotAllowed(message, errors=self.errors)
        raise DomainError(message, errors=self.errors)


def _common(
    rows: _Rows,
    i: int,
    actor: Any,
    *,
    indicator: Any,
    unit_code: Any,
    period_id: Any,
    raw_value: RawValue,
    for_targets: bool = False,
) -> tuple[Indicator, AdminUnit, Period, Decimal] | None:
    """Checks shared by values and targets: indicator, unit, period, value. Returns the
    parsed (indicator, unit, period, value) or None when the row has an error."""
    ok = True
    needs_unit_check = False
    ind = rows.indicator(indicator)
    if ind is None:
        rows.error(
            i, "indicator", _("Không có chỉ tiêu mã “%(code)s”.") % {"code": indicator or ""}
        )
        ok = False
    elif ind.retired:
        rows.error(i, "indicator", _("Chỉ tiêu “%(name)s” đã ngừng theo dõi.") % {"name": ind.name})
        ok = False
    elif not perms.can_write_for_indicator(actor, ind) and (
        for_targets or not perms.home_units(actor)
    ):
        # A figure of a commune is also its People's Committee's to enter: that is decided
        # below, once the unit and period are known (perms.can_enter_for_unit).
        rows.error(
            i,
            "indicator",
            _(
                "Bạn không có quyền nhập số liệu cho chỉ tiêu “%(name)s”: chỉ cơ quan chủ trì "
                "hoặc văn phòng theo dõi được nhập."
            )
            % {"name": ind.name},
            denied=True,
        )
        ok = False
    elif not for_targets:
        needs_unit_check = True
    period = None
    try:
        period = Period.parse(period_id)
    except PeriodError as e:
        rows.error(i, "period", e.message)
        ok = False
    unit, outside = rows.unit(unit_code, period)
    if unit is None:
        rows.error(
            i,
            "unit",
            outside or _("Không có đơn vị hành chính mã “%(code)s”.") % {"code": unit_code or ""},
        )
        ok = False
    elif ind is not None and ind.levels and unit.level not in ind.levels:
        rows.error(
            i,
            "unit",
            _("Chỉ tiêu “%(name)s” không báo cáo ở cấp của %(unit)s.")
            % {"name": ind.name, "unit": unit.name},
        )
        ok = False
    if period is not None and ind is not None and not for_targets:
        if period.kind == "term":
            rows.error(
                i,
                "period",
                _(
                    "Số liệu thực hiện báo cáo theo tháng, quý, 6 tháng hoặc năm, không theo "
                    "nhiệm kỳ."
                ),
            )
            ok = False
        elif not period.is_aligned_to(ind.finest_period):
            rows.error(
                i,
                "period",
                _("Chỉ tiêu “%(name)s” báo cáo theo kỳ nhỏ nhất là %(finest)s; kỳ “%(p)s” nhỏ hơn.")
                % {
                    "name": ind.name,
                    "finest": str(Finest(ind.finest_period).label).lower(),
                    "p": period.label,
                },
            )
            ok = False
    if (
        period is not None
        and unit is not None
        and not (
            (unit.valid_from is None or unit.valid_from <= period.end)
            and (unit.valid_to is None or unit.valid_to >= period.start)
        )
    ):
        rows.error(
            i,
            "unit",
            _("Đơn vị %(unit)s không tồn tại trong %(p)s.")
            % {"unit": unit.name, "p": period.phrase},
        )
        ok = False
    elif (
        needs_unit_check
        and ok
        and ind is not None
        and unit is not None
        and period is not None
        and not perms.can_enter_for_unit(actor, ind, unit, period)
    ):
        rows.error(
            i,
            "unit",
            _(
                "Bạn không có quyền nhập số liệu “%(name)s” %(p)s của %(unit)s: chỉ cơ quan chủ "
                "trì, văn phòng theo dõi hoặc Ủy ban nhân dân %(unit)s được nhập."
            )
            % {"name": ind.name, "unit": unit.label, "p": period.phrase},
            denied=True,
        )
        ok = False
    value = None
    try:
        value = parse_typed(raw_value if raw_value is not None else "")
        if not value.is_finite():
            raise NumberParseError(str(raw_value), _("Giá trị phải là số."))
    except NumberParseError as e:
        rows.error(i, "value", e.message)
        ok = False
    if value is not None and ind is not None and value < 0 and not ind.allow_negative:
        rows.error(i, "value", _("Chỉ tiêu “%(name)s” không nhận số âm.") % {"name": ind.name})
        ok = False
    if value is not None and abs(value) >= Decimal(10) ** 14:
        rows.error(i, "value", _("Giá trị quá lớn."))
        ok = False
    elif value is not None and ind is not None and places(value) > ind.decimals:
        # A figure is never rounded silently: the card would show 97 where 96,5 was typed.
        rows.error(i, "value", too_many_decimals(ind, raw_value))
        ok = False
    if ind is not None and ind.kind == Kind.RATE and ind.unit_aggregation != Aggregation.NONE:
        rows.error(
            i,
            "indicator",
            _(
                "Chỉ tiêu tỷ lệ “%(name)s” không được cộng hay tính trung bình theo đơn vị; "
                "sửa cách tổng hợp thành “không tổng hợp”."
            )
            % {"name": ind.name},
        )
        ok = False
    if not ok or ind is None or unit is None or period is None or value is None:
        return None
    return ind, unit, period, value


def places(value: Decimal) -> int:
    """How many decimal places a figure needs (96,50 needs one, 100 none)."""
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def too_many_decimals(ind: Indicator, raw_value: Any) -> str:
    """The message for a figure with more decimals than its indicator keeps."""
    if ind.decimals == 0:
        return _(
            "Chỉ tiêu “%(name)s” ghi số nguyên (không có chữ số thập phân); “%(v)s” có phần "
            "thập phân: hãy làm tròn trước khi nhập."
        ) % {"name": ind.name, "v": raw_value}
    return _(
        "Chỉ tiêu “%(name)s” ghi tối đa %(n)s chữ số thập phân; “%(v)s” có nhiều hơn: hãy làm "
        "tròn trước khi nhập."
    ) % {"name": ind.name, "n": ind.decimals, "v": raw_value}


def locks_by_agency(agency_ids: Iterable[int]) -> dict[int, list[ValueLock]]:
    """The locks of the given agencies, by agency id, oldest first (one query per chunk)."""
    out: dict[int, list[ValueLock]] = {a: [] for a in agency_ids}
    for chunk in chunked(sorted(agency_ids)):
        for lock in (
            ValueLock.objects.filter(agency_id__in=chunk)
            .select_related("agency", "locked_by")
            .order_by("pk")
        ):
            out[lock.agency_id].append(lock)
    return out


def home_agencies(unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """{unit id: ids of its People's Committees} for the units below the province: the agency
    that reports a commune's own figures (permissions.targets.is_home_agency), whose accepted
    report freezes them."""
    out: dict[int, list[int]] = {}
    for chunk in chunked(sorted(set(unit_ids))):
        found = (
            Agency.objects.filter(kind=perms.HOME_AGENCY_KIND, unit_id__in=chunk, unit__level__gt=1)
            .order_by("pk")
            .values_list("unit_id", "pk")
        )
        for unit_id, agency_id in found:
            out.setdefault(unit_id, []).append(agency_id)
    return out


def lock_holders(cells: Iterable[tuple[Indicator, int]]) -> tuple[set[int], dict[int, list[int]]]:
    """The agencies whose locks can freeze these (indicator, unit id) cells: their lead
    agencies, and the People's Committees of their units. Returns (every agency id, the
    People's Committees by unit id)."""
    cells = list(cells)
    homes = home_agencies({unit_id for _ind, unit_id in cells})
    ids = {ind.lead_agency_id for ind, _u in cells if ind.lead_agency_id is not None}
    ids |= {a for agencies in homes.values() for a in agencies}
    return ids, homes


def covering_lock(
    locks: dict[int, list[ValueLock]],
    indicator: Indicator,
    unit_id: int,
    period: Period,
    homes: dict[int, list[int]] | None = None,
) -> ValueLock | None:
    """The lock that freezes an indicator's figure for a unit and period, or None: a lock of
    the indicator's lead agency, or of the unit's own People's Committee (`homes`, from
    lock_holders: a commune's accepted report freezes its figures), covering the unit and the
    period. The ONE rule: `record_values` refuses a write with it and the entry grid shows the
    cell read-only with it."""
    owners = [] if indicator.lead_agency_id is None else [indicator.lead_agency_id]
    owners += (homes or {}).get(unit_id, [])
    return next((lk for a in owners for lk in locks.get(a, ()) if lk.covers(unit_id, period)), None)


def indicator_locks(
    indicators: Sequence[Indicator], unit_id: int, period: Period
) -> dict[int, ValueLock]:
    """{indicator id: the lock freezing it} for one unit and period (for pages that show
    locked cells before anyone types)."""
    holders, homes = lock_holders((i, unit_id) for i in indicators)
    locks = locks_by_agency(holders)
    out = {}
    for ind in indicators:
        lock = covering_lock(locks, ind, unit_id, period, homes)
        if lock is not None:
            out[ind.pk] = lock
    return out


def _latest(
    keys: Iterable[Cell], *, for_update: bool = False, fields: Sequence[str] | None = None
) -> dict[Cell, Any]:
    """The latest stored value of each (indicator id, unit id, period id) key, in one query
    per chunk of distinct ids (not one per key). `fields` gives value_list rows instead of
    DataValue objects. Rows of other keys that the IN-lists happen to cover are dropped."""
    keys = set(keys)
    if not keys:
        return {}
    out: dict[Cell, Any] = {}
    indicators = sorted({k[0] for k in keys})
    units = sorted({k[1] for k in keys})
    periods = sorted({k[2] for k in keys})
    for ind_chunk in chunked(indicators):
        for unit_chunk in chunked(units):
            for period_chunk in chunked(periods):
                qs = DataValue.objects.filter(
                    indicator_id__in=ind_chunk,
                    unit_id__in=unit_chunk,
                    period_id__in=period_chunk,
                    is_latest=True,
                )
                if for_update:
                    qs = qs.select_for_update()
                found: Iterable[tuple[Any, Any]]
                if fields:
                    found = (
                        (row[:3], row[3:])
                        for row in qs.values_list("indicator_id", "unit_id", "period_id", *fields)
                    )
                else:
                    found = (((dv.indicator_id, dv.unit_id, dv.period_id), dv) for dv in qs)
                out.update((key, v) for key, v in found if key in keys)
    return out


def validate_values(
    actor: Any, rows: Iterable[ValueRow], *, source: str = ""
) -> tuple[list[CleanValue], list[dict[str, Any]]]:
    """Check reported values without writing. Returns (clean rows, errors); a clean row
    (`CleanValue`) holds index, indicator, unit, period (objects), value (Decimal), status,
    note and previous (the latest stored DataValue or None)."""
    clean, r = _validate(actor, rows, source)
    return clean, r.errors


@dataclass(frozen=True)
class _Candidate:
    """A row whose own fields are good, before the checks against what is stored."""

    index: int
    indicator: Indicator
    unit: AdminUnit
    period: Period
    value: Decimal
    status: str
    note: str

    @property
    def cell(self) -> Cell:
        return (self.indicator.pk, self.unit.pk, self.period.id)


def _candidates(r: _Rows, actor: Any, rows: Sequence[ValueRow]) -> list[_Candidate]:
    """The rows whose indicator, unit, period, value, status and note are good and that
    name a cell no earlier row named."""
    out = []
    seen: dict[Cell, int] = {}
    for i, row in enumerate(rows):
        parsed = _common(
            r,
            i,
            actor,
            indicator=row.indicator,
            unit_code=row.unit,
            period_id=row.period,
            raw_value=row.value,
        )
        raw_status = str(row.status or "estimate").strip().lower()
        status = STATUS_WORDS.get(raw_status)
        if status is None:
            r.error(
                i,
                "status",
                _("Tình trạng số liệu “%(s)s” không hợp lệ: dùng ước, sơ bộ hoặc chính thức.")
                % {"s": raw_status},
            )
            parsed = None
        note = str(row.note or "").strip()
        if len(note) > 500:
            r.error(i, "note", _("Ghi chú dài quá 500 ký tự."))
            parsed = None
        if parsed is None or status is None:
            continue
        ind, unit, period, value = parsed
        c = _Candidate(i, ind, unit, period, value, status, note)
        if c.cell in seen:
            r.error(
                i,
                "period",
                _("Trùng với dòng %(n)s (cùng chỉ tiêu, đơn vị và kỳ).") % {"n": seen[c.cell] + 1},
            )
            continue
        seen[c.cell] = i
        out.append(c)
    return out


def _locked_message(period: Period, lock: ValueLock) -> str:
    return _("Số liệu %(p)s của %(agency)s đã được khóa (%(reason)s); không thể sửa.") % {
        "p": period.phrase,
        "agency": lock.agency.name,
        "reason": lock.reason or _("báo cáo đã được chấp nhận"),
    }


def _hold_agencies(agency_ids: Iterable[int]) -> None:
    """Take the row locks of these agencies, in id order, until the transaction ends.

    The one row a lock's creator and the writers of its figures both lock first: lock_values
    and unlock_values hold their agency while they change its ValueLock rows, record_values
    holds the lead agencies of its rows before it reads their locks. So a writer either
    commits before the lock is created, or reads the lock after it is committed. (PostgreSQL
    row locks, FOR NO KEY UPDATE: they still queue each other but not the rows that merely refer
    to the agency, such as a new task; on SQLite, IMMEDIATE transactions already take turns for
    the whole database.)
    """
    for chunk in chunked(sorted(set(agency_ids))):
        list(
            Agency.objects.select_for_update(no_key=True)
            .filter(pk__in=chunk)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def _unlocked(r: _Rows, candidates: list[_Candidate]) -> list[tuple[_Candidate, DataValue | None]]:
    """The candidates no lock refuses, each with the latest stored value of its cell."""
    latest = _latest(c.cell for c in candidates)
    holders, homes = lock_holders((c.indicator, c.unit.pk) for c in candidates)
    locks = locks_by_agency(holders)
    out = []
    for c in candidates:
        previous = latest.get(c.cell)
        lock = covering_lock(locks, c.indicator, c.unit.pk, c.period, homes)
        # Sending again the figure already stored changes nothing, so a lock does not refuse it
        # (a re-run import or demo load); any different figure, status or note is refused.
        unchanged = previous is not None and (previous.value, previous.status, previous.note) == (
            c.value,
            c.status,
            c.note,
        )
        if lock is not None and not unchanged:
            r.error(c.index, "period", _locked_message(c.period, lock))
            continue
        out.append((c, previous))
    return out


def _validate(actor: Any, rows: Iterable[ValueRow], source: str) -> tuple[list[CleanValue], _Rows]:
    """Every rule of every row, with a fixed number of queries for the whole batch: the
    indicators and units named, the latest stored values, the locks of the lead agencies,
    the values of the same period last year (each chunked by distinct ids)."""
    r = _Rows()
    if not getattr(actor, "is_authenticated", False):
        r.error(0, "indicator", _("Cần đăng nhập để nhập số liệu."), denied=True)
        return [], r
    rows = list(rows)
    r.prefetch((row.indicator for row in rows), (row.unit for row in rows))
    open_rows = _unlocked(r, _candidates(r, actor, rows))

    # Only a non-rate indicator with a threshold can need a note for its jump.
    jumpy = {
        c.cell: (c.indicator.pk, c.unit.pk, c.period.previous_year().id)
        for c, _p in open_rows
        if c.indicator.kind != Kind.RATE and c.indicator.jump_threshold is not None
    }
    last_year = _latest(jumpy.values(), fields=("value",))
    clean: list[CleanValue] = []
    for c, previous in open_rows:
        found = last_year.get(jumpy[c.cell]) if c.cell in jumpy else None
        jump = jump_pct(c.value, found[0]) if found is not None else None
        threshold = c.indicator.jump_threshold
        if jump is not None and threshold is not None and abs(jump) > threshold and not c.note:
            r.error(
                c.index,
                "note",
                _("Số liệu chênh %(j)s%% so với cùng kỳ (ngưỡng %(t)s%%): cần ghi chú giải trình.")
                % {"j": format_number(round_half_up(jump, 1)), "t": format_number(threshold)},
            )
            continue
        clean.append(
            {
                "index": c.index,
                "indicator": c.indicator,
                "unit": c.unit,
                "period": c.period,
                "value": c.value,
                "status": c.status,
                "note": c.note,
                "previous": previous,
                "source": source,
            }
        )
    # Rows are checked in passes; report them in row order as one pass over the rows would.
    r.errors.sort(key=lambda e: e["index"])
    return clean, r


def record_values(actor: Any, rows: Iterable[ValueRow], *, source: str = "") -> list[DataValue]:
    """Record reported values, all or nothing. A revision never overwrites: the stored
    latest value is kept as history and the new one becomes the latest. A row equal to
    the latest value (same figure, status and note) changes nothing.

    Set-based: the stored latest values are read again under lock in one query, the
    replaced ones lose their latest flag in one update, the new values and their audit
    entries are inserted in bulk."""
    clean, r = _validate(actor, rows, source)
    r.raise_if_any(_("số liệu"))
    now = timezone.now()
    out = []
    written = []
    with transaction.atomic():
        # Writers of one indicator go one after the other, so each recomputes the rollup
        # from values that include the other's (rollups.py).
        list(
            Indicator.objects.select_for_update()
            .filter(pk__in=sorted({row["indicator"].pk for row in clean}))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        # The locks were checked before the transaction; check them again under the row locks
        # of the agencies whose locks can freeze the rows (the lead agencies, the units' own
        # People's Committees), which lock_values takes too (a lock accepted meanwhile wins).
        holders, homes = lock_holders((row["indicator"], row["unit"].pk) for row in clean)
        _hold_agencies(holders)
        locks = locks_by_agency(holders)
        current = _latest(
            ((row["indicator"].pk, row["unit"].pk, row["period"].id) for row in clean),
            for_update=True,
        )
        late = _Rows()
        new: list[DataValue] = []
        replaced: list[int] = []
        entries = []
        for row in clean:
            ind, unit, period = row["indicator"], row["unit"], row["period"]
            prev = current.get((ind.pk, unit.pk, period.id))
            if (
                prev is not None
                and prev.value == row["value"]
                and prev.status == row["status"]
                and prev.note == row["note"]
            ):
                out.append(prev)
                continue
            lock = covering_lock(locks, ind, unit.pk, period, homes)
            if lock is not None:
                late.error(row["index"], "period", _locked_message(period, lock))
                continue
            if prev is not None:
                replaced.append(prev.pk)
            dv = DataValue(
                indicator=ind,
                unit=unit,
                value=row["value"],
                status=row["status"],
                note=row["note"],
                agency_id=perms.entering_agency_id(actor, ind, unit),
                author=actor,
                created_at=now,
                source=source[:60],
                is_latest=True,
                replaces=prev,
            )
            dv.set_period(period)
            new.append(dv)
            verb = Action.VALUE_REVISED if prev else Action.VALUE_RECORDED
            entries.append(
                (
                    verb,
                    dv,
                    row["note"],
                    {
                        "indicator": ind.code,
                        "unit": unit.code,
                        "period": period.id,
                        "value": to_plain(row["value"]),
                        "status": row["status"],
                        "previous": to_plain(prev.value) if prev else None,
                        "source": source,
                    },
                )
            )
            out.append(dv)
            written.append((ind, unit.pk, period))
        late.raise_if_any(_("số liệu"))
        # The old latest rows give up the flag first: one latest per cell is a constraint.
        for chunk in chunked(replaced, 900):
            DataValue.objects.filter(pk__in=chunk).update(is_latest=False)
        for i, dv in enumerate(new):
            check_lengths(dv, i)  # bulk_create sends no pre_save
        DataValue.objects.bulk_create(new, batch_size=1000)
        record_many(actor, entries)
        # bulk_create sends no post_save, so the per-save rollup invalidation does not run;
        # the batch refreshes the rows it can change, in this transaction.
        rollups.refresh(written)
    return out


def set_targets(actor, rows, *, source="") -> list[TargetValue]:
    """Record targets (plan, budget estimate, resolution goal, adjusted plan), all or
    nothing. Targets are never overwritten: each is a new row, the newest wins."""
    r = _Rows()
    clean = []
    if not getattr(actor, "is_authenticated", False):
        r.error(0, "indicator", _("Cần đăng nhập để nhập số liệu."), denied=True)
    else:
        rows = list(rows)
        r.prefetch((row.get("indicator") for row in rows), (row.get("unit") for row in rows))
        for i, row in enumerate(rows):
            parsed = _common(
                r,
                i,
                actor,
                indicator=row.get("indicator"),
                unit_code=row.get("unit"),
                period_id=row.get("period"),
                raw_value=row.get("value"),
                for_targets=True,
            )
            kind = TARGET_WORDS.get(str(row.get("kind") or "plan").strip().lower())
            if kind is None:
                r.error(
                    i,
                    "kind",
                    _(
                        "Loại mục tiêu “%(k)s” không hợp lệ: dùng goal, plan, estimate hoặc "
                        "adjusted."
                    )
                    % {"k": row.get("kind")},
                )
                continue
            directive = row.get("directive")
            if isinstance(directive, str) and directive.strip():
                found = Directive.objects.filter(number=directive.strip()).first()
                if found is None:
                    r.error(i, "directive", _("Không có văn bản số “%(n)s”.") % {"n": directive})
                    continue
                directive = found
            elif not directive:
                directive = None
            if parsed is not None:
                clean.append((parsed, kind, str(row.get("note") or "")[:500], directive))
    r.raise_if_any(_("mục tiêu"))
    now = timezone.now()
    out = []
    with transaction.atomic():
        for (ind, unit, period, value), kind, note, directive in clean:
            tv = TargetValue(
                indicator=ind,
                unit=unit,
                kind=kind,
                value=value,
                note=note,
                author=actor,
                created_at=now,
                directive=directive,
            )
            tv.set_period(period)
            tv.save()
            record(
                actor,
                Action.TARGET_SET,
                tv,
                data={
                    "indicator": ind.code,
                    "unit": unit.code,
                    "period": period.id,
                    "kind": kind,
                    "value": to_plain(value),
                },
            )
            out.append(tv)
    return out


_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")


def add_synonym(actor, indicator_code: str, words: str) -> Indicator:
    """Teach an indicator another name it goes by in reports (one line of `synonyms`)."""
    words = " ".join((words or "").split())
    if len(words) < 3:
        raise DomainError(_("Tên gọi khác cần ít nhất 3 ký tự."), field="words")
    with transaction.atomic():
        indicator = Indicator.objects.select_for_update().filter(code=indicator_code).first()
        if indicator is None:
            raise DomainError(
                _("Không có chỉ tiêu mã “%(c)s”.") % {"c": indicator_code}, field="indicator"
            )
        if not perms.can_write_for_indicator(actor, indicator):
            raise NotAllowed(_("Bạn không có quyền sửa chỉ tiêu này."), field="indicator")
        known = [s for s in indicator.synonyms.splitlines() if s.strip()]
        if any(fold(s) == fold(words) for s in known):
            return indicator
        indicator.synonyms = "\n".join([*known, words])
        indicator.save(update_fields=["synonyms", "search_key"])
        record(actor, Action.INDICATOR_SYNONYM_ADDED, indicator, data={"words": words})
    return indicator


def create_indicator(actor, data: dict) -> Indicator:
    """Define an indicator. `data` holds the model's fields by name; lead_agency and
    coordinators are agency codes."""
    if not str(data.get("lead_agency") or "").strip():
        # The steering loop needs one: the lead agency reports the figure, and the acceptance
        # of its report locks it.
        raise DomainError(
            _("Chưa chọn cơ quan chủ trì: mỗi chỉ tiêu cần một cơ quan chủ trì báo cáo số liệu."),
            field="lead_agency",
        )
    lead = Agency.objects.filter(code=data["lead_agency"]).first()
    if lead is None:
        raise DomainError(
            _("Không có cơ quan mã “%(c)s”.") % {"c": data["lead_agency"]}, field="lead_agency"
        )
    if not perms.can_create_indicator(actor, lead):
        raise NotAllowed(_("Bạn không có quyền tạo chỉ tiêu cho cơ quan này."), field="lead_agency")
    errors = []

    def bad(field, message):
        errors.append({"index": 0, "field": field, "message": message})

    code = str(data.get("code") or "").strip()
    if not _CODE.fullmatch(code):
        bad(
            "code", _("Mã chỉ tiêu chỉ gồm chữ không dấu, số, dấu chấm, gạch nối, tối đa 40 ký tự.")
        )
    elif Indicator.objects.filter(code=code).exists():
        bad("code", _("Mã chỉ tiêu “%(c)s” đã có.") % {"c": code})
    name = str(data.get("name") or "").strip()
    if not name:
        bad("name", _("Chưa nhập tên chỉ tiêu."))
    uom = str(data.get("unit_of_measure") or "").strip()
    if not uom:
        bad("unit_of_measure", _("Chưa nhập đơn vị tính."))
    kind = data.get("kind") or Kind.FLOW
    if kind not in Kind.values:
        bad("kind", _("Loại chỉ tiêu phải là flow, stock hoặc rate."))
    default_agg = Aggregation.NONE if kind == Kind.RATE else Aggregation.SUM
    agg = data.get("unit_aggregation") or default_agg
    if agg not in Aggregation.values:
        bad("unit_aggregation", _("Cách tổng hợp phải là sum, average hoặc none."))
    elif kind == Kind.RATE and agg != Aggregation.NONE:
        bad(
            "unit_aggregation",
            _("Chỉ tiêu tỷ lệ, tốc độ không được cộng hay tính trung bình theo đơn vị."),
        )
    direction = data.get("direction") or Direction.UP
    if direction not in Direction.values:
        bad("direction", _("Chiều tốt phải là up hoặc down."))
    decimals = data.get("decimals", 0)
    if not isinstance(decimals, int) or not 0 <= decimals <= 6:
        bad("decimals", _("Số chữ số thập phân từ 0 đến 6."))
    finest = data.get("finest_period") or Finest.MONTH
    if finest not in Finest.values:
        bad("finest_period", _("Kỳ báo cáo nhỏ nhất phải là month, quarter, half hoặc year."))
    coordinators = []
    for c in data.get("coordinators") or []:
        ag = Agency.objects.filter(code=c).first()
        if ag is None:
            bad("coordinators", _("Không có cơ quan mã “%(c)s”.") % {"c": c})
        else:
            coordinators.append(ag)
    if errors:
        raise DomainError(
            errors[0]["message"]
            if len(errors) == 1
            else _("Chỉ tiêu có %(n)s lỗi.") % {"n": len(errors)},
            field=errors[0]["field"],
            errors=errors,
        )
    with transaction.atomic():
        ind = Indicator.objects.create(
            code=code,
            name=name,
            unit_of_measure=uom,
            field=str(data.get("field") or "")[:100],
            kind=kind,
            unit_aggregation=agg,
            direction=direction,
            decimals=decimals,
            finest_period=finest,
            levels=list(data.get("levels") or []),
            allow_negative=bool(data.get("allow_negative", kind == Kind.RATE)),
            lead_agency=lead,
            directive=data.get("directive"),
            description=str(data.get("description") or ""),
        )
        if coordinators:
            ind.coordinators.set(coordinators)
        if data.get("breakthroughs"):
            ind.breakthroughs.set(data["breakthroughs"])
        record(actor, Action.INDICATOR_CREATED, ind, data={"code": code})
    return ind


def lock_values(actor, agency, period_id, *, unit=None, reason="") -> ValueLock:
    """Freeze an agency's figures for a period (reporting calls this on acceptance)."""
    if not perms.can_lock_values(actor):
        raise NotAllowed(_("Chỉ văn phòng theo dõi được khóa số liệu."))
    try:
        period = Period.parse(period_id)
    except PeriodError as e:
        raise DomainError(e.message, field="period") from None
    with transaction.atomic():
        _hold_agencies([agency.pk])
        lock = ValueLock.objects.create(
            agency=agency, period_id=period.id, unit=unit, locked_by=actor, reason=reason
        )
        record(
            actor,
            Action.VALUES_LOCKED,
            lock,
            reason=reason,
            data={"agency": agency.code, "period": period.id},
        )
    return lock


def unlock_values(actor, agency, period_id, *, reason: str) -> list[int]:
    """Lift the locks on an agency's figures for a period (reporting calls this when it
    reopens an accepted report). Returns the ids of the locks lifted, each audited."""
    if not perms.can_unlock_values(actor):
        raise NotAllowed(_("Chỉ văn phòng theo dõi được mở khóa số liệu."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Cần ghi lý do mở khóa số liệu."), field="reason")
    with transaction.atomic():
        _hold_agencies([agency.pk])
        locks = list(
            ValueLock.objects.select_for_update()
            .filter(agency=agency, period_id=period_id)
            .order_by("pk")
        )
        data = {"agency": agency.code, "period": period_id}
        record_many(actor, [(Action.VALUES_UNLOCKED, lock, reason, data) for lock in locks])
        ValueLock.objects.filter(pk__in=[lock.pk for lock in locks]).delete()
    return [lock.pk for lock in locks]
