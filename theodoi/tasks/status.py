"""Status classes of a task, computed from dates and never typed.

As the Government Office counts tasks (e.g. báo cáo 1270/BC-TCTTTg): done on time,
done late, not done and still within the deadline, not done and overdue, and tasks
without a deadline ("thường xuyên") as their own class. Plain functions over plain
values, so they are tested without a database (tests/tasks/test_status.py).

Rules, in one place:
- The date that counts for "done" is the day the lead agency REPORTED it done, not the
  day the assigner confirmed it: a task reported on its deadline and confirmed a week
  later is done on time. Only a confirmed task is done.
- A task reported done but not yet confirmed is judged on its report date: reported on
  or before the deadline it is "within deadline" however long the confirmation takes;
  reported after it, it is overdue by the days between deadline and report.
- The deadline is the one in force (after approved extensions); the original deadline
  is kept on the task for display only.
- A task without a deadline is "no deadline" until it is confirmed, then "done on time"
  (it cannot be late).
- Everything is judged as of a date (`today`: the real today, or the date the page speaks
  of): a completion reported after that date had not happened yet.
- A recurring task ("hằng năm trước 15/12") is counted once per occurrence: each due
  date is classified on its own against the completion recorded for it.
- A paused or cancelled task is shown as such ("Tạm hoãn", "Đã hủy"), never as within
  or past its deadline, and is not counted (task_status decides, everywhere).
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from theodoi.core.recurrence import MONTHLY, QUARTERLY, YEARLY

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
IN_TIME = "in_time"
OVERDUE = "overdue"
NO_DEADLINE = "no_deadline"
PAUSED = "paused"
CANCELLED = "cancelled"

# The classes that are counted (home tiles, scoreboard, roll-ups, exports).
CLASSES = [DONE_ON_TIME, DONE_LATE, IN_TIME, OVERDUE, NO_DEADLINE]
# Halted tasks are shown with their own class and counted nowhere.
HALTED = [PAUSED, CANCELLED]
# Every class a task is shown with (badges, the list's filter, the API).
ALL_CLASSES = CLASSES + HALTED
LABELS = {
    DONE_ON_TIME: _("Hoàn thành đúng hạn"),
    DONE_LATE: _("Hoàn thành quá hạn"),
    IN_TIME: _("Chưa hoàn thành, trong hạn"),
    OVERDUE: _("Chưa hoàn thành, quá hạn"),
    NO_DEADLINE: _("Không có thời hạn"),
    PAUSED: _("Tạm hoãn"),
    CANCELLED: _("Đã hủy"),
}
# CSS tag class for each status class (templates).
TONES = {
    DONE_ON_TIME: "ok",
    DONE_LATE: "warn",
    IN_TIME: "info",
    OVERDUE: "bad",
    NO_DEADLINE: "",
    PAUSED: "",
    CANCELLED: "",
}


@dataclass(frozen=True)
class Status:
    cls: str
    due: date | None = None
    days_overdue: int = 0

    @property
    def label(self):
        return LABELS[self.cls]

    @property
    def tone(self):
        return TONES[self.cls]

    @property
    def is_done(self):
        return self.cls in (DONE_ON_TIME, DONE_LATE)


def classify(
    *, deadline: date | None, reported_on: date | None, confirmed: bool, today: date
) -> Status:
    """The status class of one task (or one occurrence of a recurring task), as of `today`
    (the page's as-of date, core.dates.as_of): a completion reported after it had not
    been reported yet, so the task is judged as still open."""
    if reported_on is not None and reported_on > today:
        reported_on, confirmed = None, False
    if deadline is None:
        return Status(DONE_ON_TIME if confirmed else NO_DEADLINE)
    if confirmed:
        if reported_on is None or reported_on <= deadline:
            return Status(DONE_ON_TIME, deadline)
        return Status(DONE_LATE, deadline, (reported_on - deadline).days)
    if reported_on is not None:
        # Waiting for confirmation: the agency stopped its clock on the report date.
        if reported_on <= deadline:
            return Status(IN_TIME, deadline)
        return Status(OVERDUE, deadline, (reported_on - deadline).days)
    if today > deadline:
        return Status(OVERDUE, deadline, (today - deadline).days)
    return Status(IN_TIME, deadline)


def task_status(
    *,
    deadline: date | None,
    reported_on: date | None,
    confirmed: bool,
    halted: str | None,
    today: date,
) -> Status:
    """The status class a task is shown and counted with: `halted` (PAUSED or CANCELLED,
    None for a task that runs) wins; otherwise classify()."""
    if halted is not None:
        if halted not in HALTED:
            raise ValueError(halted)
        return Status(halted, deadline)
    return classify(deadline=deadline, reported_on=reported_on, confirmed=confirmed, today=today)


# Recurrence (the kinds and the words for them: theodoi.core.recurrence) -------------


def _clamped(year: int, month: int, day: int) -> date:
    for d in (day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def due_dates(
    kind: str, *, day: int | None, month: int | None, start: date, end: date
) -> list[date]:
    """The due dates of a recurring rule between start and end (inclusive), in order.

    yearly: `day`/`month` each year ("hằng năm trước 15/12"); quarterly: `day` of the
    quarter's last month (day 0 or None: the last day); monthly: `day` of each month.
    """
    out: list[date] = []
    for year in range(start.year, end.year + 1):
        if kind == YEARLY:
            candidates = [_clamped(year, month or 12, day or 31)]
        elif kind == QUARTERLY:
            candidates = [_clamped(year, m, day or 31) for m in (3, 6, 9, 12)]
        elif kind == MONTHLY:
            candidates = [_clamped(year, m, day or 31) for m in range(1, 13)]
        else:
            raise ValueError(kind)
        out.extend(d for d in candidates if start <= d <= end)
    return out


@dataclass(frozen=True)
class Completion:
    """What was reported for one occurrence: its due date, report date, confirmed or not."""

    due: date
    reported_on: date | None
    confirmed: bool


def classify_occurrences(
    dues: list[date], completions: list[Completion], today: date
) -> list[Status]:
    """One status per due date of a recurring task, each counted on its own."""
    by_due = {c.due: c for c in completions}
    out = []
    for due in dues:
        c = by_due.get(due)
        out.append(
            classify(
                deadline=due,
                reported_on=c.reported_on if c else None,
                confirmed=bool(c and c.confirmed),
                today=today,
            )
        )
    return out
