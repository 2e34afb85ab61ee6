"""Fixtures of the web tests: a small plan imported into the test database, one user per role."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import import_package
from planwatch.web.plans.models import Membership, Plan

from .factories import small_plan

ROLES = {
    "planoffice": ("planoffice", None),
    "viewer": ("viewer", None),
    "head_a": ("head", "dept_a"),
    "reporter_a": ("reporter", "dept_a"),
    "reporter_b": ("reporter", "dept_b"),
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _clear_cache() -> None:
    import contextlib

    from django.core.cache import cache

    with contextlib.suppress(RuntimeError):  # a test without the database uses no cache either
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Any:
    """Login counts live in the cache (the database cache): each test starts with none."""
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture
def plan(db: Any) -> Plan:
    return import_package(small_plan(), actor=Actor.cli())


@pytest.fixture
def users(plan: Plan) -> dict[str, Any]:
    out = {}
    for name, (role, dept) in ROLES.items():
        user = get_user_model().objects.create_user(name, password="pw-" + name)
        Membership.objects.create(user=user, plan=plan, role=role,
                                  department=plan.departments.get(code=dept) if dept else None)
        out[name] = user
    return out


@pytest.fixture
def api(users: dict[str, Any]) -> Any:
    """``api("reporter_a")``: an API client logged in as that user."""

    def make(name: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(get_user_model().objects.get(username=name))
        return client

    return make


@pytest.fixture
def task(plan: Plan) -> Any:
    return plan.tasks.get(code="demolish")


@pytest.fixture
def task_b(plan: Plan) -> Any:
    return plan.tasks.get(code="greening")
