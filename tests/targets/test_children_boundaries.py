"""The indicator page's table of child units follows the boundaries chosen (issue 11): on
the new Lâm Đồng (01/07/2025) a commune created that day compares its first half of 2026
with what its predecessors reported for the first half of 2025, summed (shares applied for
a split commune, then an estimate; a predecessor without a figure named, no partial sum),
in a bounded number of queries however many communes."""

import csv
import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from theodoi.core.periods import Period
from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession
from theodoi.targets import analytics
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

END, START = date(2025, 6, 30), date(2025, 7, 1)
CURRENT = "Số liệu quy đổi theo địa giới hiện nay"
ESTIMATE = CURRENT + "; ước tính theo tỷ lệ diện tích"


def commune(code, name, parent, **validity):
    return AdminUnit.objects.create(
        code=code, name=name, kind=UnitKind.COMMUNE, parent=parent, **validity
    )


def link(old, new, share=None):
    UnitSuccession.objects.create(
        predecessor=old,
        successor=new,
        effective=START,
        share=share,
        kind="merge" if share is None else "split",
    )


@pytest.fixture
def new_lam_dong(province, districts, communes, revenue):
    """The old province (until 30/06/2025) with its districts and communes, and the new one
    (from 01/07/2025) whose communes come from them: Xuân Hương from Phường 1 and Phường 2
    (merged), B'Lao and Bảo Lộc 1 from Lộc Phát (split 60/40), Đạ Mới from Xã Cũ X and Xã
    Cũ Y (Y never reported)."""
    province.valid_to = END
    province.save()
    p1, p2, loc_phat = communes
    x = commune("24900", "Xã Cũ X", districts[1], valid_to=END)
    y = commune("24901", "Xã Cũ Y", districts[1], valid_to=END)
    new = AdminUnit.objects.create(
        code="68", name="Lâm Đồng", kind=UnitKind.PROVINCE, valid_from=START
    )
    kids = {
        name: commune(code, name, new, valid_from=START)
        for code, name in [
            ("26001", "Phường Xuân Hương - Đà Lạt"),
            ("26002", "Phường B'Lao"),
            ("26003", "Phường Bảo Lộc 1"),
            ("26004", "Xã Đạ Mới"),
        ]
    }
    link(p1, kids["Phường Xuân Hương - Đà Lạt"])
    link(p2, kids["Phường Xuân Hương - Đà Lạt"])
    link(loc_phat, kids["Phường B'Lao"], D("0.6"))
    link(loc_phat, kids["Phường Bảo Lộc 1"], D("0.4"))
    link(x, kids["Xã Đạ Mới"])
    link(y, kids["Xã Đạ Mới"])
    return new, kids


def record(people, rows):
    record_values(
        people["admin"],
        [ValueRow(indicator="THU_NSNN", unit=u, period=p, value=v) for u, p, v in rows],
        source="test",
    )


@pytest.fixture
def figures(people, new_lam_dong):
    record(
        people,
        [
            ("24778", "2025S1", "100"),
            ("24781", "2025S1", "50"),
            ("24820", "2025S1", "200"),
            ("24900", "2025S1", "30"),
        ],
    )
    record(
        people,
        [
            ("26001", "2026S1", "180"),
            ("26002", "2026S1", "150"),
            ("26003", "2026S1", "100"),
            ("26004", "2026S1", "40"),
        ],
    )
    return new_lam_dong


def by_name(rows):
    return {k.name: m for k, m in rows}


def test_on_todays_boundaries_each_commune_compares_with_its_predecessors(revenue, figures):
    new, _kids = figures
    rows = by_name(analytics.child_metrics(revenue, new, "2026S1", boundaries="current"))
    merged = rows["Phường Xuân Hương - Đà Lạt"]
    assert (merged.value, merged.previous, merged.yoy_pct) == (D("180"), D("150"), D("20.0"))
    assert merged.comparable and not merged.comparable_estimate
    assert merged.comparable_missing == ()
    assert "(số liệu quy đổi theo địa giới hiện nay)" in merged.sentence
    for name, previous in [("Phường B'Lao", D("120")), ("Phường Bảo Lộc 1", D("80"))]:
        split = rows[name]
        assert split.previous == previous and split.yoy_pct == D("25.0")
        assert split.comparable and split.comparable_estimate
        assert "có ước tính theo tỷ lệ diện tích" in split.sentence
    missing = rows["Xã Đạ Mới"]
    assert missing.value == D("40")
    assert missing.previous is None and missing.yoy_pct is None
    assert missing.comparable and missing.comparable_missing == ("Xã Cũ Y",)
    # "auto" is "current".
    auto = by_name(analytics.child_metrics(revenue, new, "2026S1"))
    assert auto["Phường Xuân Hương - Đà Lạt"].previous == D("150")


