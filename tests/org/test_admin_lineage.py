"""The Django admin keeps issue 11's rules: a code held by one unit at a time, successions
checked as the loader checks them (shares, validity, cycles), and no form that writes a
target for a unit outside its validity."""

from datetime import date

import pytest

from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession

END, START = date(2025, 6, 30), date(2025, 7, 1)


@pytest.fixture
def admin(client, people):
    client.force_login(people["admin"])
    return client


@pytest.fixture
def ham_tien(province):
    return AdminUnit.objects.create(
        code="22918", name="Phường Hàm Tiến", kind=UnitKind.WARD, parent=province, valid_to=END
    )


def unit_form(province, code, name, valid_from="", valid_to="", successions=(), initial=0):
    data = {
        "code": code,
        "name": name,
        "kind": UnitKind.COMMUNE,
        "parent": province.pk,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "legal_basis": "",
        "predecessions-TOTAL_FORMS": str(len(successions)),
        "predecessions-INITIAL_FORMS": str(initial),
        "predecessions-MIN_NUM_FORMS": "0",
        "predecessions-MAX_NUM_FORMS": "1000",
        "_save": "Lưu",
    }
    for i, (pred, kind, effective, share) in enumerate(successions):
        data |= {
            f"predecessions-{i}-predecessor": pred.pk,
            f"predecessions-{i}-kind": kind,
            f"predecessions-{i}-effective": effective,
            f"predecessions-{i}-share": share,
            f"predecessions-{i}-legal_basis": "",
        }
    return data


ADD = "/quan-tri/org/adminunit/add/"


def test_a_code_already_held_on_those_days_is_refused_on_the_form(admin, province, ham_tien):
    r = admin.post(ADD, unit_form(province, "22918", "Phường Mũi Né", valid_from="2025-06-01"))
    assert r.status_code == 200
    assert "Mã 22918 đang là mã của Phường Hàm Tiến trong cùng thời gian hiệu lực" in (
        r.content.decode()
    )
    assert not AdminUnit.objects.filter(name="Phường Mũi Né").exists()
    r = admin.post(ADD, unit_form(province, "22918", "Phường Mũi Né", valid_from="2025-07-01"))
    assert r.status_code == 302 and AdminUnit.objects.get(name="Phường Mũi Né").valid_from == START


def test_split_shares_count_the_predecessors_other_successors(admin, province, ham_tien):
    other = AdminUnit.objects.create(
        code="22915", name="Phường Phú Thủy", kind=UnitKind.WARD, parent=province, valid_from=START
    )
    UnitSuccession.objects.create(
        predecessor=ham_tien, successor=other, kind="split", effective=START, share="0.5"
    )
    r = admin.post(
        ADD,
        unit_form(
            province,
            "22918",
            "Phường Mũi Né",
            valid_from="2025-07-01",
            successions=[(ham_tien, "split", "2025-07-01", "0.4")],
        ),
    )
    assert r.status_code == 200
    assert "Tỷ lệ chia của Phường Hàm Tiến cộng lại 90,00%, không phải 100%." in r.content.decode()
    assert not AdminUnit.objects.filter(name="Phường Mũi Né").exists()
    assert UnitSuccession.objects.count() == 1
    r = admin.post(
        ADD,
        unit_form(
            province,
            "22918",
            "Phường Mũi Né",
            valid_from="2025-07-01",
            successions=[(ham_tien, "split", "2025-07-01", "0.5")],
        ),
    )
    assert r.status_code == 302
    assert UnitSuccession.objects.filter(successor__name="Phường Mũi Né", share="0.5").exists()


def test_a_predecessor_still_valid_after_the_day_is_refused(admin, province):
    alive = AdminUnit.objects.create(
        code="22921", name="Xã Tiến Thành", kind=UnitKind.COMMUNE, parent=province
    )
    r = admin.post(
        ADD,
        unit_form(
            province,
            "22918",
            "Phường Mũi Né",
            valid_from="2025-07-01",
            successions=[(alive, "merge", "2025-07-01", "")],
        ),
    )
    assert r.status_code == 200
    assert "Xã Tiến Thành còn hiệu lực đến nay, sau khi Phường Mũi Né bắt đầu" in (
        r.content.decode()
    )
    assert not UnitSuccession.objects.exists()


def test_a_cycle_through_successions_of_other_units_is_refused(admin, province):
    x = AdminUnit.objects.create(
        code="1", name="Xã X", kind=UnitKind.COMMUNE, parent=province, valid_to=date(2020, 12, 31)
    )
    y = AdminUnit.objects.create(
        code="2", name="Xã Y", kind=UnitKind.COMMUNE, parent=province, valid_to=date(2021, 12, 31)
    )
    UnitSuccession.objects.create(predecessor=x, successor=y, effective=date(2021, 1, 1))
    r = admin.post(
        f"/quan-tri/org/adminunit/{x.pk}/change/",
        unit_form(
            province,
            "1",
            "Xã X",
            valid_to="2020-12-31",
            successions=[(y, "merge", "2022-01-01", "")],
        ),
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert "Quan hệ kế thừa tạo thành vòng lặp: Xã " in body
    assert "Xã X → Xã Y" in body or "Xã Y → Xã X" in body
    assert UnitSuccession.objects.count() == 1


def test_targets_are_not_written_from_the_admin(admin):
    # set_targets resolves the unit in the target's period; an admin form would not.
    assert admin.get("/quan-tri/targets/targetvalue/add/").status_code == 403
    assert admin.get("/quan-tri/targets/datavalue/add/").status_code == 403
