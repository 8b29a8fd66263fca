"""Who may import and exchange data in bulk. Each question reuses its area's rule, so that
a workbook can do exactly what the same person could do one value or one task at a time
(an agency's data-entry workbook: permissions.targets.can_enter_for)."""

from theodoi.permissions import org
from theodoi.permissions import targets as target_perms
from theodoi.permissions import tasks as task_perms


def can_import_tasks(user, directive=None) -> bool:
    """Import a plan's task table: whoever may assign tasks under that directive."""
    return task_perms.can_assign(user, directive.issuer if directive is not None else None)


def can_exchange_with_other_systems(user) -> bool:
    """DHIS2 dataValueSets in and out, across every agency: the steering office."""
    return org.is_steering(user)


def can_manage_mappings(user) -> bool:
    return org.is_steering(user)


def can_enter_by_workbook(user) -> bool:
    """Open the data-entry workbook page: whoever may enter figures at all (the rule of the
    data-entry grid, permissions.targets.can_enter_data)."""
    return target_perms.can_enter_data(user)


def exchange_tabs(user) -> dict[str, bool]:
    """Which of the exchange pages' tabs the person may open: a tab never leads to 403."""
    if not getattr(user, "is_authenticated", False):
        return {"values": False, "tasks": False, "dhis2": False, "mappings": False}
    return {
        "values": can_enter_by_workbook(user),
        "tasks": can_import_tasks(user),
        "dhis2": can_exchange_with_other_systems(user),
        "mappings": can_manage_mappings(user),
    }


def can_use_exchange(user) -> bool:
    """See "Trao đổi dữ liệu" in the menu: whoever may do at least one thing there (enter an
    agency's figures by workbook, import a task table, exchange with DHIS2). A viewer may not,
    so the menu never leads them to buttons that answer 403."""
    if not getattr(user, "is_authenticated", False):
        return False
    return any(exchange_tabs(user).values())
