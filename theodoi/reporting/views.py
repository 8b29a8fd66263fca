from django.shortcuts import render

from theodoi.org.views import require_app_user


def index(request):
    require_app_user(request.user)
    return render(request, "reporting/index.html", {})
