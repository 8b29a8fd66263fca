from django.urls import path

from theodoi.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.index, name="index"),
]
