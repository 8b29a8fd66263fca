"""Read side of reporting: the data template of a submission, the cycle board, and the
province's report put together (text sections, figure tables, the Word document)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import label as action_label
from theodoi.audit.trail import entries_for
from theodoi.core.numbers import round_half_up
from theodoi.org.models import AgencyKind
from theodoi.org.queries import unit_for_span
from theodoi.reporting import drafting, schedule
from theodoi.reporting.documents.model import (
    FigureRow,
    FigureTable,
    OfficialDocument,
    Section,
    Signature,
)
from theodoi.reporting.models import ReportingCycle, Submission
from theodoi.reporting.queries import stands_for, template_rows_for
from theodoi.targets import analytics
from theodoi.targets.models import DataValue, ValueLock
from theodoi.tasks import status as st
from theodoi.tasks.models import Task
from theodoi.tasks.scoreboard import scoreboard, totals

S = Submission.State


# -- the data template of one submission -------------------------------------------
@dataclass
class TemplateLine:
    indicator: object
    value: object = None  # latest DataValue or None
    metric: object = None  # analytics Metric (plan, same period last year)
    locked: bool = False


def template_lines(submission: Submission) -> list[TemplateLine]:
    """The submission's template rows, pre-filled with the values already entered."""
    items = template_rows_for(submission)
    if not items:
        return []
    cycle = submission.cycle
    period = cycle.period
    # The agency's unit as it stood in the cycle's period (a code names one unit at one time:
    # 68 is the old Lâm Đồng until 30/06/2025, the merged one after), as record_values reads it.
    home = submission.agency.unit
    unit = unit_for_span(home.code, period.start, period.end)[0] or home
    indicators = [t.indicator for t in items]
    values = {
        dv.indicator_id: dv
        for dv in DataValue.objects.filter(
            indicator__in=indicators, unit=unit, period_id=period.id, is_latest=True
        )
    }
    metrics = {m.indicator.id: m for m in analytics.metrics(indicators, unit, period)}
    locks = list(ValueLock.objects.filter(agency=submission.agency))
    locked = any(lk.covers(unit.pk, period) for lk in locks)
    return [
        TemplateLine(ind, values.get(ind.pk), metrics.get(ind.pk), locked) for ind in indicators
    ]


# -- the cycle board ---------------------------------------------------------------
def _day(moment):
    return timezone.localdate(moment) if moment else None


def _by(moment, as_of) -> bool:
    d = _day(moment)
    return d is not None and (as_of is None or d <= as_of)


def accepted_by(sub: Submission, as_of) -> bool:
    """The report was accepted by `as_of` (None: now): sent and reviewed by that day."""
    return (
        sub.state == S.ACCEPTED
        and _by(sub.created_at, as_of)
        and _by(sub.first_submitted_at, as_of)
        and _by(sub.reviewed_at, as_of)
    )


@dataclass
class BoardRow:
    """One agency's report in a cycle, as it stood on `as_of` (the page's as-of date): a
    report drafted, sent or accepted after that day had not been yet (the dates the
    submission keeps: created_at, first_submitted_at, reviewed_at)."""

    agency: object
    submission: Submission | None
    timeliness: schedule.Timeliness
    as_of: object = None
    stands_for: tuple = ()  # the dissolved agencies it reports for

    @property
    def exists(self) -> bool:
        return self.submission is not None and (
            self.as_of is None or _by(self.submission.created_at, self.as_of)
        )

    @property
    def sent(self) -> bool:
        return self.exists and _by(self.submission.first_submitted_at, self.as_of)

    @property
    def accepted(self) -> bool:
        return self.submission is not None and accepted_by(self.submission, self.as_of)

    @property
    def state_label(self) -> str:
        sub = self.submission
        if not self.exists:
            return _("Chưa lập")
        if sub.state == S.ACCEPTED and not self.accepted:
            # Accepted later: on the as-of date it was waiting, or not yet sent.
            return S.SUBMITTED.label if self.sent else S.DRAFT.label
        if sub.state == S.SUBMITTED and not self.sent:
            return S.DRAFT.label
        return sub.get_state_display()

    @property
    def tone(self) -> str:
        t = self.timeliness.state
        if t == schedule.MISSING:
            return "bad"
        if t == schedule.LATE:
            return "warn"
        if self.accepted:
            return "ok"
        return "info"


BOARD_ORDER = {schedule.MISSING: 0, schedule.LATE: 1, schedule.PENDING: 2, schedule.ON_TIME: 3}