def test_on_the_boundaries_of_the_time_a_new_commune_has_no_last_year(revenue, figures):
    new, _kids = figures
    rows = analytics.child_metrics(revenue, new, "2026S1", boundaries="historical")
    assert [m.value for _k, m in rows] == [D("180"), D("150"), D("100"), D("40")]
    assert all(m.previous is None and not m.comparable for _k, m in rows)


@pytest.mark.parametrize("choice", ["current", "historical"])
def test_each_row_is_the_metric_of_that_child(revenue, figures, choice):
    new, _kids = figures
    period = Period.parse("2026S1")
    for kid, got in analytics.child_metrics(revenue, new, period, boundaries=choice):
        want = analytics.metrics([revenue], kid, period, boundaries=choice)[0]
        assert (
            got.value,
            got.previous,
            got.yoy_pct,
            got.status,
            got.sentence,
            got.comparable,
            got.comparable_estimate,
            got.comparable_missing,
        ) == (
            want.value,
            want.previous,
            want.yoy_pct,
            want.status,
            want.sentence,
            want.comparable,
            want.comparable_estimate,
            want.comparable_missing,
        )


def _queries(revenue, unit):
    with CaptureQueriesContext(connection) as ctx:
        rows = analytics.child_metrics(revenue, unit, "2026S1", boundaries="current")
    return len(ctx.captured_queries), rows


def test_the_queries_do_not_grow_with_the_children(people, revenue, figures, districts):
    new, _kids = figures
    few, rows = _queries(revenue, new)
    assert len(rows) == 4
    # Thirty more communes, each merged from two old ones that reported last year.
    more = []
    for i in range(30):
        olds = [
            commune(f"25{i:02d}{j}", f"Xã Cũ {i}-{j}", districts[j], valid_to=END) for j in (0, 1)
        ]
        kid = commune(f"27{i:03d}", f"Xã Mới {i:02d}", new, valid_from=START)
        for old in olds:
            link(old, kid)
        more += [(o.code, "2025S1", "10") for o in olds] + [(kid.code, "2026S1", "30")]
    record(people, more)
    many, rows = _queries(revenue, new)
    assert len(rows) == 34
    assert many == few <= 12
    assert by_name(rows)["Xã Mới 07"].previous == D("20")
    assert by_name(rows)["Xã Mới 07"].yoy_pct == D("50.0")


def row(html, code):
    return html.split(f'data-unit="{code}">')[1].split("</tr>")[0]


@pytest.mark.django_db
def test_the_page_shows_each_commune_with_last_year_on_the_boundaries_chosen(client_as, figures):
    client = client_as("viewer")
    q = {"ky": "2026S1", "dv": "68"}
    html = client.get("/chi-tieu/THU_NSNN/", {**q, "dia_gioi": "current"}).content.decode()
    merged = row(html, "26001")
    assert ">180<" in merged and ">150<" in merged and "+20,0%" in merged
    assert f'<small class="muted boundaries">{CURRENT}</small>' in merged
    assert "dia_gioi=current" in merged
    split = row(html, "26002")
    assert ">120<" in split and "+25,0%" in split
    assert f'<small class="muted boundaries">{ESTIMATE}</small>' in split
    missing = row(html, "26004")
    assert f"{CURRENT}; thiếu số liệu của Xã Cũ Y" in missing
    assert "%" not in missing
    html = client.get("/chi-tieu/THU_NSNN/", {**q, "dia_gioi": "historical"}).content.decode()
    merged = row(html, "26001")
    assert ">180<" in merged and ">150<" not in merged and "%" not in merged
    assert "boundaries" not in merged.split("</td>")[0].split("</a>")[1]


@pytest.mark.django_db
def test_the_page_export_gives_the_same_rows_and_says_which_were_converted(client_as, figures):
    client = client_as("viewer")
    q = {"ky": "2026S1", "dv": "68", "export": "csv"}
    r = client.get("/chi-tieu/THU_NSNN/", {**q, "dia_gioi": "current"})
    rows = {row[3]: row for row in csv.reader(io.StringIO(r.content.decode("utf-8-sig")))}
    assert rows["Mã đơn vị hành chính"][-1] == "Địa giới"
    assert rows["26002"][9:11] == ["120", "25%"] and rows["26002"][-1] == ESTIMATE
    assert rows["26001"][-1] == CURRENT
    r = client.get("/chi-tieu/THU_NSNN/", {**q, "dia_gioi": "historical"})
    rows = {row[3]: row for row in csv.reader(io.StringIO(r.content.decode("utf-8-sig")))}
    assert rows["26002"][9] == "" and rows["26002"][-1] == ""
