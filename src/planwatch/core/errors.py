"""The one base type of planwatch's own errors.

Every error planwatch raises for bad input or data (a period that does not parse, a unit that cannot be
converted, a rule file with a wrong field, a package row, a report that cannot be read) derives from
``PlanwatchError``. Callers that turn errors into user messages catch ``PlanwatchError``, never a broad
``ValueError``: a ``ValueError`` from a bug then stays a bug (a 500 and a traceback), instead of being
shown to a user as if their input were wrong.
"""

from __future__ import annotations


class PlanwatchError(Exception):
    """Bad input or data, with a message fit to show the person who gave it."""


__all__ = ["PlanwatchError"]
