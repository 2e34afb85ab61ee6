"""First start with no questions: data directory, secret key, migrations when pending, the demo plan
and demo accounts. Used by ``planwatch serve`` and ``planwatch admin``."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def setup_django() -> None:
    """Configure Django from ``PLANWATCH_*`` (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    import django

    django.setup()


def pending_migrations() -> list[Any]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def migrate_if_pending(verbosity: int = 0) -> bool:
    """Apply migrations only when some are pending (a normal start does no schema work)."""
    if not pending_migrations():
        return False
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("createcachetable", verbosity=0)  # login attempts (idempotent; also made by a migration)
    return True


def demo_password(data_dir: Path) -> tuple[str, bool]:
    """``PLANWATCH_DEMO_PASSWORD``, else the one stored in the data directory, else a new random one
    (stored, mode 0600). Returns the password and whether it was generated now."""
    given = os.environ.get("PLANWATCH_DEMO_PASSWORD", "")
    if given:
        return given, False
    from .config import read_or_create_secret

    path = data_dir / "demo_password"
    existed = path.exists()
    return read_or_create_secret(path, nbytes=9), not existed


def demo_usernames(plan: Any) -> list[tuple[str, str, Any]]:
    """(username, role, department) of every demo account of a plan."""
    out: list[tuple[str, str, Any]] = [("planoffice", "planoffice", None), ("viewer", "viewer", None)]
    for dept in plan.departments.order_by("seq", "id"):
        out.append((f"head-{dept.code}", "head", dept))
        out.append((f"reporter-{dept.code}", "reporter", dept))
    return out


DEMO_GROUP = "demo"  # the demo accounts (one shared password): `serve` refuses them on a public address


def create_demo_accounts(plan: Any, password: str) -> list[str]:
    """Create the demo accounts of ``plan`` that do not exist yet (one password hash for all: fast)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction

    from .plans.models import Membership

    user_model = get_user_model()
    hashed = make_password(password)
    created: list[str] = []
    with transaction.atomic():
        group, _new = Group.objects.get_or_create(name=DEMO_GROUP)
        for name, role, dept in demo_usernames(plan):
            user, new = user_model.objects.get_or_create(username=name, defaults={"password": hashed})
            if new:
                created.append(name)
                user.groups.add(group)
            Membership.objects.get_or_create(user=user, plan=plan, defaults={"role": role, "department": dept})
    return created


def active_demo_accounts() -> int:
    """How many demo accounts can log in."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=DEMO_GROUP, is_active=True).count()


@dataclass
class Started:
    data_dir: Path
    migrated: bool
    demo_loaded: bool
    password: str | None = None  # shown only when generated now
    accounts: list[str] = field(default_factory=list)


def bootstrap(load_demo: bool = True, example: str = "chaoyang-2021") -> Started:
    """Everything ``planwatch serve`` needs before it answers."""
    setup_django()
    from django.conf import settings

    data_dir = Path(settings.DATA_DIR)
    migrated = migrate_if_pending()
    started = Started(data_dir=data_dir, migrated=migrated, demo_loaded=False)
    if not load_demo:
        return started
    from .plans.actor import Actor
    from .plans.models import Plan

    if Plan.objects.exists():
        return started
    from planwatch.package import example_path, load

    from .plans.importexport import import_package

    plan = import_package(load(example_path(example)), actor=Actor.cli(), recompute=True)
    password, generated = demo_password(data_dir)
    started.accounts = create_demo_accounts(plan, password)
    started.demo_loaded = True
    if generated:
        started.password = password
    return started


def random_password() -> str:
    return secrets.token_urlsafe(12)
