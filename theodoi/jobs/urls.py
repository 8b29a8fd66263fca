from django.urls import path

from theodoi.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tep/", views.download, name="download"),
]
