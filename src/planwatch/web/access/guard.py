"""Login throttling and temporary lockout, shared by every server process through the cache.

Every way in — the pages' login, the admin's login, ``POST /api/auth/token/`` — authenticates through
``backends.ThrottledBackend``, which asks the guard first and tells it the outcome. Failures are counted
twice: by account (the user name as typed, case-folded) and by client address (``client_address``: the
connecting address, or, behind proxies listed in ``PLANWATCH_TRUSTED_PROXIES``, the first address in
``X-Forwarded-For`` that is not one of them — a client cannot choose its own address by sending the header).
``PLANWATCH_LOGIN_FAILURES`` failures of one account, or ``PLANWATCH_LOGIN_FAILURES_PER_ADDRESS`` from one
address, within ``PLANWATCH_LOGIN_LOCKOUT_SECONDS`` lock it for that long: every attempt is refused, even
with the right password, and the person is told when to try again.

The counts live in Django's cache (the database cache by default, Redis with ``PLANWATCH_CACHE_URL``), so
several server processes share them. A count is a set of slots ``key:0 … key:n-1`` taken with the cache's
atomic ``add`` (a unique row in the database cache), so concurrent failures are never lost the way a
read-then-write counter loses them.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache

PREFIX = "planwatch:login"


def _networks() -> list[Any]:
    out = []
    for item in getattr(settings, "PLANWATCH_TRUSTED_PROXIES", []):
        try:
            out.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue
    return out


def _ip(text: str) -> Any:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def client_address(request: Any) -> str:
    """The client's address as the configured proxies report it (never as the client claims it)."""
    if request is None:
        return ""
    meta = getattr(request, "META", {})
    remote = str(meta.get("REMOTE_ADDR", "") or "")
    trusted = _networks()
    if not trusted:
        return remote

    def is_trusted(addr: Any) -> bool:
        return addr is not None and any(addr in net for net in trusted)

    if not is_trusted(_ip(remote)):
        return remote
    hops = [h.strip() for h in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if h.strip()]
    client = remote
    for hop in reversed(hops):
        addr = _ip(hop)
        if addr is None:
            break  # garbage the client wrote: the last trusted hop answers for it
        client = str(addr)
        if not is_trusted(addr):
            break
    return client


def _key(kind: str, value: str) -> str:
    return f"{PREFIX}:{kind}:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True)
class Lockout:
    seconds: int  # until the lock ends

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


class LoginGuard:
    """The throttle of one login attempt: ``username`` as typed, from ``request``'s client address."""

    def __init__(self, request: Any, username: Any) -> None:
        name = str(username or "").strip().casefold()[:300]
        address = client_address(request)
        self.window = int(settings.PLANWATCH_LOGIN_LOCKOUT_SECONDS)
        self.counters = [(_key("user", name), int(settings.PLANWATCH_LOGIN_FAILURES))]
        if address:
            self.counters.append((_key("addr", address), int(settings.PLANWATCH_LOGIN_FAILURES_PER_ADDRESS)))

    def locked(self) -> Lockout | None:
        """The lockout in force for this account or address, if any."""
        found = cache.get_many([f"{key}:locked" for key, _limit in self.counters])
        if not found:
            return None
        until = max(float(v) for v in found.values())
        left = int(until - time.time())
        return Lockout(left) if left > 0 else None

    def failed(self) -> None:
        """Count a failure; reaching a limit locks the account or address for the window."""
        for key, limit in self.counters:
            if self._hit(key, limit) >= limit:
                cache.set(f"{key}:locked", time.time() + self.window, self.window)

    def succeeded(self) -> None:
        """The right password: the account's count starts again (the address's does not)."""
        key, limit = self.counters[0]
        cache.delete_many([f"{key}:{i}" for i in range(limit)])

    def _hit(self, key: str, limit: int) -> int:
        for i in range(limit):
            if cache.add(f"{key}:{i}", 1, self.window):
                return i + 1
        return limit
