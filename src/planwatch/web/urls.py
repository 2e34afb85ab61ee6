"""Root URLs: the REST API, its schema and Swagger UI (assets served locally) under /api/, the admin, the
pages at the root."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer or a monitor: the process answers, without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("planwatch.web.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("planwatch.web.pages.urls")),
]
