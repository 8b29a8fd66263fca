from django.urls import path

from theodoi.org import views

app_name = "org"
urlpatterns = [
    path("", views.units, name="units"),
    path("co-quan/", views.agencies, name="agencies"),
    path("<int:pk>/", views.unit, name="unit"),
]
