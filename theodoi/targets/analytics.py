"""The numbers leaders read: values, rollups and metrics.

The first half is plain functions over plain values (tested without a database);
the second half is the one query layer that feeds them (`metric_for`, `overview`).
Quarters, halves and years at units with child units are read from the rollup table
when it has them (rollups.py: computed by this module's own functions, kept current
by `record_values`); everything else is resolved from the values.

Value resolution for an indicator, a unit and a period:
1. the value reported for exactly that unit and period;
2. else, from its sub-periods at that unit: a flow is the sum of the sub-periods of
   the coarsest single kind (halves, quarters, months; years for a term) that cover
   the span completely; a stock is the value of a sub-period that ends where the span
   ends; a rate is never derived;
3. else, the aggregation (sum or average) of the child units valid in that period,
   each resolved the same way; indicators aggregated "none" and rates stop here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from theodoi.core.numbers import format_number, format_scaled, round_half_up
from theodoi.core.periods import Period

HUNDRED = Decimal(100)
# A figure within this many percentage points of the expected share is on track.
PACE_TOLERANCE = Decimal(2)

SOURCE_REPORTED = "reported"
SOURCE_SUBPERIODS = "subperiods"
SOURCE_CHILDREN = "children"

# Worst status wins when figures are combined: any estimate makes an estimate.
STATUS_RANK = {"official": 0, "preliminary": 1, "estimate": 2}
RANK_STATUS = {v: k for k, v in STATUS_RANK.items()}

# Order in which single-kind tilings of a span are tried (coarsest first).
TILING_KINDS = ("year", "half", "quarter", "month")

AHEAD, ON_TRACK, BEHIND = "ahead", "on_track", "behind"


def pace_label(pace: str | None) -> str:
    return {AHEAD: _("vượt tiến độ"), ON_TRACK: _("đúng tiến độ"), BEHIND: _("chậm tiến độ")}.get(pace, "")


def source_label(source: str | None) -> str:
    return {SOURCE_REPORTED: _("số báo cáo"), SOURCE_SUBPERIODS: _("cộng từ các kỳ nhỏ hơn"),
            SOURCE_CHILDREN: _("tổng hợp từ đơn vị trực thuộc")}.get(source, "")


# ---------------------------------------------------------------------------
# Plain values
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class IndicatorInfo:
    """What analytics needs to know about an indicator (no model)."""

    id: int
    name: str
    kind: str  # flow | stock | rate
    unit_aggregation: str  # sum | average | none
    direction: str = "up"
    decimals: int = 0
    unit_of_measure: str = ""


@dataclass
class KindPart:
    """Reported values of one period kind lying inside a span, at one unit."""

    total: Decimal = Decimal(0)
    months: int = 0
    at_end: Decimal | None = None  # the value of the part that ends where the span ends
    status_rank: int = 0


@dataclass
class Parts:
    """Everything reported for one (indicator, unit) inside one span."""

    exact: tuple[Decimal, str] | None = None
    kinds: dict[str, KindPart] = field(default_factory=dict)


@dataclass(frozen=True)
class Resolved:
    value: Decimal
    status: str
    source: str


def parts_from_rows(span: Period, rows) -> Parts:
    """Build Parts from (Period, value, status) rows (for tests and small callers)."""
    parts = Parts()
    for period, value, status in rows:
        if not span.contains(period):
            continue
        if period == span:
            parts.exact = (value, status)
            continue
        kp = parts.kinds.setdefault(period.kind, KindPart())
        kp.total += value
        kp.months += period.month_count
        kp.status_rank = max(kp.status_rank, STATUS_RANK[status])
        if period.end == span.end:
            kp.at_end = value
    return parts


def from_subperiods(kind: str, span: Period, parts: Parts) -> Resolved | None:
    """Step 2 of resolution, at one unit."""
    if kind == "flow":
        for k in TILING_KINDS:
            kp = parts.kinds.get(k)
            if kp is not None and kp.months == span.month_count:
                return Resolved(kp.total, RANK_STATUS[kp.status_rank], SOURCE_SUBPERIODS)
    elif kind == "stock":
        for k in TILING_KINDS + ("ytd",):
            kp = parts.kinds.get(k)
            if kp is not None and kp.at_end is not None:
                return Resolved(kp.at_end, RANK_STATUS[kp.status_rank], SOURCE_SUBPERIODS)
    return None


def aggregate(how: str, values: list[Resolved]) -> Resolved | None:
    """Step 3: combine child units' values (sum or average); None when nothing to combine."""
    if not values or how == "none":
        return None
    total = sum((v.value for v in values), Decimal(0))
    if how == "average":
        total = total / len(values)
    status = RANK_STATUS[max(STATUS_RANK[v.status] for v in values)]
    return Resolved(total, status, SOURCE_CHILDREN)


