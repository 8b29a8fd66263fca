"""A unit's name is its official name with the kind word ("Tỉnh Lâm Đồng", as the national
dataset writes it); `place_name` drops the word where a place stands alone (the date line
of an official document); and the 2024 arrangement of Lâm Đồng's southern districts
carries its verified resolution and day (migration 0004 moves rows loaded before)."""

import importlib
from datetime import date

from django.apps import apps

from theodoi.org import dataset
from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession


def test_place_name_drops_the_kind_word_of_every_kind():
    cases = [
        ("Tỉnh Lâm Đồng", UnitKind.PROVINCE, "Lâm Đồng"),
        ("Thành phố Hồ Chí Minh", UnitKind.CENTRAL_CITY, "Hồ Chí Minh"),
        ("Thành phố Đà Lạt", UnitKind.PROVINCIAL_CITY, "Đà Lạt"),
        ("Huyện Đạ Huoai", UnitKind.DISTRICT, "Đạ Huoai"),
        ("Thị trấn Đạ Tẻh", UnitKind.TOWNSHIP, "Đạ Tẻh"),
        ("Phường Mũi Né", UnitKind.WARD, "Mũi Né"),
        ("Đặc khu Phú Quý", UnitKind.SPECIAL_ZONE, "Phú Quý"),
        # Typed without the word: kept as it is (and `label` adds the word).
        ("Lâm Đồng", UnitKind.PROVINCE, "Lâm Đồng"),
        # A name that merely starts with the same letters is not cut.
        ("Xã Xuân Trường", UnitKind.COMMUNE, "Xuân Trường"),
        ("Xãxinh", UnitKind.COMMUNE, "Xãxinh"),
    ]
    for name, kind, place in cases:
        assert AdminUnit(name=name, kind=kind).place_name == place
    assert AdminUnit(name="Lâm Đồng", kind=UnitKind.PROVINCE).label == "Tỉnh Lâm Đồng"


def test_da_huoai_arrangement_cites_resolution_1245_from_1_december_2024():
    assert dataset.DA_HUOAI_START == date(2024, 12, 1)
    assert dataset.DA_HUOAI_BASIS == "Nghị quyết 1245/NQ-UBTVQH15 ngày 24/10/2024"
    assert "chưa kiểm chứng" not in dataset.DA_HUOAI_BASIS


def test_migration_moves_units_loaded_with_the_assumed_day(db):
    migration = importlib.import_module("theodoi.org.migrations.0004_da_huoai_resolution_1245")
    province = AdminUnit.objects.create(code="68", name="Tỉnh Lâm Đồng", kind="tinh")
    olds = [
        AdminUnit.objects.create(
            code=c, name=n, kind="huyen", parent=province, valid_to=date(2024, 12, 31)
        )
        for c, n in [("681", "Huyện Đạ Huoai"), ("682", "Huyện Đạ Tẻh"), ("683", "Huyện Cát Tiên")]
    ]
    new = AdminUnit.objects.create(
        code="682",
        name="Huyện Đạ Huoai",
        kind="huyen",
        parent=province,
        valid_from=date(2025, 1, 1),
        valid_to=date(2025, 6, 30),
    )
    for old in olds:
        UnitSuccession.objects.create(predecessor=old, successor=new, effective=date(2025, 1, 1))
    migration.forward(apps, None)
    new.refresh_from_db()
    assert new.valid_from == date(2024, 12, 1) and "1245/NQ-UBTVQH15" in new.legal_basis
    assert {u.valid_to for u in AdminUnit.objects.filter(pk__in=[o.pk for o in olds])} == {
        date(2024, 11, 30)
    }
    assert set(UnitSuccession.objects.values_list("effective", flat=True)) == {date(2024, 12, 1)}
    # Run again (or on a database without those rows): nothing changes.
    migration.forward(apps, None)
    assert AdminUnit.objects.get(pk=new.pk).valid_from == date(2024, 12, 1)
