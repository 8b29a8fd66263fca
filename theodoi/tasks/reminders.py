"""Reminders (đôn đốc) of tasks, sent through the one channel, notices.send_notice
(in-app Notification + email).

send_reminders() is what `manage.py send_reminders` runs from cron: each
responsible person gets at most ONE notice a day, listing their tasks due in 7 days,
due in 1 day, and overdue; running it twice in a day sends nothing twice.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.notices.models import Notification
from theodoi.notices.services import send_notice
from theodoi.org.models import Membership
from theodoi.permissions.roles import Role
from theodoi.tasks.models import COUNTED_STATES, State, Task

DIGEST_KEY = "tasks.reminders"


def due_lists(today: date):
    """Open tasks grouped by what to say: (due in 7 days, due in 1 day, overdue)."""
    qs = (
        Task.objects.filter(
            state__in=COUNTED_STATES - {State.DONE, State.REPORTED}, deadline__isnull=False
        )
        .exclude(recurrence="continuous")
        .select_related("lead")
    )
    in7 = list(qs.filter(deadline=today + timedelta(days=7)))
    in1 = list(qs.filter(deadline=today + timedelta(days=1)))
    overdue = list(qs.filter(deadline__lt=today))
    return in7, in1, overdue


def responsible_people(task):
    """Leaders and specialists of the lead agency."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__agency=task.lead,
            memberships__role__in=[Role.LEADER, Role.SPECIALIST],
        )
        .distinct()
    )


def send_reminders() -> int:
    """Send today's reminders; return how many people were notified now."""
    today = timezone.localdate()
    in7, in1, overdue = due_lists(today)
    lead_ids = {t.lead_id for t in in7 + in1 + overdue}
    # One query for everybody responsible (leaders and specialists of the lead agencies).
    people_of: dict[int, list] = {}
    users: dict[int, AbstractBaseUser] = {}
    for m in Membership.objects.filter(
        agency_id__in=lead_ids, role__in=[Role.LEADER, Role.SPECIALIST], user__is_active=True
    ).select_related("user"):
        person = users.setdefault(m.user_id, m.user)
        if person not in people_of.setdefault(m.agency_id, []):
            people_of[m.agency_id].append(person)
    per_person: dict = {}
    for group, tasks in (("in7", in7), ("in1", in1), ("overdue", overdue)):
        for task in tasks:
            for person in people_of.get(task.lead_id, []):
                per_person.setdefault(person, {"in7": [], "in1": [], "overdue": []})[group].append(
                    task
                )

    already = set(
        Notification.objects.filter(dedupe_key=DIGEST_KEY, day=today).values_list(
            "user_id", flat=True
        )
    )
    sent = 0
    for person, groups in per_person.items():
        if person.pk in already:  # send_notice would refuse it anyway; skip building the text
            continue
        lines = []
        if groups["overdue"]:
            lines.append(_("Nhiệm vụ đã quá hạn:"))
            lines += [
                f"- {t.title} ({_('hạn')} {t.deadline:%d/%m/%Y}, "
                f"{_('quá hạn %(n)s ngày') % {'n': (today - t.deadline).days}})"
                for t in groups["overdue"]
            ]
        if groups["in1"]:
            lines.append(_("Nhiệm vụ đến hạn ngày mai:"))
            lines += [f"- {t.title} ({_('hạn')} {t.deadline:%d/%m/%Y})" for t in groups["in1"]]
        if groups["in7"]:
            lines.append(_("Nhiệm vụ đến hạn sau 7 ngày:"))
            lines += [f"- {t.title} ({_('hạn')} {t.deadline:%d/%m/%Y})" for t in groups["in7"]]
        n = sum(len(v) for v in groups.values())
        subject = _("Theo Dõi: đôn đốc %(n)s nhiệm vụ (%(d)s)") % {"n": n, "d": f"{today:%d/%m/%Y}"}
        if send_notice(
            person,
            subject=subject,
            body="\n".join(lines),
            url=reverse("tasks:mine"),
            dedupe_key=DIGEST_KEY,
        ):
            sent += 1
    return sent
