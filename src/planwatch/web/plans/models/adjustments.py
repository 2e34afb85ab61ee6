"""Mid-year target adjustments (计划调整): the old and new target of a task, why, and from when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import PublishedDecimalField


class TargetAdjustment(models.Model):
    task = models.ForeignKey("plans.Task", on_delete=models.CASCADE, related_name="adjustments",
                             verbose_name=_("Task"))
    old_value = PublishedDecimalField(_("Previous target"))
    new_value = PublishedDecimalField(_("Adjusted target"))
    old_text = models.TextField(_("Previous target wording"), blank=True, default="")
    new_text = models.TextField(_("Adjusted target wording"), blank=True, default="")
    reason = models.TextField(_("Reason"))
    effective = models.DateField(_("Effective from"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("Adjusted by"))
    created_by_name = models.CharField(_("Adjusted by (name)"), max_length=150, blank=True, default="")
    created_at = models.DateTimeField(_("Recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("Target adjustment")
        verbose_name_plural = _("Target adjustments")
        ordering = ["task", "effective", "id"]

    def __str__(self) -> str:
        return f"{self.old_value} → {self.new_value}"
