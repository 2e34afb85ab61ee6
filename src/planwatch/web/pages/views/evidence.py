"""Evidence and discussion on the pages: a file attached to a figure is served only to those who may see
it; comments are posted to a task (its thread), one of its figures, or a key project."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import PermissionDenied, ValidationError
from planwatch.web.plans.models import Attachment, AttachmentKind, Project, Submission, Task
from planwatch.web.plans.services import evidence
from planwatch.web.plans.services.submissions import reason

INLINE = frozenset({AttachmentKind.PDF, AttachmentKind.IMAGE})


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    a = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    try:
        handle = evidence.path_of(a).open("rb")
    except OSError as exc:
        raise Http404("the file is gone") from exc
    resp = FileResponse(handle, content_type=a.content_type, as_attachment=a.kind not in INLINE, filename=a.name)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; object-src 'self'"
    return resp


@login_required
@require_POST
def comment(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Post a comment on a task (``kind`` task), a figure (submission) or a key project (project)."""
    user = request.user
    task: Task | None = None
    submission: Submission | None = None
    project: Project | None = None
    if kind == "task":
        task = get_object_or_404(Task.objects.visible_to(user), pk=pk)
        back = f"/tasks/{pk}/#comments"
        about = request.POST.get("submission", "")
        if about.isdigit():  # a comment on one of the task's figures
            submission = get_object_or_404(Submission.objects.visible_to(user).filter(task=task), pk=int(about))
            task = None
    elif kind == "submission":
        submission = get_object_or_404(Submission.objects.visible_to(user).select_related("task"), pk=pk)
        back = f"/tasks/{submission.task_id}/#comments"
    elif kind == "project":
        project = get_object_or_404(Project.objects.visible_to(user), pk=pk)
        back = f"/projects/{pk}/#comments"
    else:
        raise Http404("nothing to comment on")
    try:
        c = evidence.add_comment(Actor.from_request(request), body=request.POST.get("body", ""), task=task,
                                 submission=submission, project=project)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, reason(exc))
    else:
        names = "、".join(d.name for d in c.mentions.all())
        messages.success(request, _("Comment posted.") + (" " + _("Notified: %(names)s") % {"names": names}
                                                         if names else ""))
    return redirect(back)
