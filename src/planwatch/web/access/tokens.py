"""API tokens: a random key shown once, stored as its SHA-256 digest, expiring, revoked at logout.

``issue(user)`` answers the key and its expiry; ``TokenAuthentication`` (DRF, ``Authorization: Token <key>``)
finds the token by digest, refuses an expired one or an inactive user's; ``revoke(token)`` at logout,
``revoke_all(user)`` when the password changes or the account is deactivated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import ApiToken

KEEP_PER_USER = 20  # the newest tokens a user keeps; older ones are revoked when a new one is issued
TOUCH_EVERY = dt.timedelta(minutes=5)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.PLANWATCH_TOKEN_HOURS)


def issue(user: Any) -> tuple[str, ApiToken]:
    """A new token for ``user``: the key (to show once) and the stored row."""
    now = timezone.now()
    ApiToken.objects.filter(user=user, expires__lte=now).delete()
    key = "pw_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, digest=digest(key), prefix=key[:10], expires=now + lifetime())
    old = list(ApiToken.objects.filter(user=user).order_by("-created", "-id").values_list("pk", flat=True)
               [KEEP_PER_USER:])
    if old:
        ApiToken.objects.filter(pk__in=old).delete()
    return key, token


def revoke(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).delete()


def revoke_all(user: Any) -> int:
    return ApiToken.objects.filter(user=user).delete()[0]


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>`` against the stored digests; expired tokens are refused (401)."""

    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        if len(key) > 200:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        token = ApiToken.objects.select_related("user").filter(digest=digest(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        now = timezone.now()
        if token.expires <= now:
            token.delete()
            raise exceptions.AuthenticationFailed(_("The token has expired; ask for a new one."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if token.last_used is None or now - token.last_used > TOUCH_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token
