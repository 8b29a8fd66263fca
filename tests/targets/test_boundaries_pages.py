"""The indicator page and the entry grid let a person choose the boundaries of an answer
and say which ones it used (issue 11)."""

from datetime import date

import pytest

from theodoi.org.models import AdminUnit, UnitKind, UnitSuccession
from theodoi.targets import boundaries
from theodoi.targets.rows import ValueRow
from theodoi.targets.services import record_values

END, START = date(2025, 6, 30), date(2025, 7, 1)


def test_the_line_says_which_boundaries_an_answer_used():
    assert boundaries.answer_line("auto", True) == "Số liệu quy đổi theo địa giới hiện nay"
    assert boundaries.answer_line("current", True, estimate=True) == (
        "Số liệu quy đổi theo địa giới hiện nay; ước tính theo tỷ lệ diện tích"
    )
    assert boundaries.answer_line("auto", True, missing=("Tỉnh Cũ B",)).endswith(
        "thiếu số liệu của Tỉnh Cũ B"
    )
    assert boundaries.answer_line("historical", False) == (
        "Số liệu theo địa giới tại thời điểm báo cáo"
    )
    assert "không cần quy đổi" in boundaries.answer_line("auto", False)


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("current", "current"),
        ("historical", "historical"),
        ("auto", "auto"),
        ("x", "auto"),
        (None, "auto"),
    ],
)
def test_an_unknown_choice_is_the_default(raw, parsed):
    assert boundaries.parse(raw) == parsed


@pytest.fixture
def merged(people, revenue):
    olds = [
        AdminUnit.objects.create(code=c, name=n, kind=UnitKind.PROVINCE, valid_to=END)
        for c, n in [("901", "Tỉnh Cũ A"), ("902", "Tỉnh Cũ B")]
    ]
    new = AdminUnit.objects.create(
        code="901", name="Tỉnh Mới", kind=UnitKind.PROVINCE, valid_from=START
    )
    for old in olds:
        UnitSuccession.objects.create(predecessor=old, successor=new, effective=START)
    record_values(
        people["admin"],
        [
            ValueRow(indicator="THU_NSNN", unit=u, period=p, value=v)
            for u, p, v in [("901", "2025S1", "100"), ("902", "2025S1", "100")]
        ],
        source="test",
    )
    record_values(
        people["admin"],
        [ValueRow(indicator="THU_NSNN", unit="901", period="2026S1", value="250")],
        source="test",
    )
    return new


def line(html):
    return html.split('id="boundaries-line">')[1].split("</p>")[0]


@pytest.mark.django_db
def test_the_indicator_page_switches_boundaries_and_says_so(client_as, merged, settings):
    settings.SITE_PROVINCE_CODE = "901"  # the page opens only units of its province
    client = client_as("viewer")
    q = {"ky": "2026S1", "dv": "901"}
    html = client.get("/chi-tieu/THU_NSNN/", q).content.decode()
    assert line(html) == "Số liệu quy đổi theo địa giới hiện nay"
    assert "tăng 25% so với cùng kỳ năm 2025" in html
    assert '<option value="auto" selected>' in html
    html = client.get("/chi-tieu/THU_NSNN/", {**q, "dia_gioi": "historical"}).content.decode()
    assert line(html) == "Số liệu theo địa giới tại thời điểm báo cáo"
    assert "so với cùng kỳ" not in html.split('class="sentence')[1].split("</p>")[0]
    assert '<option value="historical" selected>' in html


@pytest.mark.django_db
def test_the_entry_grid_offers_the_choice_and_says_which_last_year_it_shows(client_as, revenue):
    html = (
        client_as("specialist")
        .get("/chi-tieu/nhap-lieu/", {"ky": "2021S1", "dia_gioi": "historical"})
        .content.decode()
    )
    assert '<option value="historical" selected>' in html
    assert "Cùng kỳ năm trước: Số liệu theo địa giới tại thời điểm báo cáo" in html


@pytest.mark.django_db
def test_the_entry_grid_shows_last_year_on_the_boundaries_chosen_and_keeps_them(
    client_as, merged, settings
):
    # Entering is always on the boundaries of the time (the unit valid in the period); only
    # the "same period last year" column beside it is converted, and the line says so.
    settings.SITE_PROVINCE_CODE = "901"
    client = client_as("admin")
    q = {"ky": "2026S1", "dv": "901"}

    def last_year(html):
        row = html.split('data-code="THU_NSNN"')[1].split("</tr>")[0]
        return row.split('data-label="Cùng kỳ năm trước">')[1].split("</td>")[0]

    html = client.get("/chi-tieu/nhap-lieu/", q).content.decode()
    assert line(html) == "Cùng kỳ năm trước: Số liệu quy đổi theo địa giới hiện nay"
    assert last_year(html).strip() == "200"
    html = client.get("/chi-tieu/nhap-lieu/", {**q, "dia_gioi": "historical"}).content.decode()
    assert line(html) == "Cùng kỳ năm trước: Số liệu theo địa giới tại thời điểm báo cáo"
    assert last_year(html).strip() == ""
    r = client.post(
        "/chi-tieu/nhap-lieu/?dia_gioi=historical",
        {**q, "v-THU_NSNN": "260", "s-THU_NSNN": "estimate", "n-THU_NSNN": ""},
    )
    assert r.status_code == 302 and "dia_gioi=historical" in r["Location"]
