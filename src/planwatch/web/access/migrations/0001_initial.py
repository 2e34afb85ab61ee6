import django.db.models.deletion
from django.conf import settings
from django.core.management import call_command
from django.db import migrations, models


def cache_table(apps, schema_editor):
    """The database cache (login attempts shared by every server process) needs its table."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    initial = True

    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(max_length=64, unique=True, verbose_name="摘要 (SHA-256 of the key)")),
                ("prefix", models.CharField(max_length=12, verbose_name="前缀 (first characters, to tell tokens apart)")),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="创建时间 (created)")),
                ("expires", models.DateTimeField(db_index=True, verbose_name="到期时间 (expires)")),
                ("last_used", models.DateTimeField(blank=True, null=True, verbose_name="最近使用 (last used)")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="api_tokens",
                                           to=settings.AUTH_USER_MODEL, verbose_name="用户 (user)")),
            ],
            options={"verbose_name": "接口令牌 (API token)", "verbose_name_plural": "接口令牌 (API tokens)",
                     "ordering": ("-created",)},
        ),
        migrations.RunPython(cache_table, migrations.RunPython.noop),
    ]
