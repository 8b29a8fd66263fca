"""The boundaries a page's answer is given on (issue 11): the choice a person makes on the
indicator page and the entry grid, and the line under a figure that says which ones the
answer used. Plain functions; analytics.metrics(..., boundaries=...) does the work."""

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from theodoi.targets.analytics import BOUNDARIES
from theodoi.targets.metrics import Metric

AUTO, CURRENT, HISTORICAL = "auto", "current", "historical"
# The query parameter the pages read ("địa giới").
PARAM = "dia_gioi"
CHOICES = (
    (AUTO, gettext_lazy("Tự động (địa giới hiện nay khi đơn vị chưa có)")),
    (CURRENT, gettext_lazy("Địa giới hiện nay")),
    (HISTORICAL, gettext_lazy("Địa giới tại thời điểm báo cáo")),
)


def parse(raw: str | None) -> str:
    """The choice named by a request parameter; anything else is the default, "auto"."""
    return raw if raw in BOUNDARIES else AUTO


def answer_line(
    choice: str, comparable: bool, estimate: bool = False, missing: Sequence[str] = ()
) -> str:
    """What the line under a figure says about its boundaries. `comparable`: some figure of
    the answer was converted to today's boundaries (summed from the predecessors);
    `estimate`: shares of split units were applied; `missing`: predecessors without a
    figure (then no comparable total was given)."""
    if comparable:
        line = _("Số liệu quy đổi theo địa giới hiện nay")
        if estimate:
            line += "; " + _("ước tính theo tỷ lệ diện tích")
        if missing:
            line += "; " + _("thiếu số liệu của %(names)s") % {"names": ", ".join(missing)}
        return line
    if choice == HISTORICAL:
        return _("Số liệu theo địa giới tại thời điểm báo cáo")
    return _("Số liệu theo địa giới tại thời điểm báo cáo (không cần quy đổi)")


def row_line(choice: str, m: Metric) -> str:
    """What one row of a table of units (the indicator page's child units, its export) says
    about its boundaries, in the words of `answer_line`, when some figure of it was
    converted to today's boundaries; else nothing (the line under the headline speaks for
    the rest)."""
    if not m.comparable:
        return ""
    return answer_line(choice, True, m.comparable_estimate, m.comparable_missing)
