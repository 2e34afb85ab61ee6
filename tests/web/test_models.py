"""The schema speaks Chinese first: every field has a translated verbose name, choices are classes."""

from __future__ import annotations

from django.apps import apps
from django.db import models


def test_every_field_has_a_verbose_name() -> None:
    missing = []
    for model in apps.get_app_config("plans").get_models():
        for field in model._meta.get_fields():
            if field.auto_created or not isinstance(field, models.Field):
                continue
            if str(field.verbose_name) == field.name.replace("_", " "):
                missing.append(f"{model.__name__}.{field.name}")
    assert missing == []


def test_migrations_match_the_models(db) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "plans", "--check", "--dry-run", stdout=out, stderr=out)
