"""Who may import and exchange data in bulk. Each question reuses its area's rule, so that
a workbook can do exactly what the same person could do one value or one task at a time
(an agency's data-entry workbook: permissions.targets.can_enter_for)."""

from theodoi.permissions import org
from theodoi.permissions import tasks as task_perms


def can_import_tasks(user, directive=None) -> bool:
    """Import a plan's task table: whoever may assign tasks under that directive."""
    return task_perms.can_assign(user, directive.issuer if directive is not None else None)


def can_exchange_with_other_systems(user) -> bool:
    """DHIS2 dataValueSets in and out, across every agency: the steering office."""
    return org.is_steering(user)


def can_manage_mappings(user) -> bool:
    return org.is_steering(user)
