from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as _Base
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

from theodoi.core.errors import DomainError
from theodoi.core.text import clean_text


class LoginRequiredMiddleware(_Base):
    """Every page needs a login, except the login page itself, static files and the API,
    which answers 401 in JSON rather than redirecting to a login form."""

    open_prefixes = ("/api/", "/static/")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.open_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class LanguageMiddleware:
    """Vietnamese unless the person chose English with the switch in the header.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: many
    officials' machines are set up in English, and the system is Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if lang not in dict(settings.LANGUAGES):
            lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()  # the thread's next work starts in the default language
        response.headers.setdefault("Content-Language", lang)
        return response


def _cleaned(query: QueryDict) -> QueryDict | None:
    """A copy of the query with every value through clean_text (None when nothing changes)."""
    if all(clean_text(k) == k and clean_text(v) == v for k, vs in query.lists() for v in vs):
        return None
    out = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        out.setlist(clean_text(key), [clean_text(v) for v in values])
    out._mutable = False
    return out


class CleanInputMiddleware:
    """Text typed into a page enters here, once: every query-string and form value goes
    through core.text.clean_text (control characters and NUL dropped, lone surrogates
    too, line breaks made \n, NFC), so a search for "a\x00b" or a title with \x07 never
    reaches the database or a document. The API's JSON bodies are cleaned by its Schema
    (theodoi.api.schemas); its query strings by this middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cleaned = _cleaned(request.GET)
        if cleaned is not None:
            request.GET = cleaned
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            cleaned = _cleaned(request.POST)
            if cleaned is not None:
                request.POST = cleaned
        return self.get_response(request)

    def process_exception(self, request, exception):
        """A rule refused a change that the page did not expect to be refused (a text
        longer than its column: core.lengths): a 400 page with the Vietnamese message, not a
        500. The API answers such errors itself (api_v1)."""
        if isinstance(exception, OverflowError):
            # An id beyond 64 bits (?directive=99999999999999999999): SQLite cannot even
            # compare it with a column. No such row can exist: a 404.
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Không tìm thấy.")}, status=404)
            return page_not_found(request, Http404())
        if isinstance(exception, DomainError) and not request.path.startswith("/api/"):
            return render(
                request, "400.html", {"message": exception.message}, status=exception.status
            )
        return None
