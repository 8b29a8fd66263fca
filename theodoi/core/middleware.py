from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware as _Base
from django.http import Http404, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

from theodoi.core import dates
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


class SlidingSessionMiddleware:
    """A session ends after SESSION_COOKIE_AGE without a request, and a person at work is
    never logged out: each request moves the end further, as SESSION_SAVE_EVERY_REQUEST
    would, but the session is written at most once every SESSION_RENEW_SECONDS (default 5
    minutes) instead of on every request, since a write per page view is what serialises
    SQLite (and costs PostgreSQL a row update) when many people read at once. The end is
    therefore between SESSION_COOKIE_AGE minus that interval and SESSION_COOKIE_AGE after the
    last request. Placed right after SessionMiddleware, which saves a modified session."""

    KEY = "_renewed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(timezone.now().timestamp())
            every = getattr(settings, "SESSION_RENEW_SECONDS", 300)
            if now - int(session.get(self.KEY, 0)) >= every:
                session[self.KEY] = now  # modified: SessionMiddleware saves it, new expiry
        return self.get_response(request)


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


class AsOfMiddleware:
    """The date the figures speak of (core.dates.as_of), one rule for every page and the API.

    Pages: ``?ngay=15/06/2021`` chooses it and keeps it in the session (every link, form,
    redirect and htmx request then keeps it without carrying it); ``?ngay=hom-nay`` (or today's
    date) goes back to today. The choice answers with a redirect to the same address without
    ``ngay``, so that addresses, exports and the back button never carry a stale date. A date
    that cannot be read gives a Vietnamese message and leaves the date as it was.
    API: ``?as_of=2021-06-15`` on each request (no session); a bad date answers 400 in JSON.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            request.as_of = None
            text = request.GET.get(dates.API_PARAM)
            if text is not None:
                try:
                    request.as_of = dates.parse_as_of(text)
                except dates.DateParseError as e:
                    return JsonResponse(
                        {"detail": _("Tham số as_of: %(m)s") % {"m": e.message}}, status=400
                    )
            response = self.get_response(request)
            # Every answer says the date it speaks of (the classifying ones also in the body).
            response.headers["X-As-Of"] = dates.as_of(request).isoformat()
            return response
        session = getattr(request, "session", None)
        if session is None:
            request.as_of = None
            return self.get_response(request)
        if request.method == "GET" and dates.PAGE_PARAM in request.GET:
            self._choose(request, session, request.GET[dates.PAGE_PARAM])
            rest = request.GET.copy()
            rest.pop(dates.PAGE_PARAM)
            query = rest.urlencode()
            return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
        request.as_of = self._kept(session)
        return self.get_response(request)

    @staticmethod
    def _kept(session):
        text = session.get(dates.SESSION_KEY)
        if not text:
            return None
        try:
            d = date.fromisoformat(text)
        except ValueError:
            session.pop(dates.SESSION_KEY, None)
            return None
        return None if d == dates.today() else d

    @staticmethod
    def _choose(request, session, text):
        text = text.strip()
        if not text or text == dates.TODAY_WORD:
            session.pop(dates.SESSION_KEY, None)
            return
        try:
            d = dates.parse_as_of(text)
        except dates.DateParseError as e:
            kept = AsOfMiddleware._kept(session) or dates.today()
            messages.error(
                request,
                _("%(m)s Số liệu vẫn tính đến ngày %(d)s.")
                % {"m": e.message, "d": dates.format_date(kept)},
            )
            return
        if d == dates.today():
            session.pop(dates.SESSION_KEY, None)
        else:
            session[dates.SESSION_KEY] = d.isoformat()
