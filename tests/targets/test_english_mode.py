"""Issue 14 item 10: in English mode, period labels, chart months and numbers are English;
the official Vietnamese sentence stays Vietnamese, marked lang="vi" and labelled as such."""

import pytest
from django.test import override_settings
from django.utils import translation

from theodoi.core.periods import Period
from theodoi.core.templatetags.vn import num, pct
from theodoi.demo import org as demo_org
from theodoi.demo import targets as demo_targets

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