def board(cycle: ReportingCycle, today=None) -> list[BoardRow]:
    """Every reporting agency's state for the cycle: missing first (most days overdue
    first), then late, then the rest by name."""
    today = today or timezone.localdate()
    subs = {s.agency_id: s for s in cycle.submissions.select_related("agency")}
    rows = []
    replaces = stands_for(cycle)
    for agency in cycle.agencies.all().order_by("name"):
        sub = subs.get(agency.pk)
        first = (
            timezone.localdate(sub.first_submitted_at) if sub and sub.first_submitted_at else None
        )
        due = schedule.timeliness(cycle.deadline, first, today)
        rows.append(BoardRow(agency, sub, due, today, tuple(replaces.get(agency.pk, []))))
    return sorted(
        rows,
        key=lambda r: (BOARD_ORDER[r.timeliness.state], -r.timeliness.days_late, r.agency.name),
    )


def board_counts(rows: list[BoardRow]) -> dict:
    return {
        "total": len(rows),
        "accepted": sum(1 for r in rows if r.accepted),
        "waiting": sum(
            1
            for r in rows
            if r.sent and not r.accepted and r.submission.state in (S.SUBMITTED, S.ACCEPTED)
        ),
        "late": sum(1 for r in rows if r.timeliness.state == schedule.LATE),
        "missing": sum(1 for r in rows if r.timeliness.state == schedule.MISSING),
    }


# -- the province's report ---------------------------------------------------------
def province_unit(cycle: ReportingCycle):
    """The issuer's unit as it stood in the cycle's period (68 names the old Lâm Đồng until
    30/06/2025 and the merged province after)."""
    home = cycle.regime.issuer.unit
    period = cycle.period
    return unit_for_span(home.code, period.start, period.end)[0] or home


def accepted(cycle: ReportingCycle) -> list[Submission]:
    return list(
        cycle.submissions.filter(state=S.ACCEPTED).select_related("agency").order_by("agency__name")
    )


def figure_metrics(cycle: ReportingCycle) -> list:
    """Metrics of the template indicators whose lead agency's report was accepted, in template
    order."""
    agency_ids = {s.agency_id for s in accepted(cycle)}
    replaces = stands_for(cycle)
    agency_ids |= {p.pk for a in list(agency_ids) for p in replaces.get(a, [])}
    items = [
        t
        for t in cycle.regime.template.select_related("indicator").order_by("order", "id")
        if t.indicator.lead_agency_id in agency_ids
    ]
    indicators = [t.indicator for t in items]
    metrics = (
        analytics.metrics(indicators, province_unit(cycle), cycle.period) if indicators else []
    )
    return list(zip(indicators, metrics, strict=True))


def task_counts(cycle: ReportingCycle):
    """The tasks of the cycle's period counted AS OF ITS CUT-OFF DATE (ngày chốt số liệu,
    cycle.cutoff_end): the report says what stood on that day, whatever day it is drafted
    or generated (a task done after the cut-off is still open in it)."""
    period = cycle.period
    day = cycle.cutoff_end
    rows = scoreboard(
        Task.objects.filter(assigned_on__lte=day).select_related("lead"),
        period.start,
        period.end,
        today=day,
    )
    t = totals(rows)
    counts = drafting.TaskCounts(
        on_time=t.counts[st.DONE_ON_TIME],
        late=t.counts[st.DONE_LATE],
        overdue=t.counts[st.OVERDUE],
        in_time=t.counts[st.IN_TIME],
        no_deadline=t.counts[st.NO_DEADLINE],
    )
    laggards = sorted(
        (
            (r.agency.short_name or r.agency.name, r.counts[st.OVERDUE])
            for r in rows
            if r.counts[st.OVERDUE]
        ),
        key=lambda x: (-x[1], x[0]),
    )
    return counts, laggards


def assemble_sections(cycle: ReportingCycle) -> list[dict]:
    """The draft text of the province's report: figures by field, the tasks, then each
    section of the outline gathered from the accepted reports."""
    period = cycle.period
    sections = []
    n = 1
    pairs = figure_metrics(cycle)
    grouped = drafting.group_by_field([(ind.field, m.sentence) for ind, m in pairs])
    if grouped:
        sections.append(
            {
                "heading": f"{drafting.roman(n)}. " + _("TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU"),
                "text": "",
            }
        )
        for k, (field, sentences) in enumerate(grouped, start=1):
            sections.append(
                {"heading": f"{k}. {drafting.capitalise(field)}", "text": " ".join(sentences)}
            )
        n += 1
    counts, laggards = task_counts(cycle)
    sections.append(
        {
            "heading": f"{drafting.roman(n)}. " + _("KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO"),
            "text": drafting.capitalise(drafting.task_paragraph(period.label, counts, laggards)),
        }
    )
    n += 1
    subs = accepted(cycle)
    for s in cycle.regime.outline_sections():
        # Agencies often write the same sentence; the province says it once.
        texts = list(
            dict.fromkeys(t for sub in subs if (t := sub.sections.get(s["key"], "").strip()))
        )
        if texts:
            heading = (
                s["heading"].split(". ", 1)[-1]
                if s["heading"][:1].isalnum() and ". " in s["heading"][:6]
                else s["heading"]
            )
            sections.append(
                {"heading": f"{drafting.roman(n)}. {heading.upper()}", "text": "\n".join(texts)}
            )
            n += 1
    return sections


