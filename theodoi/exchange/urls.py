from django.urls import path

from theodoi.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("so-lieu/", views.values, name="values"),
    path("danh-muc/", views.tasks, name="tasks"),
    path("danh-muc/mau/", views.task_template, name="task-template"),
    path("dhis2/", views.dhis2_page, name="dhis2"),
    path("anh-xa/", views.mappings, name="mappings"),
    path("anh-xa/<int:pk>/xoa/", views.mapping_delete, name="mapping-delete"),
]
