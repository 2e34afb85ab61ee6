"""Fuzz the API from its own OpenAPI schema (schemathesis): no input yields a server error.

Every operation gets a bounded number of generated requests, sent as the plan office and as a reporter.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token


@pytest.fixture
def api_schema(db):
    # The WSGI handler closes the database connection after each request; the test's transaction
    # must survive, as Django's own test client arranges.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(users) -> dict[str, str]:
    return {name: Token.objects.create(user=users[name]).key for name in ("planoffice", "reporter_a")}


def test_the_schema_is_valid_openapi(client) -> None:
    import json

    from drf_spectacular.validation import validate_schema

    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    document = json.loads(response.content)
    validate_schema(document)  # raises on a document that is not valid OpenAPI 3
    assert "/api/tasks/{id}/submissions/" in document["paths"]


@pytest.fixture
def known_ids(plan, users, task) -> dict[str, int]:
    """An existing object of each kind, so that generated bodies also reach real objects."""
    from planwatch.web.plans import services
    from planwatch.web.plans.actor import Actor
    from planwatch.web.plans.models import ObjectChange
    from planwatch.web.plans.recompute import recompute_warnings

    sub = services.report(Actor.for_user(users["reporter_a"]), task, value="95", as_of="2021-07-31")
    rnd = services.open_round(Actor.for_user(users["planoffice"]), plan, label="7月", period="2021-07",
                              opens="2021-07-25", deadline="2021-08-05")
    recompute_warnings(plan)
    update = services.add_project_update(Actor.for_user(users["reporter_a"]), plan.projects.get(code="p_a"),
                                         phase="under_construction", investment_done="6000", as_of="2021-07-31",
                                         actual_start="2021-03-05")
    return {"project-updates": update.pk, "plans": plan.pk, "tasks": task.pk, "submissions": sub.pk, "rounds": rnd.pk,
            "projects": plan.projects.get(code="p_a").pk, "indicators": plan.indicators.first().pk,
            "warnings": plan.warnings.first().pk, "departments": plan.departments.first().pk,
            "areas": plan.areas.first().pk, "changes": ObjectChange.objects.first().pk,
            "people": plan.memberships.get(user=users["reporter_b"]).pk}


def test_no_server_error(api_schema, tokens, known_ids) -> None:
    """Each operation, 20 generated requests, as the plan office and as a reporter: never a 5xx.
    Requests with an id in the path are also sent to an existing object of that kind."""
    errors: list[tuple] = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck), derandomize=True, database=None)
        def fuzz(case) -> None:
            variants = [dict(case.path_parameters or {})]
            if "id" in variants[0]:
                kind = case.path.split("/")[2]
                variants.append({**variants[0], "id": known_ids[kind]})
            for params in variants:
                case.path_parameters = params
                for role, token in tokens.items():
                    response = case.call(headers={"Authorization": f"Token {token}"})
                    if response.status_code >= 500:
                        errors.append((role, case.method, case.formatted_path, case.query, case.body,
                                       response.text[:300]))

        fuzz()
    assert operations >= 30
    assert not errors, "\n".join(f"{e[0]} {e[1]} {e[2]} {e[3]} {e[4]!r:.200}" for e in errors)


def test_swagger_ui_is_served_without_a_cdn(client) -> None:
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower() and "https://" not in html
