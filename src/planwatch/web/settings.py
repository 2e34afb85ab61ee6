"""Placeholder settings so pytest-django starts; replaced by the web app's real settings."""

SECRET_KEY = "placeholder-not-secret"
INSTALLED_APPS: list[str] = []
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
