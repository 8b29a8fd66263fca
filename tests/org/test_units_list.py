"""The units list (/don-vi/): 50 a page, filtered by state, province and kind, searched with
or without diacritics (issue 11)."""

from datetime import date
from types import SimpleNamespace

import pytest

from theodoi.org.models import AdminUnit, UnitKind
from theodoi.org.queries import unit_groups

pytestmark = pytest.mark.django_db

OLD_END, NEW_START = date(2025, 6, 30), date(2025, 7, 1)


@pytest.fixture
def two_maps(people):
    old_ld = AdminUnit.objects.create(
        code="67", name="Tỉnh Đắk Nông", kind=UnitKind.PROVINCE, valid_to=OLD_END
    )
    old_bt = AdminUnit.objects.create(
        code="60", name="Tỉnh Bình Thuận", kind=UnitKind.PROVINCE, valid_to=OLD_END
    )
    new_ld = AdminUnit.objects.create(
        code="67", name="Tỉnh Hợp Nhất", kind=UnitKind.PROVINCE, valid_from=NEW_START
    )
    AdminUnit.objects.create(
        code="22918",
        name="Phường Hàm Tiến",
        kind=UnitKind.WARD,
        parent=AdminUnit.objects.create(
            code="593",
            name="Thành phố Phan Thiết",
            kind=UnitKind.PROVINCIAL_CITY,
            parent=old_bt,
            valid_to=OLD_END,
        ),
        valid_to=OLD_END,
    )
    AdminUnit.objects.create(
        code="22918", name="Phường Mũi Né", kind=UnitKind.WARD, parent=new_ld, valid_from=NEW_START
    )
    for n in range(120):
        AdminUnit.objects.create(
            code=f"9{n:04d}",
            name=f"Xã Thử {n}",
            kind=UnitKind.COMMUNE,
            parent=new_ld,
            valid_from=NEW_START,
        )
    return {"old_ld": old_ld, "old_bt": old_bt, "new_ld": new_ld}


def test_the_list_pages_fifty_units_at_a_time(client_as, two_maps):
    client = client_as("viewer")
    first = client.get("/don-vi/", {"state": "after"}).content.decode()
    # 1 province + 1 ward + 120 communes (+ the fixture's province of the personas)
    assert "Trang 1/3" in first and first.count('href="/don-vi/') - 1 >= 50
    assert "Xã Thử 0<" in first and "Xã Thử 119<" not in first
    last = client.get("/don-vi/", {"state": "after", "page": 3}).content.decode()
    assert "Trang 3/3" in last and "Xã Thử 119<" in last and "Xã Thử 0<" not in last
    # A page past the end shows the last one, never an error.
    assert "Trang 3/3" in client.get("/don-vi/", {"state": "after", "page": 99}).content.decode()


def test_the_state_filter_shows_the_map_before_or_after_the_reorganisation(client_as, two_maps):
    client = client_as("viewer")
    before = client.get("/don-vi/", {"state": "before", "q": "22918"}).content.decode()
    assert "Phường Hàm Tiến" in before and "Phường Mũi Né" not in before
    after = client.get("/don-vi/", {"state": "after", "q": "22918"}).content.decode()
    assert "Phường Mũi Né" in after and "Phường Hàm Tiến" not in after
    both = client.get("/don-vi/", {"state": "all", "q": "22918"}).content.decode()
    assert "Phường Mũi Né" in both and "Phường Hàm Tiến" in both


def test_the_province_filter_keeps_its_districts_and_communes(client_as, two_maps):
    client = client_as("viewer")
    html = client.get(
        "/don-vi/", {"state": "before", "province": two_maps["old_bt"].pk}
    ).content.decode()
    assert "Tỉnh Bình Thuận" in html and "Thành phố Phan Thiết" in html
    assert "Phường Hàm Tiến" in html and "Tỉnh Đắk Nông" not in html.split("</select>")[-1]


@pytest.mark.parametrize("query", ["Mũi Né", "mui ne", "MUI NE"])
def test_search_with_or_without_diacritics_and_by_kind(client_as, two_maps, query):
    client = client_as("viewer")
    html = client.get("/don-vi/", {"q": query, "state": "all"}).content.decode()
    assert "Phường Mũi Né" in html and "Xã Thử" not in html
    html = client.get("/don-vi/", {"q": query, "state": "all", "kind": "xa"}).content.decode()
    assert "Phường Mũi Né" not in html and "Không có đơn vị nào khớp" in html


def test_the_home_page_groups_the_provinces_units_by_kind_and_links_to_the_list(
    client_as, two_maps, settings
):
    settings.SITE_PROVINCE_CODE = "67"
    html = client_as("viewer").get("/").content.decode()
    assert "121 đơn vị trực thuộc" in html  # 1 ward and 120 communes of the new province
    assert f'href="/don-vi/?province={two_maps["new_ld"].pk}"' in html
    summaries = [s.split("<span")[0].strip() for s in html.split("<summary>")[1:]]
    assert summaries == ["Phường", "Xã"]
    # 121 units: folded (a long list is opened on demand, not scrolled through).
    assert '<details class="unitgroup" open' not in html


def test_unit_groups_are_by_kind_then_name_with_the_kind_label():
    units = [
        SimpleNamespace(kind="xa", name="Xã B"),
        SimpleNamespace(kind="phuong", name="Phường Z"),
        SimpleNamespace(kind="xa", name="Xã A"),
    ]
    groups = unit_groups(units)
    assert [g["label"] for g in groups] == ["Phường", "Xã"]
    assert [u.name for u in groups[1]["list"]] == ["Xã A", "Xã B"]
