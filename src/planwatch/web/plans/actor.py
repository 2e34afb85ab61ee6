"""Who is acting: a user of a page or the API, or an administrator at the command line."""

from __future__ import annotations

import getpass
import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Actor:
    user: Any  # a Django user, or None for the command line without a user
    name: str  # frozen into the change log
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def from_request(cls, request: Any) -> Actor:
        user = request.user
        return cls(user=user, name=user.get_username(), request_id=getattr(request, "id", "") or uuid.uuid4().hex)

    @classmethod
    def for_user(cls, user: Any, request_id: str = "") -> Actor:
        return cls(user=user, name=user.get_username(), request_id=request_id or uuid.uuid4().hex)

    @classmethod
    def cli(cls, user: Any = None) -> Actor:
        """The command line: logged as ``cli:<os user>``; acts with ``user``'s rights when given."""
        try:
            os_user = getpass.getuser()
        except (KeyError, OSError):
            os_user = "unknown"
        return cls(user=user, name=f"cli:{os_user}", request_id=f"cli-{uuid.uuid4().hex}")
