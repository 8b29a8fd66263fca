import pytest

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_province_and_the_navigation(client_as, districts, agencies):
    html = client_as("viewer").get("/").content.decode()
    assert "Tỉnh Lâm Đồng" in html
    for label in ["Tổng quan", "Chỉ tiêu", "Nhiệm vụ", "Văn bản chỉ đạo", "Báo cáo", "Đơn vị"]:
        assert f">{label}</a>" in html
    assert "Thành phố Đà Lạt" in html and "Sở Tài chính" in html


def test_pages_need_a_login(client, province):
    response = client.get("/don-vi/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_a_user_without_any_role_is_refused(client_as, province):
    response = client_as("nobody").get("/")
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


@pytest.mark.parametrize("query", ["Đà Lạt", "da lat", "DA LAT", "672"])
def test_unit_search_works_with_or_without_diacritics(client_as, districts, query):
    html = client_as("specialist").get("/don-vi/", {"q": query, "show": "all"}).content.decode()
    assert "Thành phố Đà Lạt" in html and "Thành phố Bảo Lộc" not in html


@pytest.mark.parametrize("query", ["Sở Tài chính", "so tai chinh", "STC"])
def test_agency_search_works_with_or_without_diacritics(client_as, agencies, query):
    html = client_as("specialist").get("/don-vi/co-quan/", {"q": query}).content.decode()
    assert "Sở Tài chính" in html and "Sở Văn hóa" not in html


def test_empty_search_says_so_plainly(client_as, agencies):
    html = (
        client_as("specialist")
        .get("/don-vi/co-quan/", {"q": "không có cơ quan này"})
        .content.decode()
    )
    assert "Không có cơ quan nào khớp" in html


def test_every_navigation_link_answers(client_as, districts, agencies):
    client = client_as("viewer")
    for url in [
        "/",
        "/chi-tieu/",
        "/nhiem-vu/",
        "/van-ban/",
        "/bao-cao/",
        "/don-vi/",
        "/don-vi/co-quan/",
    ]:
        assert client.get(url).status_code == 200, url


def test_an_unknown_page_is_a_vietnamese_404_inside_the_layout(client_as, province):
    response = client_as("viewer").get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and 'class="mainnav"' in html


def test_the_admin_finds_an_agency_without_diacritics(client_as, agencies):
    html = client_as("admin").get("/quan-tri/org/agency/", {"q": "so tai chinh"}).content.decode()
    assert "Sở Tài chính" in html and "Sở Văn hóa" not in html
