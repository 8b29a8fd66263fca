"""Issue 9: the Content-Security-Policy and who may read the API's documentation."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[1] / "theodoi" / "templates"


def _policy(response) -> dict:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split(";") if d.strip()}


def test_every_page_carries_a_policy_without_inline_scripts(client_as, province):
    policy = _policy(client_as("viewer").get("/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src-elem"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_the_login_page_carries_it_too(client):
    assert _policy(client.get("/dang-nhap/"))["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
)
def test_no_template_has_inline_script_handler_or_style_element(path):
    html = (TEMPLATES / path).read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert "<style" not in html
    assert "javascript:" not in html and "hx-on" not in html


def test_the_api_docs_need_a_login_or_a_token(client, people, api_as):
    response = client.get("/api/v1/docs")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 401 and "đăng nhập" in response.json()["detail"]
    response = client.get("/api/v1/openapi.json", headers={"Authorization": "Bearer sai"})
    assert response.status_code == 401
    assert api_as("viewer").get("/api/v1/openapi.json").status_code == 200


def test_the_api_docs_load_swagger_ui_from_static_files(client_as):
    html = client_as("viewer").get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    assert not re.search(r"(src|href)=\"https?://", html)