def own_value(ind: IndicatorInfo, span: Period, p: Parts | None) -> Resolved | None:
    """Steps 1 and 2 of resolution, at one unit: its exact value, else its sub-periods."""
    if p is None:
        return None
    if p.exact is not None:
        return Resolved(p.exact[0], p.exact[1], SOURCE_REPORTED)
    if ind.kind == "rate":
        return None
    return from_subperiods(ind.kind, span, p)


def rollup(ind: IndicatorInfo, unit_id: int, own: dict, children: dict) -> Resolved | None:
    """Step 3: a unit's own value, else the aggregation of its children's (recursively).
    `own` maps unit id -> Resolved from steps 1–2; `children` maps unit id -> child ids."""
    got = own.get(unit_id)
    if got is not None:
        return got
    if ind.kind == "rate" or ind.unit_aggregation == "none":
        return None
    kids = [rollup(ind, c, own, children) for c in children.get(unit_id, ())]
    return aggregate(ind.unit_aggregation, [k for k in kids if k is not None])


def resolve(ind: IndicatorInfo, unit_id: int, span: Period, parts: dict, children: dict) -> Resolved | None:
    """Resolve one value. `parts` maps unit id -> Parts for this indicator and span;
    `children` maps unit id -> ids of child units valid in the span."""
    own = {u: v for u, p in parts.items() if (v := own_value(ind, span, p)) is not None}
    return rollup(ind, unit_id, own, children)


def ratio_pct(value: Decimal | None, base: Decimal | None) -> Decimal | None:
    """value ÷ base × 100, unrounded; None when either is missing or base is zero."""
    if value is None or base is None or base == 0:
        return None
    return value / base * HUNDRED


def jump_pct(value: Decimal | None, last_year: Decimal | None) -> Decimal | None:
    """The change against last year in percent (unrounded)."""
    r = ratio_pct(value, last_year)
    return None if r is None else r - HUNDRED


def expected_share_pct(span: Period, plan_period: Period | None, prev_span: Decimal | None,
                       prev_year: Decimal | None) -> Decimal | None:
    """The share of the plan one expects to have reached by the end of the span:
    100% against a plan for the span itself; against an annual plan, last year's
    share at the same point when history allows (seasonal figures), else the share
    of the year's months the span covers."""
    if plan_period is None:
        return None
    if plan_period == span:
        return HUNDRED
    if prev_span is not None and prev_year and prev_year > 0:
        return prev_span / prev_year * HUNDRED
    return Decimal(span.month_count) / Decimal(plan_period.month_count) * HUNDRED


def pace(plan_pct: Decimal | None, expected_pct: Decimal | None, direction: str = "up") -> str | None:
    """vượt / đúng / chậm tiến độ: plan_pct against the expected share, reversed for `down`."""
    if plan_pct is None or expected_pct is None:
        return None
    diff = plan_pct - expected_pct
    if abs(diff) <= PACE_TOLERANCE:
        return ON_TRACK
    better = diff > 0 if direction == "up" else diff < 0
    return AHEAD if better else BEHIND


def rate_pace(value: Decimal | None, plan: Decimal | None, direction: str = "up") -> str | None:
    """A rate is judged against its plan directly (growth of 5% against a plan of 6.5%)."""
    if value is None or plan is None:
        return None
    if value == plan:
        return ON_TRACK
    better = value > plan if direction == "up" else value < plan
    return AHEAD if better else BEHIND


