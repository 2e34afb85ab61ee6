"""The error answers of every operation, declared in the OpenAPI schema (a drf-spectacular postprocessing hook).

Every operation may answer 400 (field errors, a bad filter), 401 (no or a bad, expired or revoked token), 403
(no right), 404 (outside the user's scope) and 503 (the database stayed busy through every retry); writes also
409 (stale version or wrong state), 413 (body too large) and 428 (no version sent). Field errors are an object
of lists of messages; the others carry ``detail``.
"""

from __future__ import annotations

from typing import Any

WRITES = {"post", "put", "patch", "delete"}
ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "changed_by": {"type": "string"},
        "current_version": {"type": "integer", "nullable": True},
    },
    "additionalProperties": True,
}
FIELD_ERRORS = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
WHY = {
    "400": "field errors: {field: [message, …]}",
    "401": "not logged in, or the token is wrong, expired or revoked",
    "403": "no right to do this",
    "404": "no such object in your scope",
    "409": "someone changed it since you read it (current_version), or its state does not allow this",
    "413": "the body is too large",
    "428": "the version you read is required",
    "429": "too many failed logins: locked for a while",
    "503": "the database is busy: try again",
}


def _response(code: str) -> dict[str, Any]:
    schema = FIELD_ERRORS if code == "400" else {"$ref": "#/components/schemas/Error"}
    return {"description": WHY[code], "content": {"application/json": {"schema": schema}}}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["400", "401", "403", "404", "503"]  # 400: a query parameter (filter, page) that is wrong
            if method in WRITES:
                codes += ["409", "413", "428"]
            if path.endswith("/auth/token/"):
                codes = ["400", "413", "429", "503"]
            for code in codes:
                operation["responses"].setdefault(code, _response(code))
    return result
