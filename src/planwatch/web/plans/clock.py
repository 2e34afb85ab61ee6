"""Today's date for the workflow (rounds opened on schedule, deadlines, reminders), in one place.

Tests and ``planwatch admin remind --today`` move it; everything else reads ``clock.today()``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """The local date of the site (``TIME_ZONE``)."""
    return timezone.localdate()
