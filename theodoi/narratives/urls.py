from django.urls import path

from theodoi.narratives import views

app_name = "narratives"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.received, name="received"),
    path("<int:pk>/tien-do/", views.received_status, name="received_status"),
    path("ten-goi-khac/", views.synonym, name="synonym"),
]
