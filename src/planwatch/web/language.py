"""Chinese first: the interface is Chinese unless the user chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an English-language browser on
a government intranet would get English pages unasked. The language switch (``set_language``) stores the
user's choice in a cookie, which LocaleMiddleware still honours; only the browser's guess is dropped.
Set ``PLANWATCH_NEGOTIATE_LANGUAGE=true`` to follow the browser instead. API clients (``/api/``) are
programs, not people at a browser: they get the language they ask for in Accept-Language.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        negotiate = getattr(settings, "PLANWATCH_NEGOTIATE_LANGUAGE", False)
        if not negotiate and not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)
