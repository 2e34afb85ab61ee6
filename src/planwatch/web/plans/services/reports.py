"""The plan office's text of an execution report (ReportText): write a paragraph, with optimistic locking.

``save_text`` is the one way a paragraph's authored text changes (the editor page calls it; the CLI keeps
its text in report.yaml). It checks the plan office's right, refuses a stale version, saves and logs
before and after to the change log, which is the paragraph's edit history.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import Conflict, PermissionDenied, ValidationError
from ..models import Plan, ReportText
from ..models.changes import Action
from .locking import check_version, service, write

MAX_CHARS = 20_000


def history(plan: Plan, period: str, lang: str = "zh") -> list[dict[str, object]]:
    """Edits of the report's text for ``period``, newest first: who, when, which paragraph, before/after."""
    ids = {str(pk): key for pk, key in ReportText.objects.filter(plan=plan, period=period, lang=lang)
           .values_list("pk", "key")}
    rows = changelog.changes_of_type("plans.reporttext", list(ids)) if ids else []
    return [{"key": ids.get(c.object_id, ""), "user": c.user_name, "time": c.time,
             "before": (c.before or {}).get("text", ""), "after": (c.after or {}).get("text", "")} for c in rows]


@service
def save_text(actor: Actor, plan: Plan, period: str, key: str, text: str, *, lang: str = "zh",
              version: int | None = None) -> ReportText:
    """Write (or clear, with "") the authored text of paragraph ``key`` of the ``period`` report.

    The one locking scheme (``locking``): the paragraph's row is locked and written at the version read.
    ``version`` None means the editor read no stored text: if someone has stored one since, that is a
    conflict too, never a silent overwrite."""
    if not scoping.is_planoffice(actor.user, plan.pk):
        raise PermissionDenied(_("Only the plan office edits the report"))
    key = (key or "").strip()
    if not key or len(key) > 120:
        raise ValidationError({"key": [_("No such paragraph")]})
    text = (text or "").strip()
    if len(text) > MAX_CHARS:
        raise ValidationError({"text": [_("The paragraph is too long")]})
    user = actor.user if getattr(actor.user, "pk", None) else None
    obj = (ReportText.objects.select_for_update(of=("self",)).select_related("updated_by")
           .filter(plan=plan, period=period, lang=lang, key=key).first())  # the row, locked, if there is one
    if obj is None:  # a new paragraph (two creating it at once: the unique row makes the second a conflict)
        obj = ReportText.objects.create(plan=plan, period=period, lang=lang, key=key, text=text, updated_by=user)
        changelog.record(actor, Action.CREATE, obj, None, changelog.snapshot(obj), plan=plan)
        return obj
    if version is None:
        who = obj.updated_by.get_username() if obj.updated_by else "?"
        raise Conflict(_("This paragraph was changed by %(who)s since you read it; reload and try again")
                       % {"who": who}, changed_by=who, current_version=obj.version)
    check_version(obj, version)
    return write(actor, obj, {"text": text, "updated_by": user}, Action.UPDATE, plan=plan)
