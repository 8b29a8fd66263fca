from django.urls import path

from theodoi.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.index, name="index"),
    path("cua-toi/", views.mine, name="mine"),
    path("bang-xep-hang/", views.board, name="scoreboard"),
    path("giao/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/thao-tac/<str:action>/", views.act, name="act"),
    path("<int:pk>/gia-han/<int:req>/", views.decide, name="decide"),
    path("tep/<int:pk>/", views.file, name="file"),
    # Panels of the directive page (loaded by htmx) and the issue of a meeting's conclusions.
    path("van-ban/<int:pk>/tien-do/", views.directive_progress, name="directive_progress"),
    path("van-ban/<int:pk>/nhiem-vu/", views.directive_tasks, name="directive_tasks"),
    path(
        "buoi-lam-viec/<int:pk>/ban-hanh-ket-luan/",
        views.issue_conclusions,
        name="issue_conclusions",
    ),
]
