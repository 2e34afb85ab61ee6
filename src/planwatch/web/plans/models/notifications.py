"""In-app notifications (站内通知) and the log of reminders sent to late departments (催报)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import NotificationQuerySet


class NotificationKind(models.TextChoices):
    RETURNED = "returned", _("Figure returned")
    AWAITING = "awaiting", _("Awaiting your approval")
    ROUND_OPEN = "round_open", _("Reporting round open")
    DUE_SOON = "due_soon", _("Deadline approaching")
    OVERDUE = "overdue", _("Reporting overdue")
    MENTION = "mention", _("Your department was mentioned")
    APPROVED = "approved", _("Figure approved")


class Notification(models.Model):
    """One message to one user. The text is written when shown, in the reader's language, from ``kind``
    and ``params`` (names in both languages, figures, dates), so nothing is stored in one language only."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                             verbose_name=_("User"))
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                             verbose_name=_("Plan"))
    kind = models.CharField(_("Kind"), max_length=20, choices=NotificationKind.choices)
    params = models.JSONField(_("Details"), default=dict, blank=True)
    url = models.CharField(_("Link"), max_length=300, blank=True, default="")
    created_at = models.DateTimeField(_("Created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("Read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("E-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Notification")
        verbose_name_plural = _("Notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.created_at:%Y-%m-%d}"


class ReminderLog(models.Model):
    """A reminder sent to a department about a round: once per department, kind and day at most."""

    round = models.ForeignKey("plans.ReportingRound", on_delete=models.CASCADE, related_name="reminders",
                              verbose_name=_("Reporting round"))
    department = models.ForeignKey("plans.Department", on_delete=models.CASCADE, related_name="reminders",
                                   verbose_name=_("Department"))
    kind = models.CharField(_("Kind"), max_length=20, choices=NotificationKind.choices)
    sent_on = models.DateField(_("Sent on"))
    sent_by = models.CharField(_("Sent by"), max_length=150, blank=True, default="")
    recipients = models.PositiveIntegerField(_("Recipients"), default=0)
    created_at = models.DateTimeField(_("Created"), auto_now_add=True)

    class Meta:
        verbose_name = _("Reminder")
        verbose_name_plural = _("Reminders")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["round", "department", "kind", "sent_on"],
                                               name="reminder_once_a_day")]
