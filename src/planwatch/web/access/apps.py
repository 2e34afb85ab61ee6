from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "planwatch.web.access"
    label = "access"
    verbose_name = _("登录与令牌 (access)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in

        from .forms import ThrottledAdminLoginForm
        from .sessions import mark_login

        admin.site.login_form = ThrottledAdminLoginForm
        user_logged_in.connect(mark_login, dispatch_uid="planwatch-session-start")
