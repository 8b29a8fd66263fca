from django.shortcuts import render

from theodoi.org.views import require_app_user


def index(request):
    require_app_user(request.user)
    return render(request, "tasks/index.html", {})


mine = board = notifications = create = detail = act = decide = file = index
