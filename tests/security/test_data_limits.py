"""Limits of text and numbers hold the same on SQLite and PostgreSQL: a NUL byte, a lone surrogate, a name
longer than its column, an integer beyond 32 bits are field errors (never a 500), in the API, the pages and
the package import; a JSON backup made on SQLite restores on PostgreSQL."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from planwatch.web.plans.actor import Actor
from planwatch.web.plans.importexport import PackageImportError, import_package
from planwatch.web.plans.models import Plan, Submission
from web.factories import small_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("note", ["有\\u0000空字符", "孤\\ud800代理"])  # JSON escapes: a NUL, a lone surrogate
def test_bad_characters_are_field_errors_in_the_api(api, task, note) -> None:
    body = '{"value": "100", "as_of": "2021-07-31", "note": "' + note + '"}'
    response = api("reporter_a").post(f"/api/tasks/{task.pk}/submissions/", body, content_type="application/json")
    assert response.status_code == 400 and "note" in response.json()
    assert not Submission.objects.filter(task=task, value="100").exists()


def test_a_nul_in_the_reporting_form_is_a_row_error(users, task, client) -> None:
    client.force_login(users["reporter_a"])
    response = client.post("/report/", {f"value-{task.pk}": "100", f"as_of-{task.pk}": "2021-07-31",
                                        f"note-{task.pk}": "a\x00b"})
    assert response.status_code == 200 and response.context["has_errors"]
    assert not Submission.objects.filter(task=task, value="100").exists()


@pytest.mark.parametrize(("field", "value"), [("name", "长" * 600), ("measure", "x\x00y"), ("code", "c" * 61)])
def test_an_over_long_or_bad_task_is_an_import_error_naming_the_row(db, field, value) -> None:
    plan = small_plan(region="limits")
    plan.tasks[0] = dataclasses.replace(plan.tasks[0], **{field: value})
    with pytest.raises(PackageImportError) as err:
        import_package(plan, actor=Actor.cli())
    assert (err.value.file, err.value.row, err.value.field) == ("tasks.csv", 2, field)
    assert not Plan.objects.filter(region__code="limits").exists()


def test_an_integer_beyond_32_bits_is_an_import_error(db) -> None:
    plan = small_plan(region="limits")
    plan.areas[0] = dataclasses.replace(plan.areas[0], order=2**40)
    with pytest.raises(PackageImportError) as err:
        import_package(plan, actor=Actor.cli())
    assert err.value.field == "order"


def test_a_long_department_name_is_a_field_error(api, plan) -> None:
    dept = plan.departments.get(code="dept_b")
    response = api("planoffice").patch(f"/api/departments/{dept.pk}/", {"name": "局" * 201, "version": 1},
                                       format="json")
    assert response.status_code == 400 and "name" in response.json()


@pytest.mark.skipif(not os.environ.get("PLANWATCH_DATABASE_URL"), reason="restores into PostgreSQL")
@pytest.mark.slow
def test_a_backup_made_on_sqlite_restores_on_postgresql(tmp_path: Path) -> None:
    """GIVEN the example with a long name at each column's limit, backed up as JSON on SQLite WHEN it is
    restored into the PostgreSQL test database THEN every row is there."""
    assert connection.vendor == "postgresql"
    env = {k: v for k, v in os.environ.items() if k not in ("PLANWATCH_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["PLANWATCH_DATA_DIR"] = str(tmp_path / "sqlite")
    script = (
        "from planwatch.web.bootstrap import bootstrap; bootstrap(load_demo=False)\n"
        "from planwatch.package import example_path, load\n"
        "from planwatch.web.plans.importexport import import_package\n"
        "from planwatch.web.plans.backups import backup\n"
        "import dataclasses, sys\n"
        "plan = load(example_path())\n"
        "plan.tasks[0] = dataclasses.replace(plan.tasks[0], name='长' * 500, measure='说明' * 5000)\n"
        "import_package(plan, recompute=True)\n"
        "from pathlib import Path; backup(Path(sys.argv[1]))\n"
    )
    target = tmp_path / "backup.json"
    subprocess.run([sys.executable, "-c", script, str(target)], env=env, check=True, capture_output=True,
                   timeout=300)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    from planwatch.web.plans.backups import restore

    restore(target)
    plan = Plan.objects.get()
    assert plan.tasks.order_by("seq").first().name == "长" * 500
    assert plan.tasks.count() > 10 and plan.warnings.exists()
