"""Who may see and change tasks.

- The steering office and admins see every task; so do viewers (the provincial
  leadership's readers), read-only.
- Anyone else sees a task only when one of their agencies leads it, coordinates it
  (the task is shared with it) or assigned it. The outsider (a specialist of another
  agency) sees nothing else.
- The lead agency's leaders and specialists work on it (progress, report done, ask for
  an extension). The assigner side (the assigner, a steering or leader member of the
  assigning agency, admins) confirms, returns, pauses, cancels, edits and decides
  extensions.
"""

from typing import Protocol

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from theodoi.permissions import org
from theodoi.permissions.roles import Role

User = AbstractBaseUser | AnonymousUser


class TaskRow(Protocol):
    """What the rules read of a task (a Task; permissions sits below tasks, so no import)."""

    @property
    def lead_id(self) -> int | None: ...
    @property
    def assigner_id(self) -> int | None: ...
    @property
    def assigning_agency_id(self) -> int | None: ...


def sees_all_tasks(user) -> bool:
    return org.is_steering(user) or bool(org.agency_ids(user, {Role.VIEWER}))


def visible_tasks(user, qs):
    if sees_all_tasks(user):
        return qs
    ids = org.agency_ids(user)
    if not ids:
        return qs.none()
    return qs.filter(
        Q(lead_id__in=ids) | Q(coordinators__id__in=ids) | Q(assigning_agency_id__in=ids)
    ).distinct()


def visibility_scope(user) -> tuple:
    """What `visible_tasks` depends on for this person, as a key: two people with the same
    scope see the same tasks (a task list drawn for one is the other's too, tasks.cache)."""
    if sees_all_tasks(user):
        return ("all",)
    return tuple(sorted(org.agency_ids(user)))


def can_view_task(user, task) -> bool:
    if sees_all_tasks(user):
        return True
    ids = org.agency_ids(user)
    if not ids:
        return False
    if task.lead_id in ids or task.assigning_agency_id in ids:
        return True
    return task.coordinators.filter(id__in=ids).exists()


def assigns_for_issuer(user, issuer=None) -> bool:
    """The user assigns in the issuer's name: they lead it (leader, steering or admin
    member of the issuer)."""
    roles: set[str] = {Role.LEADER, Role.STEERING, Role.ADMIN}
    return issuer is not None and issuer.pk in org.agency_ids(user, roles)


def office_agency_ids(user) -> set[int]:
    """The agencies in whose name a steering or admin member assigns any task."""
    return org.agency_ids(user, {Role.STEERING, Role.ADMIN})


def can_assign(user, issuer=None) -> bool:
    """Assign tasks: in the issuer's name when the user leads it, otherwise in the name of
    one of their steering/admin agencies (tasks.queries.assigning_agency_for picks it)."""
    return assigns_for_issuer(user, issuer) or bool(office_agency_ids(user))


# The roles that act for an agency on its tasks: the lead agency's workers, the
# assigning agency's deciders.
WORKER_ROLES: set[str] = {Role.LEADER, Role.SPECIALIST}
DECIDER_ROLES: set[str] = {Role.STEERING, Role.LEADER}
_NOTHING = Q(pk__in=[])


def can_work_on(user: User, task: TaskRow) -> bool:
    """Report progress, report done, ask for an extension: the lead agency's people."""
    return task.lead_id in org.agency_ids(user, WORKER_ROLES)


def workable_filter(user: User) -> Q:
    """The tasks can_work_on answers yes for, as a filter on Task (the same rule)."""
    ids = org.agency_ids(user, WORKER_ROLES)
    return Q(lead_id__in=ids) if ids else _NOTHING


def can_decide(user: User, task: TaskRow) -> bool:
    """Confirm, return, pause, cancel, edit, decide extensions: the assigner side
    (the assigner, a steering or leader member of the assigning agency, admins)."""
    if org.is_admin(user) or (user.pk is not None and task.assigner_id == user.pk):
        return True
    return task.assigning_agency_id in org.agency_ids(user, DECIDER_ROLES)


def decidable_filter(user: User) -> Q:
    """The tasks can_decide answers yes for, as a filter on Task (the same rule)."""
    if org.is_admin(user):
        return Q()
    mine = Q(assigner_id=user.pk) if user.pk is not None else _NOTHING
    ids = org.agency_ids(user, DECIDER_ROLES)
    return mine | Q(assigning_agency_id__in=ids) if ids else mine


def can_transfer_tasks(user) -> bool:
    """Pass a dissolved agency's open tasks to its successor: the steering office or an
    administrator (they keep the province's task register)."""
    return org.is_admin(user) or org.is_steering(user)
