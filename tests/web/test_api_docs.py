"""The API's documentation is served from this server: Swagger UI without a CDN (the schema itself is fuzzed
in tests/security/test_api_schema.py)."""

from __future__ import annotations


def test_swagger_ui_is_served_without_a_cdn(client) -> None:
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower() and "https://" not in html
