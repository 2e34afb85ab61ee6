"""Parts of a page made from the plan's kept assessment, rendered once and kept with it.

A page's figures (the dashboard's cards and counts, a page of the ledger) change only when the plan's data
version moves; rendering them for every request cost most of a request on a city-sized plan. ``fragment``
renders a partial template once per assessment, viewer scope, language and whatever else it varies by,
and keeps the HTML with the assessment (``assessments.derived``), so it goes when the data change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from planwatch.core.assess import Assessment
from planwatch.web.plans import assessments

from .context import Workspace


def fragment(ws: Workspace, a: Assessment, template: str, context: Callable[[], dict[str, Any]],
             *vary: Hashable) -> SafeString:
    """``template`` rendered with ``context()`` (called only when not kept), kept per viewer scope and
    language and ``vary``. The template must show nothing but what the plan's data and those decide."""
    key = ("html", template, ws.scope, get_language(), *vary)
    return assessments.derived(ws.plan, a, key, lambda: mark_safe(render_to_string(template, context())))
