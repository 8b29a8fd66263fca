from django.urls import path

from theodoi.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.index, name="index"),
    path("nhap-lieu/", views.entry, name="entry"),
    path("van-ban/<int:pk>/", views.directive_targets, name="directive_targets"),
    path("<slug:code>/", views.detail, name="detail"),
]
