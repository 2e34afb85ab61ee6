"""Indicators: the list, and one indicator's series (chart and table), growth measures and target."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from planwatch.web.plans.models import Indicator, Observation, Target

from ..charts import bar_chart
from ..context import workspace
from ..indicators import card, measures, period_key, period_label
from ..templatetags.pages_tags import loc
from ..words import unit_words

_PREFETCH = (Prefetch("observations", queryset=Observation.objects.order_by("seq")),
             Prefetch("targets", queryset=Target.objects.order_by("seq")))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    indicators = (Indicator.objects.visible_to(request.user).filter(plan=ws.plan)
                  .select_related("area", "department").prefetch_related(*_PREFETCH).order_by("seq", "id"))
    return render(request, "pages/indicators/index.html",
                  {"ws": ws, "cards": [card(i, ws.plan.year) for i in indicators]})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    ws = workspace(request)
    ind = get_object_or_404(Indicator.objects.visible_to(request.user).filter(plan=ws.plan)
                            .select_related("area", "department").prefetch_related(*_PREFETCH), pk=pk)
    obs = sorted(ind.observations.all(), key=lambda o: period_key(o.period))
    series = [measures(o) for o in obs]
    the_card = card(ind, ws.plan.year)
    if any(o.value is not None for o in obs):
        points = [(period_label(o.period), o.value) for o in obs]
        unit = unit_words(ind.unit)
        chart = bar_chart(points, unit=unit, title=f"{loc(ind)} ({unit})" if unit else loc(ind))
        yoy_points = [(period_label(o.period), o.yoy_pct) for o in obs]
    else:
        chart = None
        yoy_points = [(period_label(o.period), o.yoy_pct) for o in obs]
    target = the_card.target
    growth_target = target.value if target is not None and target.kind.startswith("growth") else None
    yoy_chart = bar_chart(yoy_points, unit="%", title=_("%(name)s, growth year on year") % {"name": loc(ind)},
                          target=growth_target, target_label=_("Target"))
    return render(request, "pages/indicators/detail.html", {
        "ws": ws, "indicator": ind, "series": series, "card": the_card, "chart": chart, "yoy_chart": yoy_chart,
        "labels": {o.pk: period_label(o.period) for o in obs},
    })
