"""The words of a notification, written when it is read (or e-mailed) in the reader's language.

A notification keeps a kind and its parameters: names in both languages (``{"zh": …, "en": …}``), a
round's period, figures and dates. ``text(n)`` writes it in the active language; ``email_text`` writes
Chinese first, then English, for the e-mail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Notification, NotificationKind
from .rounds_words import date_words, round_name

K = NotificationKind


def names(obj: Any, field: str = "name") -> dict[str, str]:
    """An object's name in both languages, for a notification's parameters."""
    zh = str(getattr(obj, field, "") or "")
    return {"zh": zh, "en": str(getattr(obj, f"{field}_en", "") or "") or zh}


def _name(value: Any) -> str:
    if isinstance(value, dict):
        lang = "en" if (translation.get_language() or "").startswith("en") else "zh"
        return str(value.get(lang) or value.get("zh") or "")
    return "" if value is None else str(value)


def _date(value: Any) -> str:
    try:
        return date_words(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value or "")


def text(n: Notification) -> str:
    """The notification in the active language."""
    p = n.params or {}
    what = _name(p.get("task") or p.get("project"))
    if n.kind == K.RETURNED:
        return _("Returned for correction: %(what)s (%(value)s as of %(as_of)s). Why:") % {
            "what": what, "value": p.get("value") or "—", "as_of": _date(p.get("as_of"))}
    if n.kind == K.AWAITING:
        count = int(p.get("count", 1))
        return ngettext("%(n)d figure awaits your approval.", "%(n)d figures await your approval.", count) % {
            "n": count}
    if n.kind == K.APPROVED:
        count = int(p.get("count", 1))
        return ngettext("%(n)d of your figures was approved.", "%(n)d of your figures were approved.", count) % {
            "n": count}
    if n.kind == K.ROUND_OPEN:
        return _("The reporting round %(round)s is open; the deadline is %(deadline)s.") % {
            "round": round_name(str(p.get("period", ""))), "deadline": _date(p.get("deadline"))}
    if n.kind in (K.DUE_SOON, K.OVERDUE):
        missing = int(p.get("missing", 0))
        values = {"department": _name(p.get("department")), "n": missing,
                  "round": round_name(str(p.get("period", ""))), "deadline": _date(p.get("deadline"))}
        if n.kind == K.DUE_SOON:
            return ngettext(
                "Reminder: %(department)s has %(n)d task to report in %(round)s by %(deadline)s.",
                "Reminder: %(department)s has %(n)d tasks to report in %(round)s by %(deadline)s.",
                missing) % values
        return ngettext(
            "Overdue: %(department)s has not reported %(n)d task in %(round)s; the deadline was %(deadline)s.",
            "Overdue: %(department)s has not reported %(n)d tasks in %(round)s; the deadline was %(deadline)s.",
            missing) % values
    if n.kind == K.MENTION:  # the comment itself is shown beside (``excerpt``), in the language it was written
        return _("%(author)s mentioned %(department)s on %(what)s:") % {
            "author": p.get("author", ""), "department": _name(p.get("department")), "what": what}
    return str(n.get_kind_display())


def excerpt(n: Notification) -> str:
    """The words a notification quotes, as they were written (a comment, the reason of a return)."""
    p = n.params or {}
    return str(p.get("excerpt", "") if n.kind == K.MENTION else p.get("comment", "") if n.kind == K.RETURNED else "")


def title(n: Notification) -> str:
    return str(n.get_kind_display())


def email_text(n: Notification) -> tuple[str, str]:
    """Subject and body of the e-mail: Chinese first, then English."""
    parts: list[tuple[str, str]] = []
    for lang in ("zh-hans", "en"):
        with translation.override(lang):
            parts.append((title(n), text(n)))
    subject = f"[planwatch] {parts[0][0]} / {parts[1][0]}"
    quoted = excerpt(n)
    body = f"{parts[0][1]}\n\n{parts[1][1]}\n" + (f"\n「{quoted}」\n" if quoted else "")
    if n.url:
        body += f"\n{n.url}\n"
    return subject, body