def format_figure(value: Decimal, decimals: int, unit_of_measure: str) -> str:
    """"6.265 tỷ đồng", "1,9 triệu lượt khách", "5%"."""
    uom = unit_of_measure.strip()
    if uom == "%":
        return format_number(round_half_up(value, max(decimals, 1))) + "%"
    if abs(value) >= Decimal(10) ** 6 and "đồng" not in uom:
        text = format_scaled(value, 2)
    else:
        text = format_number(round_half_up(value, decimals))
    return f"{text} {uom}".strip()


def pct_text(p: Decimal) -> str:
    """67.4 -> "67,4%", 47.0 -> "47%" (one decimal, half-up, as reports write)."""
    return format_number(round_half_up(p, 1)) + "%"


def sentence(*, name: str, period_label: str, unit_name: str | None, value: Decimal | None, status: str | None,
             decimals: int, unit_of_measure: str, kind: str, plan_pct: Decimal | None, plan_kind_label: str | None,
             plan: Decimal | None, yoy_pct: Decimal | None, previous_year: int | None) -> str:
    """The figure in the words of an official report:
    "Thu ngân sách nhà nước 6 tháng đầu năm 2021 ước đạt 6.265 tỷ đồng, bằng 67,4% dự toán,
    tăng 39,6% so với cùng kỳ năm 2020." Clauses are dropped when their figure is missing."""
    if value is None:
        return ""
    head = f"{name} {period_label}"
    if unit_name:
        head += " " + _("của %(unit)s") % {"unit": unit_name}
    verb = _("ước đạt") if status == "estimate" else _("đạt")
    text = f"{head} {verb} {format_figure(value, decimals, unit_of_measure)}"
    if kind == "rate":
        if plan is not None and plan_kind_label:
            text += ", " + _("%(kind)s %(plan)s") % {"kind": plan_kind_label, "plan": format_figure(plan, decimals, unit_of_measure)}
        return text + "."
    if plan_pct is not None and plan_kind_label:
        text += ", " + _("bằng %(pct)s %(kind)s") % {"pct": pct_text(plan_pct), "kind": plan_kind_label}
    if yoy_pct is not None and previous_year is not None:
        rounded = round_half_up(yoy_pct, 1)
        if rounded == 0:
            text += ", " + _("bằng cùng kỳ năm %(y)s") % {"y": previous_year}
        elif rounded > 0:
            text += ", " + _("tăng %(pct)s so với cùng kỳ năm %(y)s") % {"pct": pct_text(rounded), "y": previous_year}
        else:
            text += ", " + _("giảm %(pct)s so với cùng kỳ năm %(y)s") % {"pct": pct_text(-rounded), "y": previous_year}
    return text + "."


TARGET_PRECEDENCE = {"adjusted": 3, "estimate": 2, "plan": 2, "goal": 1}


def pick_target(targets):
    """From (kind, created_at, id, value) tuples for one period, the one that counts:
    the latest adjusted plan, else the latest plan or budget estimate, else the goal."""
    if not targets:
        return None
    return max(targets, key=lambda t: (TARGET_PRECEDENCE.get(t[0], 0), t[1], t[2]))


@dataclass
class Metric:
    indicator: IndicatorInfo
    unit_id: int
    period: Period
    value: Decimal | None = None
    status: str | None = None
    source: str | None = None
    plan: Decimal | None = None
    plan_kind: str | None = None
    plan_period: Period | None = None
    plan_pct: Decimal | None = None
    previous: Decimal | None = None
    previous_period: Period | None = None
    yoy_pct: Decimal | None = None
    expected_pct: Decimal | None = None
    pace: str | None = None
    sentence: str = ""

    @property
    def pace_label(self) -> str:
        return pace_label(self.pace)

    @property
    def source_label(self) -> str:
        return source_label(self.source)


