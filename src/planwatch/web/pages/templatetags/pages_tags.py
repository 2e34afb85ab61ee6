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


# --- the plan year (issue 11): words in the interface's language, the header's switcher and counts -------------

GLYPHS = {"done": "✓", "ahead": "▲", "on_track": "●", "lagging": "▼", "seriously_lagging": "✕", "overdue": "!",
          "not_started": "○", "no_target": "–", "met": "✓", "not_met": "✕"}


@register.simple_tag
def status_light(status: str) -> SafeString:
    """A status's light: its own colour and a glyph (readable in greyscale); the label stands beside it."""
    return format_html('<span class="light status-{}" aria-hidden="true">{}</span>', status or "unknown",
                       GLYPHS.get(status or "", "?"))


@register.filter
def unit(value: Any) -> str:
    from ..words import unit_words

    return unit_words(value)


@register.filter
def amount(value: Any, unit_text: Any = "") -> str:
    from ..words import amount as words_amount

    return words_amount(value, unit_text)


@register.filter
def round_name(value: Any) -> str:
    """A reporting round by its period: 2021年6月 / June 2021."""
    from planwatch.web.plans.rounds_words import round_name as name

    return name(str(getattr(value, "period", value) or ""))


@register.filter
def date_words(value: Any) -> str:
    from planwatch.web.plans.rounds_words import date_words as words

    return words(value)


@register.filter
def flag_label(value: Any) -> str:
    from ..words import flag_label as label

    return label(str(value))


@register.filter
def percent(value: Any) -> str:
    """A share in percent as written (43.5%), rounded half up."""
    from ..words import pct as words_pct

    return words_pct(value)


@register.inclusion_tag("pages/_header_tools.html", takes_context=True)
def header_tools(context: template.Context) -> dict[str, Any]:
    """The plan switcher, the search box, the notifications with their unread count, the account menu."""
    from planwatch.web.plans.models import Plan
    from planwatch.web.plans.services.notify import unread_count

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    ws = getattr(request, "_planwatch_workspace", None)
    plans = list(ws.plans) if ws is not None else list(Plan.objects.visible_to(user).order_by("-year", "-id")[:30])
    return {"show": True, "request": request, "plans": plans, "current": ws.plan if ws else None,
            "unread": unread_count(user), "query": request.GET.get("q", "") if request else ""}


@register.filter
def loc_or_zh(obj: Any, field: str = "name") -> Any:
    """``loc``, marking a Chinese fallback with ``lang`` so that an English page says which text is Chinese."""
    text = loc(obj, field)
    english = (get_language() or "").startswith("en")
    if english and text and not getattr(obj, f"{field}_en", ""):
        return format_html('<span lang="zh-Hans">{}</span>', text)
    return text


@register.filter
def code(text: Any) -> SafeString:
    """An identifier (a ticket set's fingerprint, a rule set's name) shown as code, in either language."""
    return format_html('<span class="code">{}</span>', text)


@register.filter
def zh_data(text: Any) -> Any:
    """Data kept only in Chinese (a source sentence, a wording, a note), marked as Chinese on English pages."""
    if text in (None, ""):
        return ""
    if (get_language() or "").startswith("en") and any("\u4e00" <= ch <= "\u9fff" for ch in str(text)):
        return format_html('<span lang="zh-Hans">{}</span>', text)
    return text


@register.filter
def warning_text(w: Any) -> str:
    from ..words import warning_message

    return warning_message(w)


@register.filter
def warning_type(w: Any) -> str:
    from ..words import rule_label, warning_rule_type

    return rule_label(warning_rule_type(w))


@register.filter
def target_words(target: Any) -> str:
    from ..words import target_words as words

    return words(target)


@register.filter
def change_summary(change: Any) -> str:
    from ..words import change_summary as summary

    return " · ".join(summary(change))
