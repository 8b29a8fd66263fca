from django.urls import path

from theodoi.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.index, name="index"),
]
