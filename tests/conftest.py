from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language (Chinese).

    Django activates a request's language on the thread that serves it and leaves it active after the
    response, so a test that switched to English would otherwise leak English into the next test that
    formats a message outside a request.
    """
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _no_users_ticket_store(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The hotline page reads the ticket store in the user's data directory by default, which the demo
    fills: no test reads it (a test that wants tickets points the page at its own store)."""
    monkeypatch.setenv("PLANWATCH_HOTLINE_TICKETS", str(tmp_path_factory.getbasetemp() / "no-hotline-tickets"))

