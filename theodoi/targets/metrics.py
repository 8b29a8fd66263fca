"""The numbers leaders read, as plain rules: plain functions over plain values, tested
without a database. scan.py reads the values these rules resolve; analytics.py puts the
two together for the pages, the API and reporting.

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

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, Protocol, TypeVar

from django.utils.translation import gettext as _

from theodoi.core.numbers import format_number, format_scaled, round_half_up
from theodoi.core.periods import Period
from theodoi.targets.models import TargetKind

HUNDRED = Decimal(100)
# A figure within this many percentage points of the expected share is on track.
PACE_TOLERANCE = Decimal(2)

SOURCE_REPORTED = "reported"
SOURCE_SUBPERIODS = "subperiods"
SOURCE_CHILDREN = "children"
SOURCE_PREDECESSORS = "predecessors"

# Worst status wins when figures are combined: any estimate makes an estimate.
STATUS_RANK = {"official": 0, "preliminary": 1, "estimate": 2}
RANK_STATUS = {v: k for k, v in STATUS_RANK.items()}

# Order in which single-kind tilings of a span are tried (coarsest first).
TILING_KINDS = ("year", "half", "quarter", "month")

AHEAD, ON_TRACK, BEHIND = "ahead", "on_track", "behind"


def pace_label(pace: str | None) -> str:
    labels = {AHEAD: _("vượt tiến độ"), ON_TRACK: _("đúng tiến độ"), BEHIND: _("chậm tiến độ")}
    return labels.get(pace or "", "")


def source_label(source: str | None) -> str:
    return {
        SOURCE_REPORTED: _("số báo cáo"),
        SOURCE_SUBPERIODS: _("cộng từ các kỳ nhỏ hơn"),
        SOURCE_CHILDREN: _("tổng hợp từ đơn vị trực thuộc"),
        SOURCE_PREDECESSORS: _("quy đổi theo địa giới hiện nay từ các đơn vị trước đây"),
    }.get(source or "", "")


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


class IndicatorLike(Protocol):
    """The fields of an Indicator that `info` reads (a model instance, or a test double)."""

    pk: int
    name: str
    kind: str
    unit_aggregation: str
    direction: str
    decimals: int
    unit_of_measure: str


def info(indicator: IndicatorLike) -> IndicatorInfo:
    return IndicatorInfo(
        id=indicator.pk,
        name=indicator.name,
        kind=indicator.kind,
        unit_aggregation=indicator.unit_aggregation,
        direction=indicator.direction,
        decimals=indicator.decimals,
        unit_of_measure=indicator.unit_of_measure,
    )


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


def parts_from_rows(span: Period, rows: Iterable[tuple[Period, Decimal, str]]) -> Parts:
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


def rollup(
    ind: IndicatorInfo,
    unit_id: int,
    own: Mapping[int, Resolved],
    children: Mapping[int, Sequence[int]],
) -> Resolved | None:
    """Step 3: a unit's own value, else the aggregation of its children's (recursively).
    `own` maps unit id -> Resolved from steps 1–2; `children` maps unit id -> child ids."""
    got = own.get(unit_id)
    if got is not None:
        return got
    if ind.kind == "rate" or ind.unit_aggregation == "none":
        return None
    kids = [rollup(ind, c, own, children) for c in children.get(unit_id, ())]
    return aggregate(ind.unit_aggregation, [k for k in kids if k is not None])


def resolve(
    ind: IndicatorInfo,
    unit_id: int,
    span: Period,
    parts: Mapping[int, Parts],
    children: Mapping[int, Sequence[int]],
) -> Resolved | None:
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


def expected_share_pct(
    span: Period, plan_period: Period | None, prev_span: Decimal | None, prev_year: Decimal | None
) -> Decimal | None:
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


def pace(
    plan_pct: Decimal | None, expected_pct: Decimal | None, direction: str = "up"
) -> str | None:
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
    """ "6.265 tỷ đồng", "1,9 triệu lượt khách", "5%"."""
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


def sentence(
    *,
    name: str,
    period_label: str,
    unit_name: str | None,
    value: Decimal | None,
    status: str | None,
    decimals: int,
    unit_of_measure: str,
    kind: str,
    plan_pct: Decimal | None,
    plan_kind_label: str | None,
    plan: Decimal | None,
    yoy_pct: Decimal | None,
    previous_year: int | None,
    comparable_note: str = "",
) -> str:
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
            text += ", " + _("%(kind)s %(plan)s") % {
                "kind": plan_kind_label,
                "plan": format_figure(plan, decimals, unit_of_measure),
            }
        return text + "."
    if plan_pct is not None and plan_kind_label:
        text += ", " + _("bằng %(pct)s %(kind)s") % {
            "pct": pct_text(plan_pct),
            "kind": plan_kind_label,
        }
    if yoy_pct is not None and previous_year is not None:
        rounded = round_half_up(yoy_pct, 1)
        if rounded == 0:
            text += ", " + _("bằng cùng kỳ năm %(y)s") % {"y": previous_year}
        elif rounded > 0:
            text += ", " + _("tăng %(pct)s so với cùng kỳ năm %(y)s") % {
                "pct": pct_text(rounded),
                "y": previous_year,
            }
        else:
            text += ", " + _("giảm %(pct)s so với cùng kỳ năm %(y)s") % {
                "pct": pct_text(-rounded),
                "y": previous_year,
            }
        if comparable_note:
            text += " " + comparable_note
    return text + "."


TARGET_PRECEDENCE = {"adjusted": 3, "estimate": 2, "plan": 2, "goal": 1}

# (kind, created_at, id, value) of one stored target.
TargetRow = tuple[str, datetime.datetime, int, Decimal]
K = TypeVar("K")


def pick_target(targets: Sequence[TargetRow]) -> TargetRow | None:
    """From (kind, created_at, id, value) tuples for one period, the one that counts:
    the latest adjusted plan, else the latest plan or budget estimate, else the goal."""
    if not targets:
        return None
    return max(targets, key=lambda t: (TARGET_PRECEDENCE.get(t[0], 0), t[1], t[2]))


def targets_that_count(
    rows: Iterable[tuple[K, str, str, datetime.datetime, int, Decimal]],
) -> dict[tuple[K, str], tuple[str, Decimal]]:
    """{(a, period id): (kind, value)} from (a, period id, kind, created_at, id, value) rows,
    by pick_target (a is an indicator id or a unit id)."""
    grouped: dict[tuple[K, str], list[TargetRow]] = {}
    for a, b, kind, created, tid, value in rows:
        grouped.setdefault((a, b), []).append((kind, created, tid, value))
    return {key: (t[0], t[3]) for key, ts in grouped.items() if (t := pick_target(ts))}


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
    # Figures of a span the unit did not exist in, summed from its predecessors ("today's
    # boundaries"): whether any was, whether shares were applied (an estimate), and the
    # predecessors whose figure is missing (then there is no total).
    comparable: bool = False
    comparable_estimate: bool = False
    comparable_missing: tuple[str, ...] = ()

    @property
    def pace_label(self) -> str:
        return pace_label(self.pace)

    @property
    def source_label(self) -> str:
        return source_label(self.source)


def build_metric(
    ind: IndicatorInfo,
    unit_id: int,
    unit_name: str | None,
    period: Period,
    current: Resolved | None,
    previous: Resolved | None,
    previous_year_total: Resolved | None,
    target_for_span: tuple[str, Decimal] | None,
    target_for_year: tuple[str, Decimal] | None,
    comparable_note: str = "",
) -> Metric:
    """Assemble a Metric from resolved values and the targets (kind, value) that apply.
    ``comparable_note`` follows the comparison with last year when last year's figure was
    put on today's boundaries."""
    m = Metric(
        indicator=ind, unit_id=unit_id, period=period, previous_period=period.previous_year()
    )
    if current is not None:
        m.value, m.status, m.source = current.value, current.status, current.source
    if previous is not None:
        m.previous = previous.value
    if target_for_span is not None:
        m.plan_kind, m.plan, m.plan_period = target_for_span[0], target_for_span[1], period
    elif target_for_year is not None and period.kind not in ("year", "term"):
        m.plan_kind, m.plan = target_for_year
        m.plan_period = Period.year_(period.year)
    plan_kind_label = str(TargetKind(m.plan_kind).label) if m.plan_kind else None
    if ind.kind == "rate":
        m.pace = rate_pace(m.value, m.plan, ind.direction)
    else:
        exact_plan = ratio_pct(m.value, m.plan)
        exact_yoy = jump_pct(m.value, m.previous)
        m.plan_pct = None if exact_plan is None else round_half_up(exact_plan, 1)
        m.yoy_pct = None if exact_yoy is None else round_half_up(exact_yoy, 1)
        m.expected_pct = expected_share_pct(
            period,
            m.plan_period,
            m.previous,
            previous_year_total.value if previous_year_total else None,
        )
        m.pace = pace(exact_plan, m.expected_pct, ind.direction)
    m.sentence = sentence(
        name=ind.name,
        period_label=period.label,
        unit_name=unit_name,
        value=m.value,
        status=m.status,
        decimals=ind.decimals,
        unit_of_measure=ind.unit_of_measure,
        kind=ind.kind,
        plan_pct=m.plan_pct,
        plan_kind_label=plan_kind_label,
        plan=m.plan,
        yoy_pct=m.yoy_pct,
        previous_year=period.previous_year().year if period.kind != "term" else None,
        comparable_note=comparable_note,
    )
    return m


