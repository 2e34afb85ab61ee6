"""Evidence (佐证材料) and discussion: files attached to a figure, comments on a task or a figure.

Attachments: PDF, images (PNG, JPEG, GIF, WebP) and Office files (Word, Excel, PowerPoint, both the
current and the 97–2003 formats). The type is read from the file's first bytes (and for the current
Office formats from the parts inside the zip), and must agree with the name's extension; anything else is
refused, as is a file larger than ``PLANWATCH_ATTACHMENT_MAX_BYTES`` (20 MB by default). Files are kept
under ``<data dir>/attachments/<plan id>/`` with a random name (mode 0600) and served only to those who
may see the figure (``Attachment.objects.visible_to``). Who may attach: whoever may report the figure,
while it is still in review (draft, submitted, returned).

Comments: on a task (its thread) or on one of its figures. ``@`` followed by a department's code or name
mentions it: its members are notified (with the comment's text, as a mentioned department may not be able
to open the task itself).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from .. import changelog, scoping
from ..actor import Actor
from ..errors import PermissionDenied, StateError, ValidationError
from ..models import (
    Attachment,
    AttachmentKind,
    Comment,
    Department,
    NotificationKind,
    Project,
    ProjectUpdate,
    Submission,
    SubmissionStatus,
    Task,
    UpdateStatus,
)
from ..models.changes import Action
from ..notices import names
from . import notify

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_COMMENT = 4000
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ATTACHABLE_SUBMISSIONS = (SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED, SubmissionStatus.HEAD_APPROVED,
                          SubmissionStatus.RETURNED)
ATTACHABLE_UPDATES = (UpdateStatus.SUBMITTED, UpdateStatus.HEAD_APPROVED, UpdateStatus.RETURNED)


@dataclass(frozen=True)
class FileType:
    kind: Any  # an AttachmentKind
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType(AttachmentKind.PDF, "application/pdf", (".pdf",))
PNG = FileType(AttachmentKind.IMAGE, "image/png", (".png",))
JPEG = FileType(AttachmentKind.IMAGE, "image/jpeg", (".jpg", ".jpeg"))
GIF = FileType(AttachmentKind.IMAGE, "image/gif", (".gif",))
WEBP = FileType(AttachmentKind.IMAGE, "image/webp", (".webp",))
DOCX = FileType(AttachmentKind.WORD, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                (".docx",))
XLSX = FileType(AttachmentKind.EXCEL, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                (".xlsx",))
PPTX = FileType(AttachmentKind.POWERPOINT,
                "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",))
OLD_OFFICE = {".doc": FileType(AttachmentKind.WORD, "application/msword", (".doc",)),
              ".xls": FileType(AttachmentKind.EXCEL, "application/vnd.ms-excel", (".xls",)),
              ".ppt": FileType(AttachmentKind.POWERPOINT, "application/vnd.ms-powerpoint", (".ppt",))}
ACCEPTED = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt"


def max_bytes() -> int:
    return int(getattr(settings, "PLANWATCH_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def attachments_root() -> Path:
    root = getattr(settings, "PLANWATCH_ATTACHMENTS_DIR", None)
    return Path(root) if root else Path(settings.DATA_DIR) / "attachments"


def _ooxml(data: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in parts or any(p.lower().endswith("vbaproject.bin") for p in parts):
        return None  # not Office, or an Office file with macros
    for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
        if any(p.startswith(prefix) for p in parts):
            return kind
    return None


def sniff(data: bytes, extension: str) -> FileType | None:
    """The file's type from its first bytes (``extension`` only tells the old Office formats apart)."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return _ooxml(data)
    if data.startswith(OLE2):
        return OLD_OFFICE.get(extension)
    return None


def clean_name(name: str) -> str:
    base = re.sub(r"[\x00-\x1f\x7f/\\]+", "_", os.path.basename(name or "").strip()) or "file"
    stem, ext = os.path.splitext(base)
    return stem[: 200 - len(ext)] + ext.lower()


def check_file(name: str, data: bytes) -> FileType:
    """The type of an upload, or ``ValidationError`` on the ``file`` field saying why not."""
    cap = max_bytes()
    if not data:
        raise ValidationError({"file": [_("%(name)s is empty.") % {"name": name}]})
    if len(data) > cap:
        raise ValidationError({"file": [_("%(name)s is larger than %(mb)s MB.")
                                        % {"name": name, "mb": round(cap / 1024 / 1024, 1)}]})
    extension = os.path.splitext(name)[1].lower()
    found = sniff(data, extension)
    if found is None:
        raise ValidationError({"file": [_("%(name)s is not a PDF, an image or an Office file.") % {"name": name}]})
    if extension not in found.extensions:
        raise ValidationError({"file": [_("%(name)s does not hold what its name says (it is a %(kind)s file).")
                                        % {"name": name, "kind": found.extensions[0].lstrip(".").upper()}]})
    return found