def build_metric(ind: IndicatorInfo, unit_id: int, unit_name: str | None, period: Period,
                 current: Resolved | None, previous: Resolved | None, previous_year_total: Resolved | None,
                 target_for_span, target_for_year) -> Metric:
    """Assemble a Metric from resolved values and the targets (kind, value) that apply."""
    from theodoi.targets.models import TargetKind

    m = Metric(indicator=ind, unit_id=unit_id, period=period, previous_period=period.previous_year())
    if current is not None:
        m.value, m.status, m.source = current.value, current.status, current.source
    if previous is not None:
        m.previous = previous.value
    if target_for_span is not None:
        m.plan_kind, m.plan, m.plan_period = target_for_span[0], target_for_span[1], period
    elif target_for_year is not None and period.kind not in ("year", "term"):
        m.plan_kind, m.plan, m.plan_period = target_for_year[0], target_for_year[1], Period.year_(period.year)
    plan_kind_label = str(TargetKind(m.plan_kind).label) if m.plan_kind else None
    if ind.kind == "rate":
        m.pace = rate_pace(m.value, m.plan, ind.direction)
    else:
        exact_plan = ratio_pct(m.value, m.plan)
        exact_yoy = jump_pct(m.value, m.previous)
        m.plan_pct = None if exact_plan is None else round_half_up(exact_plan, 1)
        m.yoy_pct = None if exact_yoy is None else round_half_up(exact_yoy, 1)
        m.expected_pct = expected_share_pct(period, m.plan_period, m.previous,
                                            previous_year_total.value if previous_year_total else None)
        m.pace = pace(exact_plan, m.expected_pct, ind.direction)
    m.sentence = sentence(
        name=ind.name, period_label=period.label, unit_name=unit_name, value=m.value, status=m.status,
        decimals=ind.decimals, unit_of_measure=ind.unit_of_measure, kind=ind.kind, plan_pct=m.plan_pct,
        plan_kind_label=plan_kind_label, plan=m.plan, yoy_pct=m.yoy_pct,
        previous_year=period.previous_year().year if period.kind != "term" else None,
    )
    return m


# ---------------------------------------------------------------------------
# The query layer
# ---------------------------------------------------------------------------

def info(indicator) -> IndicatorInfo:
    return IndicatorInfo(id=indicator.pk, name=indicator.name, kind=indicator.kind,
                         unit_aggregation=indicator.unit_aggregation, direction=indicator.direction,
                         decimals=indicator.decimals, unit_of_measure=indicator.unit_of_measure)


def _month_index(d) -> int:
    return d.year * 12 + d.month - 1


class UnitTree:
    """The administrative tree as it stood in a span: children valid in that span."""

    def __init__(self, units):
        self.units = units  # list of (id, parent_id, valid_from, valid_to, code, name, level)
        self.by_id = {u[0]: u for u in units}

    @classmethod
    def load(cls):
        from theodoi.org.models import AdminUnit

        return cls(list(AdminUnit.objects.values_list("id", "parent_id", "valid_from", "valid_to", "code", "name", "level")))

    def children(self, span: Period) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for uid, parent, vf, vt, *_rest in self.units:
            if parent is not None and (vf is None or vf <= span.end) and (vt is None or vt >= span.start):
                out.setdefault(parent, []).append(uid)
        return out

    def subtree(self, root: int, children: dict[int, list[int]]) -> list[int]:
        out, stack = [], [root]
        while stack:
            u = stack.pop()
            out.append(u)
            stack.extend(children.get(u, ()))
        return out


# SQLite keeps decimals as binary floating point, so sums there are taken in exact integer
# millionths (the field's 6 decimal places); PostgreSQL sums its numeric column exactly.
_MICRO = Decimal(1000000)


def _value_sql(vendor: str) -> tuple[str, bool]:
    if vendor == "sqlite":
        return "CAST(ROUND(value * 1000000) AS INTEGER)", True
    return "value", False


