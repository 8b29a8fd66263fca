from django.contrib.auth.middleware import LoginRequiredMiddleware as _Base


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
        from django.conf import settings
        from django.utils import translation

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
