"""Fixtures of the security suite: the web tests' small plan and one user per role, plus a second plan
(another district) with its own plan office, reporter and viewer, for checks across plans."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import import_package
from planwatch.web.plans.models import Membership, Plan
from web.conftest import _fast_passwords, _fresh_throttles, api, plan, task, task_b, users  # noqa: F401
from web.factories import small_plan

OTHER_ROLES = {"office2": ("planoffice", None), "reporter2": ("reporter", "dept_a"), "viewer2": ("viewer", None)}


@pytest.fixture
def other(plan: Plan) -> dict[str, Any]:  # noqa: F811 (the web tests' fixture)
    """A second plan with its own people: ``other["plan"]``, ``other["office2"]`` …"""
    second = import_package(small_plan(region="otherdistrict"), actor=Actor.cli())
    out: dict[str, Any] = {"plan": second}
    for name, (role, dept) in OTHER_ROLES.items():
        u = get_user_model().objects.create_user(name, password="pw-" + name)
        Membership.objects.create(user=u, plan=second, role=role,
                                  department=second.departments.get(code=dept) if dept else None)
        out[name] = u
    return out
