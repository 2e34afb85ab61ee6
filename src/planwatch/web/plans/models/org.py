"""Regions, departments and the people who work with a plan (membership with a role)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import PlanChildQuerySet
from .base import PackageRow


class Region(models.Model):
    code = models.CharField(_("代码 (code)"), max_length=40, unique=True)
    name = models.CharField(_("名称 (name)"), max_length=200)
    name_en = models.CharField(_("英文名称 (English name)"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("地区 (region)")
        verbose_name_plural = _("地区 (regions)")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class DepartmentKind(models.TextChoices):
    DEPARTMENT = "department", _("委办局 (department)")
    SUBDISTRICT = "subdistrict", _("街乡 (subdistrict)")


class Department(PackageRow):
    """A department or subdistrict of a plan (departments change from year to year, so per plan)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="departments",
                             verbose_name=_("计划 (plan)"))
    code = models.CharField(_("代码 (code)"), max_length=60)
    name = models.CharField(_("名称 (name)"), max_length=200)
    name_en = models.CharField(_("英文名称 (English name)"), max_length=200, blank=True, default="")
    kind = models.CharField(_("类别 (kind)"), max_length=20, choices=DepartmentKind.choices,
                            default=DepartmentKind.DEPARTMENT)
    version = models.PositiveIntegerField(_("版本 (version)"), default=1)

    objects = PlanChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("部门 (department)")
        verbose_name_plural = _("部门 (departments)")
        ordering = ["plan", "seq", "code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="department_code_unique")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PLANOFFICE = "planoffice", _("发改委 (plan office)")
    HEAD = "head", _("部门负责人 (department head)")
    REPORTER = "reporter", _("填报员 (reporter)")
    VIEWER = "viewer", _("查阅 (viewer)")


class Membership(models.Model):
    """What a user may do in one plan: a role, and for heads and reporters, their department."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("用户 (user)"))
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("计划 (plan)"))
    role = models.CharField(_("角色 (role)"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(Department, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="memberships", verbose_name=_("部门 (department)"))
    version = models.PositiveIntegerField(_("版本 (version)"), default=1)  # also moves when the account changes

    class Meta:
        verbose_name = _("成员 (membership)")
        verbose_name_plural = _("成员 (memberships)")
        constraints = [models.UniqueConstraint(fields=["user", "plan"], name="membership_user_plan_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.role} · {self.department or self.plan}"