def figure_tables(cycle: ReportingCycle) -> list[FigureTable]:
    tables: dict[str, FigureTable] = {}
    for ind, m in figure_metrics(cycle):
        field = ind.field or _("Chỉ tiêu khác")
        plan = m.plan if m.plan_period is None or m.plan_period.kind == "year" else None
        tables.setdefault(field, FigureTable(drafting.capitalise(field))).rows.append(
            FigureRow(
                name=ind.name,
                unit=ind.unit_of_measure,
                plan=plan,
                actual=m.value,
                plan_pct=m.plan_pct if plan is not None else None,
                previous=m.previous,
                yoy_pct=None if m.yoy_pct is None else round_half_up(m.yoy_pct + 100, 1),
                decimals=ind.decimals,
            )
        )
    return list(tables.values())


def issuer_lines(agency) -> tuple[str, str]:
    """(line above, the issuer) as the document header writes them."""
    name = agency.name
    if agency.kind == AgencyKind.PEOPLES_COMMITTEE and name.lower().startswith("ủy ban nhân dân "):
        return "", name[: len("Ủy ban nhân dân")] + "\n" + name[len("Ủy ban nhân dân ") :]
    if agency.kind == AgencyKind.PARTY_COMMITTEE:
        return _("Đảng bộ tỉnh %(p)s") % {"p": agency.unit.name}, name.replace(
            f" {agency.unit.name}", ""
        )
    if agency.parent is not None:
        parent = agency.parent.name.replace("Ủy ban nhân dân", "UBND")
        return parent, name
    return "", name


def province_document(report) -> OfficialDocument:
    cycle = report.cycle
    regime = cycle.regime
    parent, issuer = issuer_lines(regime.issuer)
    return OfficialDocument(
        issuer=issuer,
        issuer_parent=parent,
        number=report.number,
        symbol=regime.symbol,
        place=province_unit(cycle).place_name,
        date=report.issued_on,
        kind=_("BÁO CÁO"),
        title=report.title,
        sections=[
            Section(s["heading"], [s["text"]] if s.get("text") else []) for s in report.sections
        ],
        tables=figure_tables(cycle),
        appendix_title=_("Số liệu các chỉ tiêu chủ yếu %(p)s") % {"p": cycle.period.label},
        signature=Signature(
            regime.signature_authority, regime.signature_position, regime.signer_name
        ),
        recipients=regime.recipient_list(),
        party=regime.issuer.is_party,
    )


def submission_document(submission: Submission) -> OfficialDocument:
    """An agency's own report in the same format, with its figures as the appendix."""
    cycle = submission.cycle
    parent, issuer = issuer_lines(submission.agency)
    code = submission.agency.short_name or submission.agency.code
    sections = [
        Section(s["heading"], [submission.sections.get(s["key"], "")])
        for s in cycle.regime.outline_sections()
        if submission.sections.get(s["key"], "").strip()
    ]
    rows = []
    for line in template_lines(submission):
        m = line.metric
        if m is None:
            continue
        rows.append(
            FigureRow(
                line.indicator.name,
                line.indicator.unit_of_measure,
                m.plan,
                m.value,
                m.plan_pct,
                m.previous,
                None if m.yoy_pct is None else round_half_up(m.yoy_pct + 100, 1),
                line.indicator.decimals,
            )
        )
    signer = submission.signed_off_by
    return OfficialDocument(
        issuer=issuer,
        issuer_parent=parent,
        symbol=f"BC-{code}".replace(" ", ""),
        place=province_unit(cycle).place_name,
        date=timezone.localdate(submission.submitted_at) if submission.submitted_at else None,
        title=f"{cycle.regime.name} {cycle.period.label}",
        sections=sections,
        tables=[FigureTable(_("Số liệu"), rows)] if rows else [],
        signature=Signature(
            "",
            _("Giám đốc") if submission.agency.kind == AgencyKind.DEPARTMENT else _("Thủ trưởng"),
            signer.get_full_name() if signer else "",
        ),
        recipients=[cycle.regime.recipient.name, _("Lưu: VT")],
        party=submission.agency.is_party,
    )


# -- history -----------------------------------------------------------------------


def history(obj) -> list[dict]:
    """The object's audit entries with a Vietnamese name for each action, oldest first."""
    if obj is None:
        return []
    return [
        {
            "at": e.at,
            "actor": e.actor,
            "label": action_label(e.action),
            "reason": e.reason,
            "data": e.data,
        }
        for e in entries_for(obj)
    ]
