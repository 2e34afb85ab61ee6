"""URLs of the pages; the project's root urls include them at ``""``."""

from django.urls import path
from django.views.i18n import set_language

from .views import (
    account,
    approvals,
    audit,
    auth,
    dashboard,
    evidence,
    excel_views,
    exports,
    indicators,
    lists,
    notifications,
    package,
    people,
    plan_settings,
    projects,
    reporting,
    reports,
    rounds,
    search,
    targets,
    tasks,
    years,
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
    path("package/", package.index, name="package"),
    path("package/export.xlsx", package.export, name="package_export"),
    path("people/", people.index, name="people"),
    path("rounds/", rounds.index, name="rounds"),
    # the plan year (issue 11)
    path("rounds/<int:pk>/status.xlsx", exports.round_status, name="round_export"),
    path("tasks/export.xlsx", exports.ledger, name="ledger_export"),
    path("warnings/export.xlsx", exports.warnings, name="warnings_export"),
    path("tasks/<int:pk>/adjust/", targets.adjust, name="target_adjust"),
    path("comments/<str:kind>/<int:pk>/", evidence.comment, name="comment"),
    path("attachments/<int:pk>/", evidence.attachment, name="attachment"),
    path("notifications/", notifications.index, name="notifications"),
    path("notifications/<int:pk>/", notifications.go, name="notification_go"),
    path("settings/", plan_settings.index, name="plan_settings"),
    path("package/next-year.xlsx", years.draft, name="next_year"),
    path("search/", search.search, name="search"),
    path("audit/", audit.index, name="audit"),
    path("accounts/password/", account.PasswordChangeView.as_view(), name="password_change"),
]
