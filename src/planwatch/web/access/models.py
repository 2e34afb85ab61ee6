"""API tokens, stored as the SHA-256 digest of the key (the key itself is shown once and never kept)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("用户 (user)"))
    digest = models.CharField(_("摘要 (SHA-256 of the key)"), max_length=64, unique=True)
    prefix = models.CharField(_("前缀 (first characters, to tell tokens apart)"), max_length=12)
    created = models.DateTimeField(_("创建时间 (created)"), auto_now_add=True)
    expires = models.DateTimeField(_("到期时间 (expires)"), db_index=True)
    last_used = models.DateTimeField(_("最近使用 (last used)"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌 (API token)")
        verbose_name_plural = _("接口令牌 (API tokens)")
        ordering = ("-created",)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
