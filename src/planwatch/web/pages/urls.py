"""URLs of the pages; the project's root urls include them at ``""``."""

from django.urls import path
from django.views.i18n import set_language

from .views import (
    approvals,
    auth,
    dashboard,
    excel_views,
    hotline,
    indicators,
    lists,
    package,
    people,
    projects,
    report_editor,
    reporting,
    reports,
    rounds,
    tasks,
)

app_name = "pages"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("accounts/login/", auth.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("indicators/", indicators.index, name="indicators"),
    path("indicators/<int:pk>/", indicators.detail, name="indicator_detail"),
    path("tasks/", tasks.ledger, name="ledger"),
    path("tasks/<int:pk>/", tasks.detail, name="task_detail"),
    path("report/", reporting.report, name="report"),
    path("report/template.xlsx", excel_views.template, name="report_template"),
    path("report/upload/", excel_views.upload, name="report_upload"),
    path("approvals/", approvals.queue, name="approvals"),
    path("warnings/", lists.warnings, name="warnings"),
    path("projects/", lists.projects, name="projects"),
    path("projects/<int:pk>/", projects.detail, name="project_detail"),
    path("reports/", reports.index, name="reports"),
    path("reports/download/", reports.download, name="reports_download"),
    path("reports/editor/", report_editor.editor, name="report_editor"),
    path("package/", package.index, name="package"),
    path("package/export.xlsx", package.export, name="package_export"),
    path("people/", people.index, name="people"),
    path("rounds/", rounds.index, name="rounds"),
    path("hotline/", hotline.index, name="hotline"),
    path("hotline/ranking.xlsx", hotline.ranking_xlsx, name="hotline_ranking"),
]
