"""The roles a person holds in an agency (org.Membership.role). They live here, below
org, because every permission question is asked in terms of them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    STEERING = "steering", _("Văn phòng theo dõi, đôn đốc")
    LEADER = "leader", _("Lãnh đạo cơ quan")
    SPECIALIST = "specialist", _("Chuyên viên")
    VIEWER = "viewer", _("Người xem")
