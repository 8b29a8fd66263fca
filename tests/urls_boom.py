from django.urls import path

from theodoi.urls import urlpatterns as base

handler500 = "theodoi.views.server_error"


def boom(request):
    raise RuntimeError("boom: a deliberate server error for the 500 page test")


urlpatterns = [path("boom/", boom), *base]
