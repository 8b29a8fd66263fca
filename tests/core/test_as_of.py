"""The date the figures speak of: one rule (core.dates.parse_as_of / as_of) and its
middleware (?ngay= on pages, kept in the session; ?as_of= on the API)."""

from datetime import date

import pytest
import time_machine

from theodoi.core import dates

TODAY = "2026-11-30 09:00 +0700"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("15/06/2021", date(2021, 6, 15)),
        ("15/6/2021", date(2021, 6, 15)),
        ("2021-06-15", date(2021, 6, 15)),
        (" 01/01/2000 ", date(2000, 1, 1)),
        ("31/12/2036", date(2036, 12, 31)),
    ],
)
def test_the_as_of_date_reads_both_forms(text, expected):
    assert dates.parse_as_of(text, now=date(2026, 11, 30)) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Chưa nhập ngày."),
        ("15-06", "“15-06” không phải là ngày hợp lệ (dạng dd/mm/yyyy)."),
        ("31/02/2021", "Ngày “31/02/2021” không có trên lịch."),
        (
            "31/12/1999",
            "Ngày tính số liệu “31/12/1999” phải trong khoảng 01/01/2000 đến 31/12/2036.",
        ),
        (
            "2037-01-01",
            "Ngày tính số liệu “2037-01-01” phải trong khoảng 01/01/2000 đến 31/12/2036.",
        ),
    ],
)
def test_a_bad_as_of_date_is_named_in_vietnamese(text, message):
    with pytest.raises(dates.DateParseError) as e:
        dates.parse_as_of(text, now=date(2026, 11, 30))
    assert e.value.message == message


def test_as_of_is_today_unless_the_request_says_otherwise(rf):
    with time_machine.travel(TODAY, tick=False):
        request = rf.get("/")
        assert dates.as_of(request) == date(2026, 11, 30)
        request.as_of = date(2021, 6, 15)
        assert dates.as_of(request) == date(2021, 6, 15)


# -- pages: chosen with ?ngay=, kept in the session, shown in the header ----------------
@pytest.fixture
def office(client_as, province):
    with time_machine.travel(TODAY, tick=False):
        yield client_as("steering")


def test_a_chosen_date_is_kept_while_navigating_and_today_clears_it(office):
    r = office.get("/nhiem-vu/?ngay=15/06/2021&q=ngân sách")
    # The choice answers with the same address without ?ngay= (nothing stale in links).
    assert r.status_code == 302 and r["Location"] == "/nhiem-vu/?q=ng%C3%A2n+s%C3%A1ch"
    for path in ("/", "/nhiem-vu/", "/bao-cao/"):
        body = office.get(path).content.decode()
        assert 'id="asof-date" name="ngay" value="15/06/2021"' in body, path
        assert "không phải hôm nay" in body
    r = office.get("/bao-cao/?ngay=hom-nay")
    assert r.status_code == 302 and r["Location"] == "/bao-cao/"
    body = office.get("/").content.decode()
    assert 'value="30/11/2026"' in body and "(hôm nay)" in body


def test_choosing_today_s_date_is_the_same_as_today(office):
    office.get("/?ngay=15/06/2021")
    office.get("/?ngay=30/11/2026")
    assert "as_of" not in office.session
    # Kept as today: the day after, it follows the calendar.
    with time_machine.travel("2026-12-01 09:00 +0700", tick=False):
        assert 'value="01/12/2026"' in office.get("/").content.decode()


def test_a_bad_date_says_why_and_keeps_the_date_as_it_was(office):
    office.get("/?ngay=15/06/2021")
    r = office.get("/nhiem-vu/?ngay=32/13/2021", follow=True)
    assert r.status_code == 200
    body = r.content.decode()
    assert "Ngày “32/13/2021” không có trên lịch. Số liệu vẫn tính đến ngày 15/06/2021." in body
    assert 'value="15/06/2021"' in body


def test_the_header_form_keeps_the_page_s_other_parameters(office):
    body = office.get("/nhiem-vu/?q=thu&status=overdue&page=2").content.decode()
    assert '<input type="hidden" name="q" value="thu">' in body
    assert '<input type="hidden" name="status" value="overdue">' in body
    assert 'name="page"' not in body.split('id="asof"')[1].split("</form>")[0]


def test_the_login_page_draws_without_a_date(client, db):
    assert client.get("/dang-nhap/?ngay=15/06/2021", follow=True).status_code == 200


# -- the API: ?as_of= on each request ---------------------------------------------------
def test_the_api_refuses_a_bad_as_of_with_400_and_echoes_the_date(api_as, province):
    with time_machine.travel(TODAY, tick=False):
        r = api_as("steering").get("/api/v1/tasks", as_of="15/13/2021")
        assert r.status_code == 400
        assert r.json() == {"detail": "Tham số as_of: Ngày “15/13/2021” không có trên lịch."}
        r = api_as("steering").get("/api/v1/tasks", as_of="2021-06-15")
        assert r.status_code == 200 and r["X-As-Of"] == "2021-06-15"
        assert api_as("steering").get("/api/v1/tasks")["X-As-Of"] == "2026-11-30"


def test_the_api_ignores_the_page_s_kept_date(client_as, province, people):
    """The session's date is the page's; an API call without ?as_of= speaks of today."""
    with time_machine.travel(TODAY, tick=False):
        c = client_as("steering")
        c.get("/?ngay=15/06/2021")
        assert c.get("/api/v1/tasks")["X-As-Of"] == "2026-11-30"
