import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command

from theodoi.api.models import ApiToken, hash_token

pytestmark = pytest.mark.django_db


def test_units_list_each_units_code_name_kind_parent_and_validity(api_as, districts):
    body = api_as("viewer").get("/api/v1/units").json()
    dalat = next(u for u in body if u["code"] == "672")
    assert dalat == {
        "code": "672",
        "name": "Thành phố Đà Lạt",
        "kind": "thanh_pho",
        "level": 2,
        "parent": "68",
        "valid_from": None,
        "valid_to": "2025-06-30",
    }
    assert next(u for u in body if u["code"] == "68")["parent"] is None


def test_units_can_be_searched_and_taken_as_of_a_date(api_as, districts):
    client = api_as("viewer")
    assert [u["code"] for u in client.get("/api/v1/units", q="bao loc").json()] == ["673"]
    assert [u["code"] for u in client.get("/api/v1/units", valid_on="2026-01-01").json()] == ["68"]


def test_agencies_list(api_as, agencies):
    body = api_as("outsider").get("/api/v1/agencies", q="tai chinh").json()
    assert body == [
        {
            "code": "STC",
            "name": "Sở Tài chính",
            "short_name": "STC",
            "kind": "department",
            "unit": "68",
            "parent": "UBND",
            "dissolved_on": None,
        }
    ]


def test_no_token_is_a_401_with_a_json_error(client, province):
    response = client.get("/api/v1/units")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_a_bad_token_is_a_401(client, province):
    response = client.get("/api/v1/units", headers={"Authorization": "Bearer td_not-a-real-token"})
    assert response.status_code == 401 and response.json()["detail"]


def test_a_revoked_token_is_a_401(client, people):
    token, raw = ApiToken.objects.issue(people["viewer"])
    token.revoked_at = token.created_at
    token.save()
    assert (
        client.get("/api/v1/units", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    )


def test_a_valid_token_without_the_right_is_a_403(api_as, agencies):
    response = api_as("specialist").post(
        "/api/v1/agencies",
        {"code": "SDL", "name": "Sở Du lịch", "kind": "department", "unit": "68"},
    )
    assert response.status_code == 403
    assert "quản trị" in response.json()["detail"]


def test_an_administrator_adds_an_agency_through_the_api(api_as, agencies):
    response = api_as("admin").post(
        "/api/v1/agencies",
        {"code": "SDL", "name": "Sở Du lịch", "kind": "department", "unit": "68"},
    )
    assert response.status_code == 201 and response.json()["code"] == "SDL"


def test_bad_input_is_a_400_naming_the_field(api_as, agencies):
    response = api_as("admin").post(
        "/api/v1/agencies",
        {"code": "SDL", "name": "Sở Du lịch", "kind": "department", "unit": "99"},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "unit", "message": "Không có đơn vị hành chính mã “99”."}
    ]


def test_a_missing_field_is_a_400_naming_it(api_as, agencies):
    response = api_as("admin").post(
        "/api/v1/agencies", {"code": "SDL", "kind": "department", "unit": "68"}
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["name"]


def test_createtoken_prints_a_token_as_its_last_word_and_stores_only_its_hash(people, client):
    out = io.StringIO()
    call_command("createtoken", "vanphong", stdout=out)
    raw = out.getvalue().split()[-1]
    token = ApiToken.objects.get(user=people["steering"])
    assert token.key_hash == hash_token(raw) and raw not in token.key_hash
    assert (
        client.get("/api/v1/agencies", headers={"Authorization": f"Bearer {raw}"}).status_code
        == 200
    )


def test_the_openapi_document_describes_the_endpoints(api_as, province):
    spec = api_as("viewer").get("/api/v1/openapi.json").json()
    assert "/api/v1/units" in spec["paths"] and "/api/v1/agencies" in spec["paths"]


def test_schema_errors_are_explained_in_vietnamese(api_as, agencies):
    response = api_as("admin").post(
        "/api/v1/agencies", {"code": "SDL", "kind": "department", "unit": 68, "name": 5}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "name", "message": "Phải là chuỗi ký tự."},
        {"field": "unit", "message": "Phải là chuỗi ký tự."},
    ]


def test_last_used_is_written_on_first_use_then_at_most_every_five_minutes(client, people):
    token, raw = ApiToken.objects.issue(people["viewer"])
    auth = {"Authorization": f"Bearer {raw}"}
    with time_machine.travel(datetime(2026, 12, 1, 8, 0, tzinfo=UTC), tick=False):
        assert client.get("/api/v1/units", headers=auth).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    with time_machine.travel(datetime(2026, 12, 1, 8, 4, 59, tzinfo=UTC), tick=False):
        client.get("/api/v1/units", headers=auth)
    token.refresh_from_db()
    assert token.last_used_at == first
    with time_machine.travel(datetime(2026, 12, 1, 8, 5, tzinfo=UTC), tick=False):
        client.get("/api/v1/units", headers=auth)
    token.refresh_from_db()
    assert token.last_used_at == datetime(2026, 12, 1, 8, 5, tzinfo=UTC)
