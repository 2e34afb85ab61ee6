"""A user's notifications (站内通知): newest first, unread marked; opening one marks it read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

from planwatch.web.plans.models import Notification
from planwatch.web.plans.notices import excerpt, text
from planwatch.web.plans.services import notify


@login_required
def index(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.for_user(request.user).select_related("plan")
    if request.method == "POST" and "read_all" in request.POST:
        n = notify.mark_read(request.user)
        messages.success(request, ngettext("%(n)d notification marked read.", "%(n)d notifications marked read.", n)
                         % {"n": n})
        return redirect(request.path)
    page = Paginator(mine, 50).get_page(request.GET.get("page"))
    items = [{"n": n, "text": text(n), "excerpt": excerpt(n)} for n in page.object_list]
    return render(request, "pages/notifications/index.html", {"page": page, "items": items,
                                                               "unread": mine.unread().count()})


@login_required
def go(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a notification: it is read, and its page is shown (a local path only)."""
    n = Notification.objects.for_user(request.user).filter(pk=pk).first()
    if n is None:
        raise Http404("no such notification")
    notify.mark_read(request.user, [n.pk])
    target = n.url or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or not target.startswith("/"):
        target = "/"
    if n.plan_id and "?" not in target:
        target += f"?plan={n.plan_id}" if "#" not in target else ""
    if n.kind in ("mention", "returned"):  # the words themselves, on the page it leads to
        messages.info(request, " ".join(x for x in (text(n), excerpt(n)) if x))
    return redirect(target)
