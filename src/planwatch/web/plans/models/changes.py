"""The change log: every change of plan data, who made it, when, before and after, which request."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import ChangeQuerySet


class Action(models.TextChoices):
    CREATE = "create", _("创建 (create)")
    UPDATE = "update", _("修改 (update)")
    DELETE = "delete", _("删除 (delete)")
    SUBMIT = "submit", _("报送 (submit)")
    HEAD_APPROVE = "head_approve", _("部门审核 (head approve)")
    APPROVE = "approve", _("审核通过 (approve)")
    RETURN = "return", _("退回 (return)")
    SUPERSEDE = "supersede", _("替代 (supersede)")
    IMPORT = "import", _("导入 (import)")
    ADJUST = "adjust", _("Target adjusted")
    REMIND = "remind", _("Reminder sent")
    PASSWORD = "password", _("Password changed")


class ObjectChange(models.Model):
    time = models.DateTimeField(_("时间 (time)"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("用户 (user)"))
    user_name = models.CharField(_("用户名 (user name, frozen)"), max_length=150)
    request_id = models.CharField(_("请求编号 (request id)"), max_length=64, blank=True, default="")
    action = models.CharField(_("操作 (action)"), max_length=20, choices=Action.choices)
    plan = models.ForeignKey("plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("计划 (plan)"))
    object_type = models.CharField(_("对象类型 (object type)"), max_length=60)
    object_id = models.CharField(_("对象编号 (object id)"), max_length=60)
    object_repr = models.CharField(_("对象 (object)"), max_length=300, blank=True, default="")
    before = models.JSONField(_("修改前 (before)"), null=True, blank=True)
    after = models.JSONField(_("修改后 (after)"), null=True, blank=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("变更记录 (change)")
        verbose_name_plural = _("变更记录 (changes)")
        ordering = ["-time", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="change_object")]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M} {self.user_name} {self.action} {self.object_type}#{self.object_id}"
