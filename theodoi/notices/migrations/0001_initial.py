# Notification moved here from the tasks app. The table stays "tasks_notification" with its
# rows: this migration only tells Django's state that the model now belongs to notices
# (tasks 0003 removes it from the tasks state, also without touching the database).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import theodoi.notices.models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("tasks", "0002_defaults_at_call_time"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("subject", models.CharField(max_length=300, verbose_name="tiêu đề")),
                        ("body", models.TextField(blank=True, verbose_name="nội dung")),
                        ("url", models.CharField(blank=True, max_length=500)),
                        ("dedupe_key", models.CharField(max_length=200)),
                        ("day", models.DateField()),
                        ("created_at", models.DateTimeField(default=theodoi.notices.models.now)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        ("emailed", models.BooleanField(default=False)),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                   related_name="notifications", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "thông báo",
                        "verbose_name_plural": "thông báo",
                        "db_table": "tasks_notification",
                        "ordering": ["-created_at", "-id"],
                        "constraints": [models.UniqueConstraint(fields=("user", "dedupe_key", "day"),
                                                                name="notification_once_a_day")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
