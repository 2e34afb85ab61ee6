"""Key projects (重点项目) and their updates (phase, investment completed)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import PublishedDecimalField
from ..querysets import ProjectQuerySet, ProjectUpdateQuerySet
from .base import PackageRow


class ProjectCategory(models.TextChoices):
    INFRASTRUCTURE = "infrastructure", _("基础设施 (infrastructure)")
    LIVELIHOOD = "livelihood", _("民生 (livelihood)")
    HIGH_TECH = "high_tech", _("高精尖 (high-tech industry)")


class Phase(models.TextChoices):
    PLANNED = "planned", _("计划 (planned)")
    PREPARING = "preparing", _("前期 (preparing)")
    UNDER_CONSTRUCTION = "under_construction", _("在建 (under construction)")
    COMPLETED = "completed", _("竣工 (completed)")


class Project(PackageRow):
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="projects",
                             verbose_name=_("计划 (plan)"))
    code = models.CharField(_("代码 (code)"), max_length=60)
    name = models.CharField(_("名称 (name)"), max_length=500)
    name_en = models.CharField(_("英文名称 (English name)"), max_length=500, blank=True, default="")
    category = models.CharField(_("类别 (category)"), max_length=30, choices=ProjectCategory.choices)
    lead = models.ForeignKey("plans.Department", on_delete=models.RESTRICT, related_name="projects",
                             verbose_name=_("牵头单位 (lead department)"))
    planned_start = models.DateField(_("计划开工 (planned start)"), null=True, blank=True)
    actual_start = models.DateField(_("实际开工 (actual start)"), null=True, blank=True)
    planned_finish = models.DateField(_("计划竣工 (planned finish)"), null=True, blank=True)
    phase = models.CharField(_("阶段 (phase)"), max_length=30, choices=Phase.choices, default=Phase.PLANNED)
    investment_plan = PublishedDecimalField(_("年度计划投资 万元 (planned investment)"))
    investment_done = PublishedDecimalField(_("完成投资 万元 (investment completed)"))
    as_of = models.DateField(_("截至日期 (as of)"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本 (version)"), default=1)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("重点项目 (key project)")
        verbose_name_plural = _("重点项目 (key projects)")
        ordering = ["plan", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="project_code_unique")]

    def __str__(self) -> str:
        return self.name


class UpdateStatus(models.TextChoices):
    """A project update is reviewed like a progress figure: only an approved one reaches the project."""

    SUBMITTED = "submitted", _("Submitted")
    HEAD_APPROVED = "head_approved", _("Approved by the department head")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class ProjectUpdate(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates",
                                verbose_name=_("项目 (project)"))
    phase = models.CharField(_("阶段 (phase)"), max_length=30, choices=Phase.choices)
    investment_done = PublishedDecimalField(_("完成投资 万元 (investment completed)"))
    actual_start = models.DateField(_("实际开工 (actual start)"), null=True, blank=True)
    as_of = models.DateField(_("截至日期 (as of)"))
    note = models.TextField(_("说明 (note)"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("填报人 (reported by)"))
    created_at = models.DateTimeField(_("创建时间 (created)"), auto_now_add=True)
    finish = models.DateField(_("Actual completion"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=UpdateStatus.choices,
                              default=UpdateStatus.SUBMITTED)
    comment = models.TextField(_("Review comment"), blank=True, default="")
    head_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+", verbose_name=_("Approved by the head"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("Decided by"))
    decided_at = models.DateTimeField(_("Decided"), null=True, blank=True)
    updated_at = models.DateTimeField(_("Updated"), auto_now=True)
    version = models.PositiveIntegerField(_("Version"), default=1)

    objects = ProjectUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("项目进展 (project update)")
        verbose_name_plural = _("项目进展 (project updates)")
        ordering = ["project", "as_of", "id"]
