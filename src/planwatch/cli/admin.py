"""``planwatch admin``: users, packages in and out, backup and restore, warnings. Changes are logged in
the change log under ``cli:<os user>``."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

HELP = "管理：用户、导入导出、备份恢复、重算预警 / administration: users, import/export, backup, warnings"
ROLES = ("planoffice", "head", "reporter", "viewer")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    p = sub.add_parser("createuser", help="create a user (or give an existing one a role)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--department", default="", help="department code (heads and reporters)")
    p.add_argument("--plan", type=int, default=None, help="plan id (default: the only or the latest plan)")
    p.add_argument("--password", default=None,
                   help="password (default: $PLANWATCH_USER_PASSWORD, else asked, else generated and printed)")
    p.add_argument("--superuser", action="store_true", help="also a Django superuser (admin site)")
    p = sub.add_parser("import", help="import a plan data package (folder or .xlsx) in one transaction")
    p.add_argument("package")
    p = sub.add_parser("export", help="export a plan as a package (folder, .zip or .xlsx by the extension)")
    p.add_argument("--out", required=True)
    p.add_argument("--plan", type=int, default=None)
    p = sub.add_parser("backup", help="back up the database: .json (any database) or a SQLite copy")
    p.add_argument("file")
    p = sub.add_parser("restore", help="restore a backup made by `backup` (replaces the data)")
    p.add_argument("file")
    p = sub.add_parser("recompute-warnings", help="recompute the warnings of every plan (or one)")
    p.add_argument("--plan", type=int, default=None)


def _plan(plan_id: int | None) -> Any:
    from planwatch.web.plans.models import Plan

    if plan_id is not None:
        found = Plan.objects.filter(pk=plan_id).first()
        if found is None:
            raise SystemExit(f"no plan with id {plan_id}")
        return found
    found = Plan.objects.order_by("-year", "-id").first()
    if found is None:
        raise SystemExit("the database has no plan: import one with `planwatch admin import PACKAGE`")
    return found


def _password(given: str | None) -> tuple[str, bool]:
    if given:
        return given, False
    env = os.environ.get("PLANWATCH_USER_PASSWORD", "")
    if env:
        return env, False
    if sys.stdin.isatty():
        first = getpass.getpass("密码 password: ")
        if first and first == getpass.getpass("再次输入 again: "):
            return first, False
        raise SystemExit("passwords differ or empty")
    from planwatch.web.bootstrap import random_password

    return random_password(), True


def createuser(args: argparse.Namespace) -> int:
    """Through the same service as the people page and ``/api/people/`` (``plans.services.people``)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from planwatch.web.plans.actor import Actor
    from planwatch.web.plans.errors import Conflict, PermissionDenied, ValidationError
    from planwatch.web.plans.models import Membership
    from planwatch.web.plans.services import people

    plan = _plan(args.plan)
    needs_department = args.role in ("head", "reporter")
    if needs_department and not args.department:
        raise SystemExit(f"--department is required for the role {args.role}")
    if needs_department and not plan.departments.filter(code=args.department).exists():
        raise SystemExit(f"plan {plan.pk} has no department {args.department!r}")
    department = args.department if needs_department else None
    explicit = args.password or os.environ.get("PLANWATCH_USER_PASSWORD") or None
    actor = Actor.cli()
    user = get_user_model().objects.filter(username=args.name).first()
    member = Membership.objects.filter(user=user, plan=plan).first() if user is not None else None
    password, generated, created = explicit, False, False
    if user is None and not explicit:
        password, generated = _password(None)  # asked at a terminal, else generated
    try:
        with transaction.atomic():
            if member is None:
                added = people.add_person(actor, plan, username=args.name, role=args.role, department=department,
                                          password=password)
                member, created = added.membership, added.created
            else:  # the command line reads and writes at once: it acts on the version it just read
                member = people.change_role(actor, member, role=args.role, department=department or "",
                                            version=member.version)
            if not created and explicit:
                member.refresh_from_db()
                people.reset_password(actor, member, explicit, version=member.version)
            if args.superuser:
                people.make_superuser(actor, member.user)
    except ValidationError as exc:
        raise SystemExit("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
    except (Conflict, PermissionDenied) as exc:
        raise SystemExit(str(exc)) from exc
    print(f"{'created' if created else 'updated'} {args.name}: {args.role}"
          + (f" of {department}" if department else "") + f" in plan {plan.pk}")
    if created and generated:
        print(f"password: {password}")
    return 0


def do_import(args: argparse.Namespace) -> int:
    from planwatch.package import PackageError, load
    from planwatch.web.plans.actor import Actor
    from planwatch.web.plans.importexport import PackageImportError, import_package

    try:
        plan = import_package(load(args.package), actor=Actor.cli(), recompute=True)
    except (PackageError, PackageImportError) as exc:
        print(f"导入失败 import failed, nothing was changed:\n{exc}", file=sys.stderr)
        return 1
    print(f"imported plan {plan.pk}: {plan.title} ({plan.tasks.count()} tasks, {plan.warnings.count()} warnings)")
    return 0


def do_export(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from planwatch.package import write_folder
    from planwatch.web.plans.exporting import export_file
    from planwatch.web.plans.importexport import export_plan

    plan = _plan(args.plan)
    out = Path(args.out)
    if out.suffix in (".zip", ".xlsx"):
        with tempfile.TemporaryDirectory() as tmp:
            made = export_file(plan, out.suffix[1:], Path(tmp))
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(made), out)
    else:
        write_folder(export_plan(plan), out)
    print(f"exported plan {plan.pk} to {out}")
    return 0


def backup(args: argparse.Namespace) -> int:
    from planwatch.web.plans import backups

    print(backups.backup(Path(args.file)))
    return 0


def restore(args: argparse.Namespace) -> int:
    from planwatch.web.plans import backups

    print(backups.restore(Path(args.file)))
    return 0


def recompute(args: argparse.Namespace) -> int:
    from planwatch.web.plans.models import Plan
    from planwatch.web.plans.recompute import recompute_warnings

    plans = [_plan(args.plan)] if args.plan is not None else list(Plan.objects.all())
    for plan in plans:
        print(f"plan {plan.pk} {plan.title}: {len(recompute_warnings(plan))} warnings")
    return 0


ACTIONS = {"createuser": createuser, "import": do_import, "export": do_export, "backup": backup,
           "restore": restore, "recompute-warnings": recompute}


def run(args: argparse.Namespace) -> int:
    from planwatch.web.bootstrap import bootstrap

    bootstrap(load_demo=False)
    return ACTIONS[args.admin_command](args)
