"""Indicators: the list, and one indicator's series (chart and table), growth measures and target."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from planwatch.core.model import Aggregation
from planwatch.web.plans import assessments
from planwatch.web.plans.models import Indicator

from ..charts import bar_chart
from ..context import workspace
from ..indicators import card, period_label, series
from ..templatetags.pages_tags import loc
from ..words import unit_words


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    a = assessments.current(ws.plan)
    indicators = (Indicator.objects.visible_to(request.user).filter(plan=ws.plan)
                  .select_related("area", "department").order_by("seq", "id"))
    return render(request, "pages/indicators/index.html", {"ws": ws, "cards": [card(i, a) for i in indicators]})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    ws = workspace(request)
    ind = get_object_or_404(Indicator.objects.visible_to(request.user).filter(plan=ws.plan)
                            .select_related("area", "department"), pk=pk)
    a = assessments.current(ws.plan)
    rows = series(ind, a)
    cumulative = ind.aggregation == Aggregation.CUMULATIVE
    labels = [period_label(m.row.period, cumulative) for m in rows]
    the_card = card(ind, a)
    chart = None
    if any(m.row.value is not None for m in rows):
        unit = unit_words(ind.unit)
        chart = bar_chart(list(zip(labels, [m.row.value for m in rows], strict=True)), unit=unit,
                          title=f"{loc(ind)} ({unit})" if unit else loc(ind))
    yoy_points = list(zip(labels, [m.yoy for m in rows], strict=True))
    target = the_card.target
    growth_target = target.value if target is not None and target.kind.startswith("growth") else None
    yoy_chart = bar_chart(yoy_points, unit="%", title=_("%(name)s, growth year on year") % {"name": loc(ind)},
                          target=growth_target, target_label=_("Target"))
    return render(request, "pages/indicators/detail.html", {
        "ws": ws, "indicator": ind, "series": rows, "card": the_card, "chart": chart, "yoy_chart": yoy_chart,
    })
