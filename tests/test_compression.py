"""Pages and API answers are gzip-compressed for a browser that accepts it (issue 13)."""

import gzip
import json

import pytest

pytestmark = pytest.mark.django_db


def test_a_page_and_an_api_answer_are_compressed(client, client_as, people, api_as):
    c = client_as("steering")
    r = c.get("/", headers={"Accept-Encoding": "gzip, deflate"})
    assert r.status_code == 200 and r["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in r["Vary"]
    html = gzip.decompress(r.content).decode()
    assert "</html>" in html and len(r.content) < len(html.encode())
    plain = c.get("/")
    assert not plain.has_header("Content-Encoding") and b"</html>" in plain.content

    token = api_as("steering")
    r = client.get("/api/v1/openapi.json", headers={**token.headers, "Accept-Encoding": "gzip"})
    assert r["Content-Encoding"] == "gzip"
    assert "paths" in json.loads(gzip.decompress(r.content))
