"""Issue 14 item 10: in English mode, period labels, chart months and numbers are English;
the official Vietnamese sentence stays Vietnamese, marked lang="vi" and labelled as such."""

import pytest
from django.test import override_settings
from django.utils import translation

from theodoi.core.periods import Period
from theodoi.core.templatetags.vn import num, pct
from theodoi.demo import org as demo_org
from theodoi.demo import targets as demo_targets
from theodoi.targets.models import DataValue

pytestmark = pytest.mark.django_db


def test_period_labels_and_numbers_follow_the_language():
    with translation.override("en"):
        assert Period.parse("202406").label == "Jun 2024"
        assert Period.parse("2021S1").label == "First half of 2021"
        assert num("6265.5") == "6,265.5" and pct("67.4") == "67.4%"
    with translation.override("vi"):
        assert Period.parse("202406").label == "Tháng 6/2024"
        assert num("6265.5") == "6.265,5" and pct("67.4") == "67,4%"


@override_settings(SITE_PROVINCE_CODE="68")
def test_the_indicator_page_in_english(client):
    ctx = {}
    demo_org.load(ctx)
    demo_targets.load(ctx)
    client.force_login(ctx["users"]["xem"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/chi-tieu/THU_NSNN/", {"ky": "2021S1"}).content.decode()
    assert '"Jan"' in html and '"T1"' not in html  # chart months
    assert "6,265" in html  # English number notation
    assert '<p class="sentence lead" lang="vi"><strong>Thu ngân sách nhà nước' in html
    assert "(Vietnamese official wording)" in html
    assert ">Jun 2021</option>" in html  # the period picker


@override_settings(SITE_PROVINCE_CODE="68")
def test_the_grid_reads_what_is_typed_in_the_pages_language(client):
    """Issue 14: "3,100" is 3100 to someone who chose English; the same text in Vietnamese
    reads two ways and is refused. "3.700" is the reverse."""
    ctx = {}
    demo_org.load(ctx)
    demo_targets.load(ctx)
    client.force_login(ctx["users"]["chuyenvien.stc"])
    grid = {"dv": "68", "ky": "2021Q3", "s-THU_NSNN": "estimate", "s-CHI_NSDP": "estimate"}
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/chi-tieu/nhap-lieu/", {"dv": "68", "ky": "2021Q3"}).content.decode()
    assert "6,265.5 (comma for thousands, dot for decimals)" in page  # the hint says so
    r = client.post("/chi-tieu/nhap-lieu/", {**grid, "v-THU_NSNN": "3,100", "v-CHI_NSDP": "3.700"})
    assert r.status_code == 200 and "“3.700” is ambiguous" in r.content.decode()
    assert not DataValue.objects.filter(period_id="2021Q3").exists()
    r = client.post("/chi-tieu/nhap-lieu/", {**grid, "v-THU_NSNN": "3,100", "v-CHI_NSDP": "3,700"})
    assert r.status_code == 302
    saved = DataValue.objects.filter(period_id="2021Q3", is_latest=True)
    assert {v.indicator.code: v.value for v in saved} == {"THU_NSNN": 3100, "CHI_NSDP": 3700}
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    r = client.post("/chi-tieu/nhap-lieu/", {**grid, "v-THU_NSNN": "3,100", "v-CHI_NSDP": "3.800"})
    assert r.status_code == 200 and "“3,100” không rõ nghĩa" in r.content.decode()
    r = client.post("/chi-tieu/nhap-lieu/", {**grid, "v-THU_NSNN": "3.100", "v-CHI_NSDP": "3.800"})
    assert r.status_code == 302
    assert (
        DataValue.objects.get(period_id="2021Q3", indicator__code="CHI_NSDP", is_latest=True).value
        == 3800
    )