def _fetch_own(infos: list[IndicatorInfo], spans: list[tuple[Period, list[int]]], filter_indicators: bool):
    """Steps 1–2 of resolution for every (indicator, unit, span), in one SQL statement that
    scans the values once. Rows lying in any span are grouped by indicator, unit and period
    kind; per span, conditional aggregates give the exact value and, for the other rows
    inside it, their total, months covered, status and (for stocks) the value ending where
    the span ends. Python then applies `own_value`, the same rule as the plain functions.
    Returns one {indicator_id: {unit_id: Resolved}} per span."""
    from django.db import connection

    from theodoi.targets.models import DataValue

    table = DataValue._meta.db_table
    val, micro = _value_sql(connection.vendor)
    bounds = [(sp.year * 12 + sp.first_month - 1, sp.end_year * 12 + sp.last_month - 1) for sp, _u in spans]
    stock_ids = ",".join(str(int(i.id)) for i in infos if i.kind == "stock")
    cols = []
    for s, e in bounds:
        exact = f"start_month = {s} AND end_month = {e}"
        inside = f"start_month >= {s} AND end_month <= {e} AND NOT ({exact})"
        at_end = f"SUM(CASE WHEN {inside} AND end_month = {e} AND indicator_id IN ({stock_ids}) THEN v END)" \
            if stock_ids else "NULL"
        cols += [f"SUM(CASE WHEN {exact} THEN v END)", f"MAX(CASE WHEN {exact} THEN r END)",
                 f"SUM(CASE WHEN {inside} THEN v END)", f"SUM(CASE WHEN {inside} THEN end_month - start_month + 1 END)",
                 f"MAX(CASE WHEN {inside} THEN r END)", at_end]
    units = sorted({u for _sp, us in spans for u in us})
    params = list(units)
    ind_clause = ""
    if filter_indicators:
        ind_clause = f" AND indicator_id IN ({','.join(['%s'] * len(infos))})"
        params += [i.id for i in infos]
    sql = (
        f"SELECT indicator_id, unit_id, period_kind, {', '.join(cols)} FROM ("
        f"SELECT indicator_id, unit_id, period_kind, start_month, end_month, {val} AS v, "
        f"CASE status WHEN 'estimate' THEN 2 WHEN 'preliminary' THEN 1 ELSE 0 END AS r "
        f"FROM {table} WHERE is_latest AND start_month >= {min(b[0] for b in bounds)} "
        f"AND end_month <= {max(b[1] for b in bounds)} "
        f"AND unit_id IN ({','.join(['%s'] * len(units))}){ind_clause}) AS inside "
        f"GROUP BY indicator_id, unit_id, period_kind ORDER BY indicator_id, unit_id"
    )
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # JIT compilation costs more than it saves on this one-off aggregate.
            cur.execute("SET jit = off")
        cur.execute(sql, params)
        rows = cur.fetchall()

    def dec(x):
        if x is None or not micro:
            return x
        return Decimal(x) / _MICRO

    by_id = {i.id: i for i in infos}
    out = [dict() for _s in spans]
    periods = [sp for sp, _u in spans]
    months = [sp.month_count for sp in periods]
    stock_kinds = TILING_KINDS + ("ytd",)
    # Rows come sorted by indicator and unit; a unit with one kind of rows (the usual case)
    # is decided inline, the same way as own_value; others go through own_value itself.
    n_rows, i = len(rows), 0
    while i < n_rows:
        j = i + 1
        ind_id, unit_id = rows[i][0], rows[i][1]
        while j < n_rows and rows[j][0] == ind_id and rows[j][1] == unit_id:
            j += 1
        ind = by_id.get(ind_id)
        if ind is None:
            i = j
            continue
        for t in range(len(spans)):
            c = 3 + 6 * t
            if j == i + 1:
                row = rows[i]
                if row[c + 1] is not None:
                    got = Resolved(dec(row[c]), RANK_STATUS[row[c + 1]], SOURCE_REPORTED)
                elif row[c + 3] is None or ind.kind == "rate":
                    continue
                elif ind.kind == "flow":
                    if row[2] not in TILING_KINDS or row[c + 3] != months[t]:
                        continue
                    got = Resolved(dec(row[c + 2]), RANK_STATUS[row[c + 4]], SOURCE_SUBPERIODS)
                else:
                    if row[2] not in stock_kinds or row[c + 5] is None:
                        continue
                    got = Resolved(dec(row[c + 5]), RANK_STATUS[row[c + 4]], SOURCE_SUBPERIODS)
            else:
                parts = Parts()
                for row in rows[i:j]:
                    if row[c + 1] is not None:
                        parts.exact = (dec(row[c]), RANK_STATUS[row[c + 1]])
                    if row[c + 3] is not None:
                        parts.kinds[row[2]] = KindPart(dec(row[c + 2]), int(row[c + 3]), dec(row[c + 5]), int(row[c + 4]))
                got = own_value(ind, periods[t], parts)
                if got is None:
                    continue
            by_unit = out[t].get(ind_id)
            if by_unit is None:
                by_unit = out[t][ind_id] = {}
            by_unit[unit_id] = got
        i = j
    return out


