"""A person's own account: a one-time password (set by the plan office or generated) must be changed at
the next login; changing one's password is logged (never the password)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from .. import changelog
from ..actor import Actor
from ..models import Account
from ..models.changes import Action


def require_change(user: Any) -> None:
    """The user's password was set by someone else: they change it at their next login."""
    Account.objects.update_or_create(user=user, defaults={"must_change_password": True})


def must_change(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_planwatch_must_change", None)
    if cached is None:
        cached = Account.objects.filter(user=user, must_change_password=True).exists()
        user._planwatch_must_change = cached
    return bool(cached)


SESSION_FLAG = "planwatch_must_change_password"


def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """At login, whether the password must be changed is read once and kept in the session: the pages ask
    the session on every request, not the database."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_FLAG] = must_change(user)


@transaction.atomic
def password_changed(actor: Actor, user: Any) -> None:
    """After the user set a new password (Django's form checked the old one and the validators)."""
    Account.objects.update_or_create(user=user, defaults={"must_change_password": False,
                                                          "password_changed_at": timezone.now()})
    user._planwatch_must_change = False
    changelog.record(actor, Action.PASSWORD, user, None, {"username": user.get_username()})
