"""A plan, its areas, indicators, observations and targets."""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import PublishedDecimalField
from ..querysets import IndicatorChildQuerySet, PlanChildQuerySet, PlanQuerySet
from .base import PackageRow


class Plan(models.Model):
    region = models.ForeignKey("plans.Region", on_delete=models.PROTECT, related_name="plans",
                               verbose_name=_("地区 (region)"))
    year = models.PositiveIntegerField(_("年度 (year)"))
    title = models.CharField(_("标题 (title)"), max_length=300)
    title_en = models.CharField(_("英文标题 (English title)"), max_length=300, blank=True, default="")
    base_year = models.PositiveIntegerField(_("基期年 (base year)"), null=True, blank=True)
    illustrative_note = models.TextField(_("示意数据说明 (illustrative note)"), blank=True, default="")
    settings = models.JSONField(_("设置 (settings)"), default=dict, encoder=DjangoJSONEncoder, blank=True)
    report = models.JSONField(_("报告信息 (report block)"), default=dict, encoder=DjangoJSONEncoder, blank=True)
    extra = models.JSONField(_("其他表 (other sheets)"), default=dict, encoder=DjangoJSONEncoder, blank=True)
    require_head_approval = models.BooleanField(_("需部门负责人审核 (department head approves first)"),
                                                default=False)
    created_at = models.DateTimeField(_("创建时间 (created)"), auto_now_add=True)
    four_eyes = models.BooleanField(_("审核人不得审核本人报送的数据 (four eyes)"), default=True)
    version = models.PositiveIntegerField(_("版本 (version)"), default=1)
    # The version of the plan's data: bumped in the transaction of every change of its rows (versioning.py),
    # so the web app knows when the plan's assessment must be made again. Never written by save().
    data_version = models.PositiveBigIntegerField(_("数据版本 (data version)"), default=1, editable=False)
    # The version of its indicators' figures alone (indicators, observations, targets, areas, departments):
    # an approval of a task's figure leaves it, so the plan's observations need not be read again.
    figures_version = models.PositiveBigIntegerField(_("指标数据版本 (figures version)"), default=1, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("计划 (plan)")
        verbose_name_plural = _("计划 (plans)")
        ordering = ["-year", "region__code"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="plan_region_year_unique")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, leaving ``data_version`` to ``versioning.bump`` (a save of a stale instance must not
        write back an older version); a change of the plan itself is a change of its data."""
        if self.pk is not None and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key
                                       and f.name not in ("data_version", "figures_version", "created_at")]
        super().save(*args, **kwargs)


class Area(PackageRow):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas", verbose_name=_("计划 (plan)"))
    code = models.CharField(_("代码 (code)"), max_length=60)
    name = models.CharField(_("名称 (name)"), max_length=300)
    name_en = models.CharField(_("英文名称 (English name)"), max_length=300, blank=True, default="")
    order = models.IntegerField(_("排序 (order)"), default=0)

    objects = PlanChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("领域 (area)")
        verbose_name_plural = _("领域 (areas)")
        ordering = ["plan", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="area_code_unique")]

    def __str__(self) -> str:
        return self.name


class IndicatorKind(models.TextChoices):
    LEVEL = "level", _("总量 (level)")
    RATE = "rate", _("比率 (rate)")
    INDEX = "index", _("指数 (index)")
    RANK = "rank", _("排名 (rank)")


class Aggregation(models.TextChoices):
    CUMULATIVE = "cumulative", _("累计值 (cumulative)")
    POINT = "point", _("时点值 (point)")


class TargetKind(models.TextChoices):
    GROWTH_AT_LEAST = "growth_at_least", _("增长不低于 (growth at least)")
    GROWTH_AT_MOST = "growth_at_most", _("增长控制在以内 (growth at most)")
    LEVEL_AT_LEAST = "level_at_least", _("不少于 (level at least)")
    LEVEL_AT_MOST = "level_at_most", _("控制在以内 (level at most)")
    REDUCTION_AT_LEAST = "reduction_at_least", _("下降不少于 (reduction at least)")
    RATE_AT_LEAST = "rate_at_least", _("达到 (rate at least)")
    RATE_AT_MOST = "rate_at_most", _("比率控制在以内 (rate at most)")
    MILESTONE = "milestone", _("节点 (milestone)")
    QUALITATIVE = "qualitative", _("定性目标 (in words)")


class Indicator(PackageRow):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators",
                             verbose_name=_("计划 (plan)"))
    code = models.CharField(_("代码 (code)"), max_length=60)
    name = models.CharField(_("名称 (name)"), max_length=300)
    name_en = models.CharField(_("英文名称 (English name)"), max_length=300, blank=True, default="")
    unit = models.CharField(_("单位 (unit)"), max_length=40, blank=True, default="")
    kind = models.CharField(_("类型 (kind)"), max_length=20, choices=IndicatorKind.choices,
                            default=IndicatorKind.LEVEL)
    aggregation = models.CharField(_("口径 (aggregation)"), max_length=20, choices=Aggregation.choices,
                                   default=Aggregation.CUMULATIVE)
    higher_is_better = models.BooleanField(_("越高越好 (higher is better)"), default=True)
    comparable = models.BooleanField(_("可比价 (comparable prices)"), default=False)
    headline = models.BooleanField(_("主要指标 (headline)"), default=False)
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators",
                             verbose_name=_("领域 (area)"))
    department = models.ForeignKey("plans.Department", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="indicators", verbose_name=_("报送部门 (department)"))
    order = models.IntegerField(_("排序 (order)"), default=0)

    objects = PlanChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("指标 (indicator)")
        verbose_name_plural = _("指标 (indicators)")
        ordering = ["plan", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="indicator_code_unique")]

    def __str__(self) -> str:
        return self.name


class Observation(PackageRow):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations",
                                  verbose_name=_("指标 (indicator)"))
    period = models.CharField(_("时期 (period)"), max_length=20)
    value = PublishedDecimalField(_("数值 (value)"))
    unit = models.CharField(_("单位 (unit)"), max_length=40, blank=True, default="")
    yoy_pct = PublishedDecimalField(_("同比增长% (yoy growth)"))
    vs_base_pct = PublishedDecimalField(_("比基期增长% (growth vs base)"))
    base_period = models.CharField(_("基期 (base period)"), max_length=20, blank=True, default="")
    avg_pct = PublishedDecimalField(_("年均增长% (average annual growth)"))
    yoy_pp = PublishedDecimalField(_("同比增减百分点 (yoy change, points)"))
    bound = models.CharField(_("发布限定 (published bound: 约, 近, 超, 突破, 余)"), max_length=10, blank=True, default="")
    account = models.TextField(_("进展情况 (account of the work done)"), blank=True, default="")

    objects = IndicatorChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("观测值 (observation)")
        verbose_name_plural = _("观测值 (observations)")
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="observation_unique")]


class Target(PackageRow):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("指标 (indicator)"))
    period = models.CharField(_("时期 (period)"), max_length=20)
    kind = models.CharField(_("目标类型 (target kind)"), max_length=30, choices=TargetKind.choices)
    value = PublishedDecimalField(_("目标值 (value)"))
    unit = models.CharField(_("单位 (unit)"), max_length=40, blank=True, default="")
    text = models.CharField(_("目标表述 (wording)"), max_length=300, blank=True, default="")
    due = models.DateField(_("完成时限 (due)"), null=True, blank=True)

    objects = IndicatorChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("目标 (target)")
        verbose_name_plural = _("目标 (targets)")
        ordering = ["seq"]
