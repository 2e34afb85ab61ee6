"""The navigation of the pages, by role: what a user sees in the top bar."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from planwatch.web.plans import scoping


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    prefix: str = ""  # view names starting with this mark the entry as current ("pages:task")

    def is_current(self, view_name: str) -> bool:
        return view_name == self.url_name or bool(self.prefix and view_name.startswith(self.prefix))


def nav_items(user: Any, workspace: Any = None) -> list[NavItem]:
    """Entries of the top bar for ``user`` (in the request's ``workspace`` when known); pages a role
    cannot use are not shown (the views check too)."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = {g.role for g in scoping.grants(user)} | ({scoping.PLANOFFICE} if scoping.is_superuser(user) else set())
    items = [
        NavItem("pages:dashboard", _("Dashboard")),
        NavItem("pages:indicators", _("Indicators"), "pages:indicator"),
        NavItem("pages:ledger", _("Tasks"), "pages:task"),
    ]
    if roles & scoping.WRITERS:
        items.append(NavItem("pages:report", _("Report progress"), "pages:report_"))
    head_only = roles == {scoping.HEAD}
    head_step = bool(workspace is not None and workspace.plan.require_head_approval)
    if roles & scoping.APPROVERS and (not head_only or head_step):
        items.append(NavItem("pages:approvals", _("Approvals")))
    items += [
        NavItem("pages:warnings", _("Warnings")),
        NavItem("pages:projects", _("Key projects"), "pages:project"),
        NavItem("pages:hotline", _("Hotline"), "pages:hotline"),
    ]
    if roles & {scoping.PLANOFFICE, scoping.VIEWER}:
        items.append(NavItem("pages:reports", _("Reports"), "pages:reports_"))
    if scoping.PLANOFFICE in roles:
        items += [NavItem("pages:package", _("Plan package"), "pages:package"),
                  NavItem("pages:people", _("Users"))]
    if scoping.PLANOFFICE in roles:  # the plan year (issue 11)
        items += [NavItem("pages:rounds", _("Reporting rounds"), "pages:round"),
                  NavItem("pages:plan_settings", _("Settings")),
                  NavItem("pages:audit", _("Change log"))]
    return items
