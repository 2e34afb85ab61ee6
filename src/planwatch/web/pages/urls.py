"""URLs of the pages; the project's root urls include them at ``""``."""

from django.urls import path
from django.views.i18n import set_language

from .views import auth, dashboard

app_name = "pages"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("accounts/login/", auth.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
]
