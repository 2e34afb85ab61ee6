"""Schemathesis over the whole API with every role's token (both plans): no server error, and every answer
conforms to the schema — its status code is documented, its content type too, its body matches.

Each operation gets a bounded number of generated requests; each request goes out as one role, the roles
taking turns, and requests with an id in the path go to a generated id and to an existing object.
"""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from planwatch.web.access import tokens as api_tokens

ROLES = ("planoffice", "viewer", "head_a", "reporter_a", "reporter_b")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 12


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
def known_ids(plan, users, task, other) -> dict[str, int]:
    """An existing object of each kind, so that generated requests also reach real objects."""
    from planwatch.web.plans import services
    from planwatch.web.plans.actor import Actor
    from planwatch.web.plans.models import ObjectChange
    from planwatch.web.plans.recompute import recompute_warnings

    sub = services.report(Actor.for_user(users["reporter_a"]), task, value="95", as_of="2021-07-31")
    rnd = services.open_round(Actor.for_user(users["planoffice"]), plan, label="7月", period="2021-07",
                              opens="2021-07-25", deadline="2021-08-05")
    recompute_warnings(plan)
    return {"plans": plan.pk, "tasks": task.pk, "submissions": sub.pk, "rounds": rnd.pk,
            "projects": plan.projects.get(code="p_a").pk, "indicators": plan.indicators.first().pk,
            "warnings": plan.warnings.first().pk, "departments": plan.departments.first().pk,
            "areas": plan.areas.first().pk, "changes": ObjectChange.objects.first().pk,
            "people": plan.memberships.get(user=users["reporter_b"]).pk}


def test_every_role_gets_no_server_error_and_answers_match_the_schema(api_schema, users, other, known_ids) -> None:
    people = {**users, "office2": other["office2"], "reporter2": other["reporter2"]}
    keys = {name: api_tokens.issue(user)[0] for name, user in people.items()}
    turn = itertools.cycle(sorted(keys))
    failures: list[str] = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck), derandomize=True, database=None)
        def fuzz(case) -> None:
            variants = [dict(case.path_parameters or {})]
            if "id" in variants[0]:
                kind = case.path.split("/")[2]
                variants.append({**variants[0], "id": known_ids[kind]})
            for params in variants:
                case.path_parameters = params
                role = next(turn)
                response = case.call(headers={"Authorization": f"Token {keys[role]}"})
                try:
                    case.validate_response(response, checks=CHECKS)
                except BaseExceptionGroup as exc:  # schemathesis' failures: record them, keep going
                    failures.append(f"{role} {case.method} {case.formatted_path} {case.query} {case.body!r:.120} "
                                    f"→ {response.status_code} {response.text[:160]!r}: {str(exc)[:300]}")

        fuzz()
    assert operations >= 30
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(sorted(set(failures))[:40])


def test_the_schema_is_valid_openapi_and_documents_the_errors(client) -> None:
    import json

    from drf_spectacular.validation import validate_schema

    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    document = json.loads(response.content)
    validate_schema(document)
    approve = document["paths"]["/api/submissions/{id}/approve/"]["post"]["responses"]
    assert {"400", "403", "404", "409", "428"} <= set(approve)
