"""Issue 9 item 12: the OpenAPI schema says what the API answers and what it takes, so that
a client generated from it works."""

import pytest


@pytest.fixture
def schema(api_as):
    r = api_as("viewer").get("/api/v1/openapi.json")
    assert r.status_code == 200
    return r.json()


def test_every_operation_documents_the_error_answers_with_the_error_shape(schema):
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"] and "errors" in error["properties"]
    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    assert len(operations) > 40
    for op in operations:
        for status in ("400", "401", "403", "404"):
            answer = op["responses"][status]
            ref = answer["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/Error", (op["operationId"], status)


def test_inputs_say_their_real_types(schema):
    c = schema["components"]["schemas"]
    indicator = c["IndicatorIn"]["properties"]
    assert (
        indicator["kind"]["enum"] == ["flow", "stock", "rate"]
        or "flow" in indicator["kind"]["enum"]
    )
    assert indicator["name"]["maxLength"] == 300
    assert indicator["unit_of_measure"]["maxLength"] == 40
    assert c["MappingIn"]["properties"]["external_id"]["maxLength"] == 100
    value = c["TargetIn"]["properties"]["value"]
    assert value["type"] == ["string", "null"] and "pattern" in value
    assert c["ProgressIn"]["properties"]["percent"]["type"] == "string"
    deadline = c["TaskIn"]["properties"]["deadline"]
    assert {"type": "string", "format": "date"} in deadline["anyOf"]


def test_a_date_is_only_yyyy_mm_dd(api_as, agencies):
    r = api_as("viewer").get("/api/v1/units", valid_on="0")  # pydantic alone read 1970-01-01
    assert r.status_code == 400
    assert r.json()["errors"][0] == {
        "field": "valid_on",
        "message": "Phải là ngày dạng YYYY-MM-DD.",
    }
    assert api_as("viewer").get("/api/v1/units", valid_on="2021-06-15").status_code == 200
