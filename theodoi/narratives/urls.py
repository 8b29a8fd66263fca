from django.urls import path

from theodoi.narratives import views

app_name = "narratives"
urlpatterns = [
    path("", views.index, name="index"),
    path("ten-goi-khac/", views.synonym, name="synonym"),
]
