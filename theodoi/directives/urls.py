from django.urls import path

from theodoi.directives import views

app_name = "directives"
urlpatterns = [
    path("", views.index, name="index"),
    path("cay/", views.tree, name="tree"),
    path("them/", views.edit, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/tep/", views.upload, name="upload"),
    path("tep/<int:pk>/", views.file, name="file"),
    path("buoi-lam-viec/", views.meetings, name="meetings"),
    path("buoi-lam-viec/them/", views.new_meeting, name="new_meeting"),
    path("buoi-lam-viec/<int:pk>/", views.meeting, name="meeting"),
]
