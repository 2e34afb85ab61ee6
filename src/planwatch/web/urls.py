"""Root URLs: the REST API and its schema under /api/, the admin, the pages at the root."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/", include("planwatch.web.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("planwatch.web.pages.urls")),
]
