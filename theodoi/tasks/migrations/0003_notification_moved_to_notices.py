# Notification moved to the notices app (notices 0001). Its table and rows stay; only Django's
# state forgets the model here. The content type follows the model, so the admin's history and
# permissions keep pointing at it.

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="notices", model="notification").exists():
        ContentType.objects.filter(app_label="tasks", model="notification").update(app_label="notices")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="tasks", model="notification").exists():
        ContentType.objects.filter(app_label="notices", model="notification").update(app_label="tasks")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notices", "0001_initial"),
        ("tasks", "0002_defaults_at_call_time"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
