"""Change one's own password (Django's form and the configured validators); after a one-time password the
pages lead here first (``pages.middleware``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from planwatch.web.plans.actor import Actor
from planwatch.web.plans.services.accounts import SESSION_FLAG, must_change, password_changed


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "pages/account/password.html"
    success_url = reverse_lazy("pages:dashboard")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        ctx["forced"] = must_change(self.request.user)
        return ctx

    def form_valid(self, form: Any) -> Any:
        response = super().form_valid(form)
        password_changed(Actor.from_request(self.request), self.request.user)
        self.request.session[SESSION_FLAG] = False
        messages.success(self.request, _("Your password is changed."))
        return response
