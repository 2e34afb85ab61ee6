"""The plan office's own text of an execution report: one row per paragraph it wrote or rewrote.

A report is drafted from the data (planwatch.report); the office writes lead sentences and may rewrite
any paragraph. Each such text is kept here by plan, period (2021H1, 2021Q3, 2021), language and the
paragraph's key (``lead.economy``, ``review.economy``, ``problems.lagging`` …, see docs/report.md). Its
history is the change log (ObjectChange, before and after), written by ``services.reports``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportText(models.Model):
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="report_texts",
                             verbose_name=_("计划 (plan)"))
    period = models.CharField(_("时期 (period)"), max_length=20)
    lang = models.CharField(_("语言 (language)"), max_length=5, default="zh")
    key = models.CharField(_("段落 (paragraph key)"), max_length=120)
    text = models.TextField(_("文字 (text)"), blank=True, default="")
    version = models.PositiveIntegerField(_("版本 (version)"), default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("修改人 (changed by)"))
    updated_at = models.DateTimeField(_("修改时间 (changed)"), auto_now=True)

    class Meta:
        verbose_name = _("报告文字 (report text)")
        verbose_name_plural = _("报告文字 (report texts)")
        ordering = ["plan", "period", "lang", "key"]
        constraints = [models.UniqueConstraint(fields=["plan", "period", "lang", "key"], name="report_text_unique")]

    def __str__(self) -> str:
        return f"{self.period} {self.lang} {self.key}"
