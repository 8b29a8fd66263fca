"""The person's notices (the bell)."""

from django.shortcuts import redirect, render
from django.utils import timezone

from theodoi.notices.models import Notification
from theodoi.permissions.org import require_app_user


def index(request):
    require_app_user(request.user)
    qs = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        qs.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notices:index")
    return render(request, "notices/index.html", {"notes": qs[:100]})
