"""URLs of the REST API, mounted at /api/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .views.auth import LogoutView, MeView, TokenView
from .views.indicators import IndicatorViewSet
from .views.log import ChangeViewSet, WarningViewSet
from .views.people import DepartmentWriteViewSet, PersonViewSet
from .views.plans import AreaViewSet, PlanViewSet
from .views.projects import ProjectViewSet
from .views.rounds import RoundViewSet
from .views.submissions import SubmissionViewSet
from .views.tasks import TaskViewSet

router = DefaultRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("departments", DepartmentWriteViewSet, basename="department")
router.register("areas", AreaViewSet, basename="area")
router.register("tasks", TaskViewSet, basename="task")
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("warnings", WarningViewSet, basename="warning")
router.register("projects", ProjectViewSet, basename="project")
router.register("rounds", RoundViewSet, basename="round")
router.register("changes", ChangeViewSet, basename="change")
router.register("people", PersonViewSet, basename="person")

app_name = "api"

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("auth/logout/", LogoutView.as_view(), name="logout"),
    path("me/", MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
