"""Warning rules (data) and the warnings the core computes from them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import WarningQuerySet


class Level(models.TextChoices):
    RED = "red", _("红灯 (red)")
    YELLOW = "yellow", _("黄灯 (yellow)")
    GREEN = "green", _("绿灯 (green)")
    NOTICE = "notice", _("提示 (notice)")


class WarningRule(models.Model):
    """A warning rule as data; ``definition`` is the rule as the core reads it."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="warning_rules", verbose_name=_("计划 (plan)"))
    code = models.CharField(_("代码 (code)"), max_length=80)
    name = models.CharField(_("名称 (name)"), max_length=300, blank=True, default="")
    definition = models.JSONField(_("规则定义 (definition)"), default=dict, blank=True)
    enabled = models.BooleanField(_("启用 (enabled)"), default=True)

    class Meta:
        verbose_name = _("预警规则 (warning rule)")
        verbose_name_plural = _("预警规则 (warning rules)")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name or self.code


class WarningRecord(models.Model):
    """A warning raised by a rule over the approved data of a plan (computed, never typed in)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="warnings",
                             verbose_name=_("计划 (plan)"))
    rule = models.CharField(_("规则 (rule)"), max_length=80)
    level = models.CharField(_("级别 (level)"), max_length=10, choices=Level.choices)
    subject_type = models.CharField(_("对象类型 (subject type)"), max_length=30)
    subject_code = models.CharField(_("对象代码 (subject code)"), max_length=60)
    department = models.ForeignKey("plans.Department", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="warnings", verbose_name=_("责任部门 (department)"))
    message = models.TextField(_("内容 (message)"), blank=True, default="")
    figures = models.JSONField(_("数据 (figures)"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("计算时间 (computed)"), auto_now_add=True)

    objects = WarningQuerySet.as_manager()

    class Meta:
        verbose_name = _("预警 (warning)")
        verbose_name_plural = _("预警 (warnings)")
        ordering = ["plan", "rule", "subject_code"]
