"""API tokens in the admin: who holds one and until when (never the key; revoking is logging out)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created", "expires", "last_used")
    search_fields = ("user__username", "prefix")
    readonly_fields = ("user", "digest", "prefix", "created", "expires", "last_used")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