def _resolve(infos: list[IndicatorInfo], unit_id: int, spans: list[Period], tree: UnitTree,
             all_indicators: bool) -> list[dict[int, Resolved | None]]:
    """The resolved value of every indicator at one unit for each span: {indicator id:
    Resolved | None} per span. Stored rollup rows (quarters, halves, years at units with
    child units; see rollups.py) are read as they are; whatever has no row is resolved from
    the values in one scan, by the same rules (`_fetch_own`, then `rollup`)."""
    from theodoi.targets import rollups

    stored = {}
    kinds_stored = [s.id for s in spans if s.kind in rollups.KINDS]
    if kinds_stored and any(u[1] == unit_id for u in tree.units):
        stored = rollups.read(None if all_indicators else [i.id for i in infos], unit_id, kinds_stored)
    out: list[dict[int, Resolved | None]] = [{} for _s in spans]
    todo = []  # (span index, indicators without a stored row)
    for n, s in enumerate(spans):
        missing = []
        for ind in infos:
            key = (ind.id, s.id)
            if key in stored:
                out[n][ind.id] = stored[key]
            else:
                missing.append(ind)
        if missing:
            todo.append((n, missing))
    if todo:
        scan = list({ind.id: ind for _n, miss in todo for ind in miss}.values())
        kids = {spans[n]: tree.children(spans[n]) for n, _m in todo}
        everything = all_indicators and len(scan) == len(infos)
        own = _fetch_own(scan, [(spans[n], tree.subtree(unit_id, kids[spans[n]])) for n, _m in todo], not everything)
        for k, (n, missing) in enumerate(todo):
            for ind in missing:
                out[n][ind.id] = rollup(ind, unit_id, own[k].get(ind.id, {}), kids[spans[n]])
    return out


def _fetch_targets(indicator_ids: list[int] | None, unit_id: int, period_ids: list[str]):
    from theodoi.targets.models import TargetValue

    qs = TargetValue.objects.filter(unit_id=unit_id, period_id__in=period_ids)
    if indicator_ids is not None:
        qs = qs.filter(indicator_id__in=indicator_ids)
    return _targets_that_count(qs.values_list("indicator_id", "period_id", "kind", "created_at", "id", "value"))


def _targets_that_count(rows) -> dict:
    """{(a, b): (kind, value)} from (a, b, kind, created_at, id, value) rows, by pick_target."""
    grouped: dict[tuple, list] = {}
    for a, b, kind, created, tid, value in rows:
        grouped.setdefault((a, b), []).append((kind, created, tid, value))
    return {key: (t[0], t[3]) for key, ts in grouped.items() if (t := pick_target(ts))}


def _fetch_targets_for_units(indicator_id: int, unit_ids: list[int], period_ids: list[str]):
    """{(unit id, period id): (kind, value)} of the target that counts, for one indicator."""
    from theodoi.targets.models import TargetValue

    rows = TargetValue.objects.filter(indicator_id=indicator_id, unit_id__in=unit_ids, period_id__in=period_ids)
    return _targets_that_count(rows.values_list("unit_id", "period_id", "kind", "created_at", "id", "value"))


