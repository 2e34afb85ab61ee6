"""Notifications (站内通知) and their e-mails: who is told what, called by the workflow services.

``send`` writes one ``Notification`` per user and, once the transaction commits, e-mails those with an
address through Django's mail framework (SMTP from ``PLANWATCH_SMTP_*``; the console backend when no SMTP
host is configured, so the demo never reaches the network). A message that accumulates (figures awaiting a
decision, figures approved) updates the user's unread notification of that kind instead of adding another.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .. import scoping
from ..models import Membership, Notification, NotificationKind, Plan

log = logging.getLogger(__name__)
K = NotificationKind
COUNTED = frozenset({K.AWAITING, K.APPROVED})


def department_members(plan_id: int, department_id: int, roles: Iterable[str] = (scoping.REPORTER, scoping.HEAD)
                       ) -> list[Any]:
    """Active users of a department in a plan with one of ``roles``."""
    ids = Membership.objects.filter(plan_id=plan_id, department_id=department_id, role__in=list(roles),
                                    user__is_active=True).values_list("user_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=list(ids)))


def office_members(plan_id: int) -> list[Any]:
    ids = Membership.objects.filter(plan_id=plan_id, role=scoping.PLANOFFICE, user__is_active=True) \
        .values_list("user_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=list(ids)))


def send(users: Iterable[Any], kind: Any, plan: Plan | None, params: dict[str, Any], url: str = "",
         *, exclude: Any = None) -> list[Notification]:
    """Notify each user once (``exclude``: the actor, who needs no message about their own act)."""
    out: list[Notification] = []
    seen: set[int] = set()
    skip = getattr(exclude, "pk", None)
    for user in users:
        if user is None or user.pk in seen or user.pk == skip or not user.is_active:
            continue
        seen.add(user.pk)
        if kind in COUNTED:
            existing = Notification.objects.filter(user=user, plan=plan, kind=kind, read_at__isnull=True).first()
            if existing is not None:
                count = int((existing.params or {}).get("count", 1)) + int(params.get("count", 1))
                Notification.objects.filter(pk=existing.pk).update(params={**existing.params, "count": count},
                                                                   created_at=timezone.now())
                continue
        out.append(Notification.objects.create(user=user, plan=plan, kind=kind, params=params, url=url))
    pending = [n.pk for n in out if getattr(n.user, "email", "")]
    if pending:
        transaction.on_commit(lambda: email(pending))
    return out


def email(ids: list[int]) -> int:
    """E-mail the notifications not e-mailed yet; a failing mail server is logged, never raised."""
    from ..notices import email_text

    sent = 0
    base = getattr(settings, "PLANWATCH_SITE_URL", "").rstrip("/")
    for n in Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("user"):
        if not n.user.email:
            continue
        if n.url and base and n.url.startswith("/"):
            n.url = base + n.url
        subject, body = email_text(n)
        try:
            send_mail(subject, body, None, [n.user.email], fail_silently=False)
        except OSError as exc:  # SMTP down, refused, timed out: the in-app notification is there anyway
            log.warning("e-mail to %s failed: %s", n.user.email, exc)
            continue
        Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def mark_read(user: Any, ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.for_user(user).unread()
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def unread_count(user: Any) -> int:
    return Notification.objects.for_user(user).unread().count()

