from django.urls import path

from theodoi.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.index, name="index"),
    path("mo-ky/", views.open_cycle, name="open_cycle"),
    path("che-do/", views.regimes, name="regimes"),
    path("che-do/them/", views.regime_form, name="regime_add"),
    path("che-do/<int:pk>/sua/", views.regime_form, name="regime_edit"),
    path("lich-lam-viec/", views.calendar, name="calendar"),
    path("ky/<int:pk>/", views.cycle, name="cycle"),
    path("ky/<int:pk>/thao-tac/<str:action>/", views.cycle_action, name="cycle_action"),
    path("ky/<int:pk>/tong-hop/", views.report, name="report"),
    path("ky/<int:pk>/tong-hop/thao-tac/<str:action>/", views.report_action, name="report_action"),
    path("ky/<int:pk>/tong-hop/bao-cao.docx", views.report_docx, name="report_docx"),
    path("ky/<int:pk>/tong-hop/phu-luc.xlsx", views.report_xlsx, name="report_xlsx"),
    path("ky/<int:pk>/<str:agency>/", views.submission, name="submission"),
    path(
        "ky/<int:pk>/<str:agency>/thao-tac/<str:action>/",
        views.submission_action,
        name="submission_action",
    ),
    path("ky/<int:pk>/<str:agency>/bao-cao.docx", views.submission_docx, name="submission_docx"),
]
