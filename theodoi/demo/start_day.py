"""The demo opens its June 2021 scenario as of 15/06/2021 (issue 14 item 8): on `make run`'s
demo (THEODOI_DEMO_START=2021-06-15, set in the Makefile), a person who worked in 2021 — whose
agency existed on that day — starts the session as of that day, so that the first page shows
what the seed describes (the half-year report being prepared, tasks on time), not the same
data "quá hạn 1.993 ngày" five years later. The header says the date and "Về hôm nay" goes to
today; people of the present scenario (the communes' People's Committees formed on
01/07/2025) start today. A date they choose later is theirs: this runs only at login."""

from datetime import date

from django.conf import settings

from theodoi.core import dates
from theodoi.org.models import Agency


def start_day(user) -> date | None:
    """The day a demo session starts as of, or None (today): the demo's start day when the
    person belongs to an agency that existed on it."""
    day = settings.DEMO_START_DAY
    if not settings.DEMO or day is None or not getattr(user, "is_authenticated", False):
        return None
    worked_then = Agency.objects.active_on(day).filter(memberships__user=user).exists()
    return day if worked_then else None


def on_login(sender, request, user, **kwargs):
    day = start_day(user)
    session = getattr(request, "session", None)
    if day is not None and session is not None and day != dates.today():
        session[dates.SESSION_KEY] = day.isoformat()
