"""Who may read the API's documentation (/api/v1/docs and /api/v1/openapi.json).

The description of every endpoint is not for the public: it needs a signed-in session
(the docs page in the browser) or an API token (a program reading openapi.json).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.utils.translation import gettext as _

from theodoi.api.auth import BearerToken

_bearer = BearerToken()


def login_or_token_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated or _bearer(request) is not None:
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            detail = _("Cần đăng nhập hoặc mã truy cập hợp lệ để đọc mô tả API.")
            return JsonResponse({"detail": detail}, status=401)
        return redirect_to_login(request.get_full_path())

    return wrapped
