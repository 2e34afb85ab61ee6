"""Tasks (area → task → sub-task), progress submissions and reporting rounds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import PublishedDecimalField
from ..querysets import RoundQuerySet, SubmissionQuerySet, TaskQuerySet
from .base import PackageRow
from .plan import TargetKind


class Task(PackageRow):
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="tasks",
                             verbose_name=_("计划 (plan)"))
    code = models.CharField(_("代码 (code)"), max_length=60)
    name = models.CharField(_("名称 (name)"), max_length=500)
    name_en = models.CharField(_("英文名称 (English name)"), max_length=500, blank=True, default="")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children",
                               verbose_name=_("上级任务 (parent task)"))
    area = models.ForeignKey("plans.Area", on_delete=models.RESTRICT, related_name="tasks",
                             verbose_name=_("领域 (area)"))
    lead = models.ForeignKey("plans.Department", on_delete=models.RESTRICT, related_name="led_tasks",
                             verbose_name=_("牵头单位 (lead department)"))
    co = models.ManyToManyField("plans.Department", through="plans.TaskCoDepartment", related_name="co_tasks",
                                blank=True, verbose_name=_("配合单位 (co-departments)"))
    target_kind = models.CharField(_("目标类型 (target kind)"), max_length=30, choices=TargetKind.choices,
                                   blank=True, default="")
    target_value = PublishedDecimalField(_("目标值 (target value)"))
    unit = models.CharField(_("单位 (unit)"), max_length=40, blank=True, default="")
    deadline = models.DateField(_("完成时限 (deadline)"), null=True, blank=True)
    curve = models.CharField(_("进度曲线 (expected curve)"), max_length=300, blank=True, default="linear")
    target_text = models.TextField(_("目标表述 (target wording)"), blank=True, default="")
    measure = models.TextField(_("措施表述 (measure wording)"), blank=True, default="")

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("重点任务 (task)")
        verbose_name_plural = _("重点任务 (tasks)")
        ordering = ["plan", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="task_code_unique")]
        # the ledger's and the API's order: a page of a city's 5,000 tasks without sorting them all
        indexes = [models.Index(fields=["plan", "seq", "id"], name="task_plan_order")]

    def __str__(self) -> str:
        return self.name


class TaskCoDepartment(models.Model):
    """A co-department of a task, in the order the package lists them."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="co_links",
                             verbose_name=_("任务 (task)"))
    department = models.ForeignKey("plans.Department", on_delete=models.CASCADE, related_name="co_links",
                                   verbose_name=_("配合单位 (co-department)"))
    seq = models.PositiveIntegerField(_("顺序 (order)"), default=0)

    class Meta:
        verbose_name = _("配合单位 (co-department)")
        verbose_name_plural = _("配合单位 (co-departments)")
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["task", "department"], name="task_co_unique")]


class RoundStatus(models.TextChoices):
    OPEN = "open", _("填报中 (open)")
    CLOSED = "closed", _("已截止 (closed)")


class ReportingRound(models.Model):
    """A reporting round the plan office opens: 2021年6月, period 2021-06, with a deadline."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="rounds",
                             verbose_name=_("计划 (plan)"))
    label = models.CharField(_("名称 (label)"), max_length=60)
    period = models.CharField(_("时期 (period)"), max_length=20)
    opens = models.DateField(_("开始日期 (opens)"))
    deadline = models.DateField(_("截止日期 (deadline)"))
    status = models.CharField(_("状态 (status)"), max_length=10, choices=RoundStatus.choices,
                              default=RoundStatus.OPEN)
    version = models.PositiveIntegerField(_("版本 (version)"), default=1)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("填报轮次 (reporting round)")
        verbose_name_plural = _("填报轮次 (reporting rounds)")
        ordering = ["plan", "-opens"]
        constraints = [models.UniqueConstraint(fields=["plan", "period"], name="round_period_unique")]

    def __str__(self) -> str:
        return self.label


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("草稿 (draft)")
    SUBMITTED = "submitted", _("已报送 (submitted)")
    HEAD_APPROVED = "head_approved", _("部门已审核 (approved by the department head)")
    APPROVED = "approved", _("已审核 (approved)")
    RETURNED = "returned", _("已退回 (returned)")
    SUPERSEDED = "superseded", _("已被替代 (superseded)")


class Submission(PackageRow):
    """A department's report of a task's cumulative progress as of a date (填报)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="submissions",
                             verbose_name=_("任务 (task)"))
    round = models.ForeignKey(ReportingRound, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="submissions", verbose_name=_("填报轮次 (round)"))
    value = PublishedDecimalField(_("累计完成 (cumulative value)"))
    unit = models.CharField(_("单位 (unit)"), max_length=40, blank=True, default="")
    as_of = models.DateField(_("截至日期 (as of)"))
    note = models.TextField(_("说明 (note)"), blank=True, default="")
    account = models.TextField(_("进展情况 (account of the work done)"), blank=True, default="")
    scope = models.CharField(_("口径 (counts toward the target)"), max_length=10, blank=True, default="")
    status = models.CharField(_("状态 (status)"), max_length=20, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.DRAFT)
    comment = models.TextField(_("审核意见 (comment)"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("创建人 (created by)"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", verbose_name=_("报送人 (submitted by)"))
    head_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+",
                                        verbose_name=_("部门审核人 (approved by the head)"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("审核人 (decided by)"))
    created_at = models.DateTimeField(_("创建时间 (created)"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间 (updated)"), auto_now=True)
    submitted_at = models.DateTimeField(_("报送时间 (submitted)"), null=True, blank=True)
    decided_at = models.DateTimeField(_("审核时间 (decided)"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本 (version)"), default=1)
    source_row_hash = models.CharField(_("来源行指纹 (source row hash)"), max_length=64, blank=True, default="")

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("进度填报 (submission)")
        verbose_name_plural = _("进度填报 (submissions)")
        ordering = ["task", "as_of", "id"]
        indexes = [models.Index(fields=["task", "status"], name="submission_task_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "source_row_hash"],
                condition=~models.Q(source_row_hash=""),
                name="submission_source_row_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task.code} {self.as_of} {self.value} ({self.status})"
