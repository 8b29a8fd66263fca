from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from theodoi import views
from theodoi.api_v1 import api

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", login_not_required(auth_views.LoginView.as_view()), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", login_not_required(views.health), name="health"),
    path("don-vi/", include("theodoi.org.urls")),
    path("van-ban/", include("theodoi.directives.urls")),
    path("chi-tieu/", include("theodoi.targets.urls")),
    path("nhiem-vu/thong-bao/", include("theodoi.notices.urls")),  # before tasks: same prefix
    path("nhiem-vu/", include("theodoi.tasks.urls")),
    path("bao-cao/", include("theodoi.reporting.urls")),
    path("trao-doi/", include("theodoi.exchange.urls")),
    path("doc-bao-cao/", include("theodoi.narratives.urls")),
    path("viec/", include("theodoi.jobs.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler404 = "theodoi.views.page_not_found"
handler500 = "theodoi.views.server_error"
handler403 = "theodoi.views.permission_denied"

admin.site.site_header = "Theo Dõi — Quản trị"
admin.site.site_title = "Theo Dõi"
admin.site.index_title = "Quản trị hệ thống"
