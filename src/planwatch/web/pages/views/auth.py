"""Log in and out with Django's own views and our templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from planwatch.web.access.forms import ThrottledLoginForm


class LoginView(auth_views.LoginView):
    template_name = "pages/login.html"
    authentication_form = ThrottledLoginForm  # says when the account or address is locked
    redirect_authenticated_user = True
    next_page = reverse_lazy("pages:dashboard")  # type: ignore[assignment]  # a lazy URL is a str


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("pages:login")  # type: ignore[assignment]
