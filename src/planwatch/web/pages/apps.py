from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "planwatch.web.pages"
    label = "pages"
    verbose_name = _("Pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from planwatch.web.plans.services.accounts import on_login

        user_logged_in.connect(on_login, dispatch_uid="planwatch-must-change-password")
