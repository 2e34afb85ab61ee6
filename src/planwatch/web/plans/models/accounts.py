"""What planwatch keeps about an account beyond Django's user: a one-time password must be changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Account(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="planwatch_account", verbose_name=_("User"))
    must_change_password = models.BooleanField(_("Must change the password"), default=False)
    password_changed_at = models.DateTimeField(_("Password changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("Account")
        verbose_name_plural = _("Accounts")

    def __str__(self) -> str:
        return str(self.user)
