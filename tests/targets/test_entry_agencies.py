"""One rule for "which agencies a person enters figures for"
(permissions.targets.entry_agency_ids / can_enter_for): the data-entry grid, the
exchange page and its workbook download, and the API say the same for every persona."""

import pytest
from django.test import override_settings

from theodoi.org.models import Agency
from theodoi.permissions import targets as perms

ALL = {"UBND", "VP-UBND", "STC", "SVHTTDL", "TU"}
ENTERS_FOR = {
    "admin": ALL,
    "steering": ALL,
    "leader": {"STC"},
    "specialist": {"STC"},
    "viewer": set(),
    "outsider": {"SVHTTDL"},
    "nobody": set(),
}
INDICATOR_OF = {"STC": "THU_NSNN", "SVHTTDL": "KHACH_LUU_TRU"}


@pytest.mark.parametrize("persona", sorted(ENTERS_FOR))
def test_the_rule_for_every_persona(persona, people, agencies):
    user, expected = people[persona], ENTERS_FOR[persona]
    ids = perms.entry_agency_ids(user)
    if expected == ALL:
        assert ids is None
    else:
        assert {a.code for a in Agency.objects.filter(pk__in=ids)} == expected
    for agency in Agency.objects.all():
        assert perms.can_enter_for(user, agency) == (agency.code in expected), (
            persona,
            agency.code,
        )
    assert {a.code for a in perms.entry_agencies(user, Agency.objects.all())} == expected
    assert perms.can_enter_data(user) == bool(expected)
    assert not perms.can_enter_for(user, None)


@override_settings(SITE_PROVINCE_CODE="68")
@pytest.mark.parametrize("persona", sorted(ENTERS_FOR))
def test_grid_exchange_page_workbook_and_api_agree(
    persona, people, agencies, revenue, tourism, client_as, api_as
):
    expected = ENTERS_FOR[persona]
    indicators = {INDICATOR_OF[a] for a in expected if a in INDICATOR_OF}
    for ind in (revenue, tourism):
        assert perms.can_write_for_indicator(people[persona], ind) == (ind.code in indicators)
    if persona == "nobody":
        assert client_as(persona).get("/chi-tieu/nhap-lieu/").status_code == 403
        return
    c = client_as(persona)
    grid = c.get("/chi-tieu/nhap-lieu/", {"dv": "68", "ky": "2021Q3"})
    if not expected:
        assert grid.status_code == 403
        assert c.get("/trao-doi/so-lieu/").status_code == 403
    else:
        assert {row["ind"].code for row in grid.context["rows"]} == indicators
        page = c.get("/trao-doi/so-lieu/", {"period": "2021Q3"})
        assert {a.code for a in page.context["agencies"]} == expected
    api = api_as(persona)
    for code in ("STC", "SVHTTDL"):
        r = api.get("/api/v1/exchange/values/workbook", agency=code, period="2021Q3")
        assert r.status_code == (200 if code in expected else 403), (persona, code)
        posted = api.post(
            "/api/v1/datavalues",
            {
                "values": [
                    {
                        "indicator": INDICATOR_OF[code],
                        "unit": "68",
                        "period": "2021Q3",
                        "value": "1",
                        "status": "estimate",
                    }
                ]
            },
        )
        assert posted.status_code == (201 if code in expected else 403), (persona, code)
