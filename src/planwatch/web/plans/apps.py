from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "planwatch.web.plans"
    label = "plans"
    verbose_name = _("计划")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from .limits import check_on_save

        pre_save.connect(check_on_save, dispatch_uid="planwatch-limits")

        from . import versioning

        versioning.connect()
