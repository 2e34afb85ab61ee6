"""Reporting rounds for the plan office: the rounds of the year with their overview (who has reported, who
is late, what is returned, what awaits approval), open the rounds the schedule makes due or one by hand,
remind late departments in one click, close and reopen a round, export its status to Excel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planwatch.web.plans import clock, services
from planwatch.web.plans.actor import Actor
from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
from planwatch.web.plans.models import ReportingRound, RoundStatus
from planwatch.web.plans.rounds_words import round_name
from planwatch.web.plans.services import reminders, rounds, schedule
from planwatch.web.plans.services.submissions import reason

from ..context import workspace
from .reporting import field_errors

FIELDS = ("label", "period", "opens", "deadline")


def _act(request: HttpRequest, actor: Actor, rnd: ReportingRound) -> None:
    today = clock.today()
    try:
        version = request.POST.get("version")  # the round's version as read: a change since is refused
        if "close" in request.POST:
            services.close_round(actor, rnd, version=version)
            messages.success(request, _("Closed: %(label)s") % {"label": round_name(rnd.period)})
        elif "reopen" in request.POST:
            services.reopen_round(actor, rnd, version=version)
            messages.success(request, _("Reopened: %(label)s") % {"label": round_name(rnd.period)})
        elif "remind" in request.POST:
            done = reminders.remind(actor, rnd, today)
            if done.sent:
                messages.success(request, ngettext("Reminded %(n)d department.", "Reminded %(n)d departments.",
                                                   len(done.sent)) % {"n": len(done.sent)})
            if done.already:
                messages.info(request, _("Reminded earlier today: %(names)s") % {
                    "names": "、".join(str(d.name_en if _english() and d.name_en else d.name) for d in done.already)})
            if not done.sent and not done.already:
                messages.info(request, _("Every department has reported: nobody to remind."))
    except (Conflict, PermissionDenied, ValidationError) as exc:
        messages.error(request, reason(exc))


def _english() -> bool:
    from ..words import english

    return english()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    ws = workspace(request)
    if not ws.is_planoffice:
        raise Http404("the plan office's page")
    all_rounds = ReportingRound.objects.visible_to(request.user).filter(plan=ws.plan).order_by("-opens", "-id")
    errors: dict[str, list[str]] = {}
    posted = {f: request.POST.get(f, "").strip() for f in FIELDS}
    if request.method == "POST":
        actor = Actor.from_request(request)
        chosen = request.POST.get("round", "")
        if chosen.isdigit():
            rnd = all_rounds.filter(pk=int(chosen)).first()
            if rnd is None:
                raise Http404("no such round")
            _act(request, actor, rnd)
            return redirect(request.path)
        if "open_due" in request.POST:
            try:
                opened = rounds.open_due_rounds(actor, ws.plan, clock.today())
            except PermissionDenied as exc:
                messages.error(request, str(exc))
            else:
                if opened:
                    messages.success(request, _("Opened: %(label)s") % {
                        "label": "、".join(round_name(r.period) for r in opened)})
                else:
                    messages.info(request, _("No round of the schedule is due today."))
            return redirect(request.path)
        try:
            rnd = services.open_round(actor, ws.plan, **posted)
        except ValidationError as exc:
            errors = field_errors(exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Opened: %(label)s") % {"label": round_name(rnd.period)})
            return redirect(request.path)
    today = clock.today()
    shown = [{"round": r, "lines": rounds.overview(r, today, reminders=True)} for r in all_rounds[:24]]
    for item in shown:
        lines = item["lines"]
        item["totals"] = {"departments": len(lines), "complete": sum(1 for x in lines if x.complete),
                          "late": sum(1 for x in lines if x.late), "returned": sum(x.returned for x in lines),
                          "awaiting": sum(x.awaiting for x in lines)}
    sched = schedule.of(ws.plan.settings)
    upcoming = [s for s in schedule.slots(sched, ws.plan.year)
                if not all_rounds.filter(period=s.period).exists() and s.deadline >= today][:3]
    return render(request, "pages/rounds/index.html", {
        "ws": ws, "rounds": shown, "errors": errors, "posted": posted, "today": today, "schedule": sched,
        "upcoming": upcoming, "open_status": RoundStatus.OPEN})
