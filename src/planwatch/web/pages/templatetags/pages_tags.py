"""Template tags of the pages: the navigation, status lights and growth figures written in words."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from planwatch.core import wording
from planwatch.core.figures import published

from ..indicators import measure_label, period_label
from ..nav import nav_items

register = template.Library()


@register.simple_tag(takes_context=True)
def pages_nav(context: template.Context) -> SafeString:
    request = context.get("request")
    if request is None:
        return mark_safe("")
    current = request.resolver_match.view_name if request.resolver_match else ""
    links = []
    for item in nav_items(request.user, getattr(request, "_planwatch_workspace", None)):
        if item.is_current(current):
            links.append(format_html('<a href="{}" class="active" aria-current="page">{}</a>',
                                     reverse(item.url_name), item.label))
        else:
            links.append(format_html('<a href="{}">{}</a>', reverse(item.url_name), item.label))
    return mark_safe("".join(links))  # each link escaped by format_html


@register.filter
def loc(obj: Any, field: str = "name") -> str:
    """An object's ``field`` in the interface's language: ``name_en`` in English when there is one."""
    if obj is None:
        return ""
    if (get_language() or "").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return str(english)
    return str(getattr(obj, field, "") or "")


@register.filter
def status_label(value: Any) -> str:
    """A submission status code as its label (已审核 (approved)); other values unchanged."""
    from planwatch.web.plans.models import SubmissionStatus

    try:
        return str(SubmissionStatus(value).label)
    except ValueError:
        return "" if value is None else str(value)


@register.simple_tag
def light(status: str, title: str = "") -> SafeString:
    return format_html('<span class="light status-{}" title="{}"></span>', status or "unknown", title)


@register.filter
def growth(value: Any) -> str:
    """A growth rate in percent written by its sign, as the execution report writes it: 增长13.5% / 下降5.16% /
    持平 (English: up 13.5% / down 5.16% / unchanged); "—" when there is none.

    The words come from :mod:`planwatch.core.wording` (one formatter for the report and the pages); the
    figure keeps the decimals it was published with.
    """
    if value is None or value == "":
        return "—"
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    fig = published(number, "%", "observation")
    if (get_language() or "zh-hans").startswith("zh"):
        return wording.growth_zh(fig)
    return wording.growth_en(fig)


@register.simple_tag
def growth_label(kind: str, base_period: str = "") -> str:
    """同比 / 两年平均 / 比2019年上半年: the label a :func:`growth` value follows."""
    return measure_label(kind, base_period or "")


@register.filter(name="period")
def period_words(value: Any) -> str:
    """2021H1 → 2021年上半年 (English: 2021H1), as the plan office writes a period."""
    return "" if value is None else period_label(str(value))


@register.filter
def pct(value: Any) -> int:
    """A percentage as a whole number 0–100 for the ``w-N`` / ``l-N`` classes of widths.css (no inline style
    under the Content-Security-Policy)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0
    if number != number:  # NaN
        return 0
    return max(0, min(100, int(number + 0.5)))
