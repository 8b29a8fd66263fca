"""The 2024 arrangement of Lâm Đồng's southern districts, verified: Nghị quyết
1245/NQ-UBTVQH15 of 24/10/2024, in effect from 01/12/2024 (org/dataset.py names the
sources). Units loaded before, with the assumed 01/01/2025 and an unverified number,
are moved to the verified day and basis (what `load_units` now writes); a database
without them is left as it is."""

from datetime import date

from django.db import migrations

OLD_START, NEW_START = date(2025, 1, 1), date(2024, 12, 1)
OLD_END, NEW_END = date(2024, 12, 31), date(2024, 11, 30)
BASIS = "Nghị quyết 1245/NQ-UBTVQH15 ngày 24/10/2024"


def forward(apps, schema_editor):
    AdminUnit = apps.get_model("org", "AdminUnit")
    UnitSuccession = apps.get_model("org", "UnitSuccession")
    merged = AdminUnit.objects.filter(code="682", kind="huyen", valid_from=OLD_START)
    if not merged.exists():
        return
    AdminUnit.objects.filter(
        code__in=["681", "682", "683"], kind="huyen", valid_from=None, valid_to=OLD_END
    ).update(valid_to=NEW_END)
    UnitSuccession.objects.filter(successor__in=merged, effective=OLD_START).update(
        effective=NEW_START, legal_basis=BASIS
    )
    merged.update(valid_from=NEW_START, legal_basis=BASIS)


class Migration(migrations.Migration):
    dependencies = [("org", "0003_agency_succession")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
