from __future__ import annotations

import pytest

from .factories import World, build_world


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """The world's users get passwords; the slow production hasher adds nothing to what the pages test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def as_user(client, world: World):
    """Log the test client in as one of the world's users: ``as_user("reporter-cgj")``."""

    def login(name: str):
        client.force_login(world.users[name])
        return client

    return login


@pytest.fixture(autouse=True)
def _fresh_progress_memo() -> None:
    """Each test's database reuses ids; the memo of computed rows must not carry over between tests."""
    from planwatch.web.plans.assessments import forget as forget_memo

    forget_memo()