def _write(plan_id: int, extension: str, data: bytes) -> str:
    relative = f"{plan_id}/{uuid.uuid4().hex}{extension}"
    path = attachments_root() / relative
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return relative


def path_of(attachment: Attachment) -> Path:
    root = attachments_root().resolve()
    path = (root / attachment.path).resolve()
    if root not in path.parents:  # never outside the attachments directory
        raise FileNotFoundError(attachment.path)
    return path


def discard_files(attachments: list[Attachment]) -> None:
    """Remove the files of attachments whose rows were rolled back (the form was refused)."""
    for a in attachments:
        with contextlib.suppress(OSError):
            path_of(a).unlink(missing_ok=True)


def _owner(owner: Submission | ProjectUpdate) -> tuple[Any, int, bool]:
    """The plan, the department, and whether the figure still takes evidence."""
    if isinstance(owner, Submission):
        return owner.task.plan, owner.task.lead_id, owner.status in ATTACHABLE_SUBMISSIONS
    return owner.project.plan, owner.project.lead_id, owner.status in ATTACHABLE_UPDATES


@transaction.atomic
def attach(actor: Actor, owner: Submission | ProjectUpdate, name: str, data: bytes) -> Attachment:
    """Attach a file to a submission or a project update."""
    plan, department_id, open_ = _owner(owner)
    if not scoping.can_report(actor.user, plan.pk, department_id):
        raise PermissionDenied(_("You may not attach evidence to this figure"))
    if not open_:
        raise StateError(_("Evidence is attached while a figure is in review; this one is decided."))
    name = clean_name(name)
    kind = check_file(name, data)
    relative = _write(plan.pk, os.path.splitext(name)[1].lower(), data)
    user = actor.user if getattr(actor.user, "pk", None) else None
    try:
        attachment = Attachment.objects.create(
            plan=plan, department_id=department_id, name=name, kind=kind.kind, content_type=kind.content_type,
            size=len(data), sha256=hashlib.sha256(data).hexdigest(), path=relative, uploaded_by=user,
            uploaded_by_name=actor.name[:150],
            submission=owner if isinstance(owner, Submission) else None,
            project_update=owner if isinstance(owner, ProjectUpdate) else None)
    except Exception:
        (attachments_root() / relative).unlink(missing_ok=True)
        raise
    changelog.record(actor, Action.CREATE, attachment, None, changelog.snapshot(attachment), plan=plan)
    return attachment


MENTION = re.compile(r"@([^\s@，,。;；:：()（）]+)")


def mentioned(plan_id: int, body: str) -> list[Department]:
    """Departments named after ``@`` by code or name (the longest name that the text starts with)."""
    depts = list(Department.objects.filter(plan_id=plan_id))
    found: dict[int, Department] = {}
    for word in MENTION.findall(body):
        best = None
        for d in depts:
            for key in (d.code, d.name, d.name_en):
                if key and word.lower().startswith(key.lower()) and (best is None or len(key) > best[0]):
                    best = (len(key), d)
        if best is not None:
            found[best[1].pk] = best[1]
    return list(found.values())


@transaction.atomic
def add_comment(actor: Actor, *, body: str, task: Task | None = None, submission: Submission | None = None,
                project: Project | None = None) -> Comment:
    """A comment on a task (or one of its figures) or on a project, by someone who may see and report it or
    by the plan office; viewers read, they do not write."""
    if submission is not None:
        task = submission.task
    target: Task | Project | None = task if task is not None else project
    if target is None:
        raise ValidationError({"body": [_("A comment belongs to a task or a project")]})
    plan, department_id = target.plan, target.lead_id
    if not scoping.can_report(actor.user, plan.pk, department_id):
        raise PermissionDenied(_("You may not comment here"))
    text = (body or "").strip()
    if not text:
        raise ValidationError({"body": [_("Write a comment first")]})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"body": [_("At most %(n)s characters") % {"n": MAX_COMMENT}]})
    user = actor.user if getattr(actor.user, "pk", None) else None
    comment = Comment.objects.create(plan=plan, department_id=department_id, task=task, submission=submission,
                                     project=project if task is None else None, author=user,
                                     author_name=actor.name[:150], body=text)
    depts = mentioned(plan.pk, text)
    comment.mentions.set(depts)
    changelog.record(actor, Action.CREATE, comment, None, changelog.snapshot(comment), plan=plan)
    url = f"/tasks/{task.pk}/#comments" if task is not None else f"/projects/{target.pk}/#comments"
    for dept in depts:
        notify.send(notify.department_members(plan.pk, dept.pk), NotificationKind.MENTION, plan,
                    {"department": names(dept), "task" if task is not None else "project": names(target),
                     "author": actor.name, "excerpt": text[:200]}, url, exclude=user)
    return comment