def metrics(indicators, unit, period: Period, tree: UnitTree | None = None,
            all_indicators: bool = False) -> list[Metric]:
    """Metrics of several indicators for one unit and period, in three queries
    (units, values, targets). `all_indicators` skips the indicator filter when the
    list is every indicator (the overview), which lets the database scan by span only."""
    tree = tree or UnitTree.load()
    infos = [i if isinstance(i, IndicatorInfo) else info(i) for i in indicators]
    if not infos:
        return []
    prev = period.previous_year()
    spans = [period, prev]
    if period.kind not in ("year", "term"):
        spans.append(Period.year_(prev.year))
    ids = None if all_indicators else [i.id for i in infos]
    resolved = _resolve(infos, unit.pk, spans, tree, all_indicators)
    targets = _fetch_targets(ids, unit.pk, [period.id, str(period.year)])
    unit_name = None if unit.parent_id is None else unit.name
    out = []
    for ind in infos:
        res = [resolved[n].get(ind.id) for n in range(len(spans))]
        out.append(build_metric(
            ind, unit.pk, unit_name, period, res[0], res[1], res[2] if len(res) > 2 else None,
            targets.get((ind.id, period.id)), targets.get((ind.id, str(period.year))),
        ))
    return out


def values(indicator, unit, spans: list[Period], tree: UnitTree | None = None) -> list[Resolved | None]:
    """The resolved value of one indicator at one unit for several spans, in one query
    (a chart's points)."""
    tree = tree or UnitTree.load()
    ind = indicator if isinstance(indicator, IndicatorInfo) else info(indicator)
    if not spans:
        return []
    resolved = _resolve([ind], unit.pk, spans, tree, False)
    return [resolved[n].get(ind.id) for n in range(len(spans))]


def metric_for(indicator, unit, period) -> Metric:
    """The metric of one indicator for one unit and period (`period` is a Period or an id)."""
    return metrics([indicator], unit, Period.parse(period))[0]


def overview(period, unit, indicators=None) -> list[Metric]:
    """Every indicator still followed (not retired), for one unit and period."""
    from theodoi.targets.models import Indicator

    period = Period.parse(period)
    if indicators is None:
        qs = Indicator.objects.filter(retired=False).order_by("order", "code")
        everything = not Indicator.objects.filter(retired=True).exists()
        return metrics(list(qs), unit, period, all_indicators=everything)
    return metrics(indicators, unit, period)


def child_metrics(indicator, unit, period) -> list[tuple]:
    """(child unit, Metric) for every child unit valid in the period — the same answers as
    `metrics([indicator], child, period)` for each child, but in one scan of the values and
    one read of the targets for all children, not a round of queries per child."""
    from theodoi.org.models import AdminUnit

    period = Period.parse(period)
    tree = UnitTree.load()
    kids = list(AdminUnit.objects.filter(pk__in=tree.children(period).get(unit.pk, [])).order_by("code"))
    if not kids:
        return []
    ind = indicator if isinstance(indicator, IndicatorInfo) else info(indicator)
    prev = period.previous_year()
    spans = [period, prev]
    if period.kind not in ("year", "term"):
        spans.append(Period.year_(prev.year))
    kid_maps = [tree.children(s) for s in spans]
    subtrees = [sorted({u for k in kids for u in tree.subtree(k.pk, kid_maps[n])}) for n in range(len(spans))]
    own = _fetch_own([ind], list(zip(spans, subtrees)), True)
    targets = _fetch_targets_for_units(ind.id, [k.pk for k in kids], [period.id, str(period.year)])
    out = []
    for k in kids:
        res = [rollup(ind, k.pk, own[n].get(ind.id, {}), kid_maps[n]) for n in range(len(spans))]
        out.append((k, build_metric(
            ind, k.pk, k.name, period, res[0], res[1], res[2] if len(res) > 2 else None,
            targets.get((k.pk, period.id)), targets.get((k.pk, str(period.year))),
        )))
    return out
