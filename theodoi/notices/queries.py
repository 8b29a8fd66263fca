"""Read-side lookups of notices for pages."""

from theodoi.notices.models import Notification


def unread_count(user) -> int:
    """How many notices the person has not read (0 for an anonymous visitor)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