def comparable_words(estimate: bool) -> str:
    """What a sentence says when last year's figure is on today's boundaries."""
    if estimate:
        return _("(số liệu quy đổi theo địa giới hiện nay, có ước tính theo tỷ lệ diện tích)")
    return _("(số liệu quy đổi theo địa giới hiện nay)")


# ---------------------------------------------------------------------------
# The administrative tree of a span
# ---------------------------------------------------------------------------


class UnitRow(NamedTuple):
    id: int
    parent_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    code: str
    name: str
    level: int


class UnitTree:
    """The administrative tree as it stood at the end of a span (scan.load_tree reads it
    from the database)."""

    def __init__(self, units: list[UnitRow]):
        self.units = units
        self.by_id = {u.id: u for u in units}
        self.parents = {u.parent_id for u in units if u.parent_id is not None}

    def children(self, span: Period) -> dict[int, list[int]]:
        """{unit id: ids of its child units valid on the span's last day}. A unit that ended
        inside the span is left out: its successors, valid at the end, answer for the whole
        span (a ward merged on 01/07/2025 reports nothing for 2025 as a whole that its
        successor does not also report), so a merged unit and the units it came from are never
        added together, and a stock is the state on the span's last day. An ended unit has no
        whole-span flow of its own anyway (it lacks the months after its end). A unit valid
        then whose parent was not (the communes of Huyện Đạ Huoai, created 01/12/2024, for a
        span ending before it: their district of that time is not recorded) is counted under
        its nearest ancestor valid then, so that a province's total still includes it (never
        a silent partial sum); with no such ancestor it stays under its parent."""
        end = span.end

        def valid(u: UnitRow) -> bool:
            return (u.valid_from is None or u.valid_from <= end) and (
                u.valid_to is None or u.valid_to >= end
            )

        out: dict[int, list[int]] = {}
        for u in self.units:
            if u.parent_id is None or not valid(u):
                continue
            parent = u.parent_id
            above = self.by_id.get(parent)
            while above is not None and not valid(above):
                above = self.by_id.get(above.parent_id) if above.parent_id is not None else None
            out.setdefault(above.id if above is not None else parent, []).append(u.id)
        return out

    def subtree(self, root: int, children: Mapping[int, Sequence[int]]) -> list[int]:
        out, stack = [], [root]
        while stack:
            u = stack.pop()
            out.append(u)
            stack.extend(children.get(u, ()))
        return out

    def has_children(self, unit_id: int) -> bool:
        """Whether the unit has (or had) child units."""
        return unit_id in self.parents
