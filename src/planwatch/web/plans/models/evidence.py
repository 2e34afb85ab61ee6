"""Evidence and discussion: files attached to a figure (佐证材料) and comments on a task or a figure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import AttachmentQuerySet, CommentQuerySet


class AttachmentKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    IMAGE = "image", _("Image")
    WORD = "word", _("Word document")
    EXCEL = "excel", _("Excel workbook")
    POWERPOINT = "powerpoint", _("PowerPoint slides")


class Attachment(models.Model):
    """A file attached to a progress submission or a project update, kept under the data directory.

    ``department`` is the department of the task or project (who may see it), ``path`` is relative to the
    attachments directory; the file's type was read from its first bytes, not from its name."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+", verbose_name=_("Plan"))
    department = models.ForeignKey("plans.Department", on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("Department"))
    submission = models.ForeignKey("plans.Submission", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="attachments", verbose_name=_("Submission"))
    project_update = models.ForeignKey("plans.ProjectUpdate", on_delete=models.CASCADE, null=True, blank=True,
                                       related_name="attachments", verbose_name=_("Project update"))
    name = models.CharField(_("File name"), max_length=200)
    kind = models.CharField(_("Kind"), max_length=20, choices=AttachmentKind.choices)
    content_type = models.CharField(_("Content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("Size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    path = models.CharField(_("Stored as"), max_length=300, unique=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("Uploaded by"))
    uploaded_by_name = models.CharField(_("Uploaded by (name)"), max_length=150, blank=True, default="")
    created_at = models.DateTimeField(_("Uploaded"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Attachment")
        verbose_name_plural = _("Attachments")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(submission__isnull=False, project_update__isnull=True)
            | models.Q(submission__isnull=True, project_update__isnull=False),
            name="attachment_one_owner")]

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    """A comment on a task (the thread of the task) or on one of its figures; it may mention departments."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+", verbose_name=_("Plan"))
    department = models.ForeignKey("plans.Department", on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("Department"))
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="comments", verbose_name=_("Task"))
    submission = models.ForeignKey("plans.Submission", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="comments", verbose_name=_("Submission"))
    project = models.ForeignKey("plans.Project", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="comments", verbose_name=_("Project"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("Author"))
    author_name = models.CharField(_("Author (name)"), max_length=150)
    body = models.TextField(_("Comment"))
    mentions = models.ManyToManyField("plans.Department", blank=True, related_name="mentioned_in",
                                      verbose_name=_("Mentioned departments"))
    created_at = models.DateTimeField(_("Written"), auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Comment")
        verbose_name_plural = _("Comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]
