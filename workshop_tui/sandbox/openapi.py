"""The OpenAPI 3.1 document of the contract, generated from the operations and pydantic models."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic.json_schema import models_json_schema

from ..services.contract import CARPASS_ID_PATTERN, IDEMPOTENCY_HEADER, OPERATIONS, ErrorBody, Model, Operation, Service

_REF = "#/components/schemas/{model}"
_PARAMETERS = {
    "requestGuid": {"type": "string", "format": "uuid"},
    "vin": {"type": "string", "minLength": 17, "maxLength": 17},
    "carpassId": {"type": "string", "pattern": f"^{CARPASS_ID_PATTERN}$"},
}
_STATUS_TEXT = {
    400: "Invalid request (VALIDATION_ERROR)",
    401: "Missing or wrong credentials (AUTHENTICATION_FAILED)",
    404: "Not found",
    409: "Conflict (CORRECTION_LIMIT, REPORT_NOT_AVAILABLE)",
    422: "Idempotency-Key reused with another body (IDEMPOTENCY_KEY_REUSED)",
    503: "Unavailable or maintenance window (MAINTENANCE); see Retry-After",
}


def _ref(model: type[Model]) -> dict:
    return {"$ref": _REF.format(model=model.__name__)}


def _json(model: type[Model]) -> dict:
    return {"content": {"application/json": {"schema": _ref(model)}}}


def _operation(op: Operation) -> dict:
    parameters = [{"name": name, "in": "path", "required": True, "schema": _PARAMETERS[name]} for name in op.parameters]
    if op.idempotency_key:
        parameters.append(
            {
                "name": IDEMPOTENCY_HEADER,
                "in": "header",
                "required": True,
                "description": "Made once per report and reused on every retry: the same key returns the first answer",
                "schema": {"type": "string", "minLength": 1, "maxLength": 255},
            }
        )
    responses = {str(op.success): {"description": "OK", **_json(op.response)}}
    for status in op.errors:
        responses[str(status)] = {"description": _STATUS_TEXT[status], **_json(ErrorBody)}
    document = {
        "operationId": op.name,
        "summary": op.summary,
        "tags": [op.service.value],
        "parameters": parameters,
        "responses": responses,
        "security": [{"basicAuth": []}] if op.authenticated else [],
    }
    if op.request:
        document["requestBody"] = {"required": True, **_json(op.request)}
    return document


def openapi_document(mounts: Mapping[Service, str]) -> dict:
    """The contract as served under `mounts` (each service's path prefix on this server)."""
    models = {m for op in OPERATIONS for m in (op.request, op.response) if m} | {ErrorBody}
    _, schemas = models_json_schema(
        [(m, "validation") for m in sorted(models, key=lambda m: m.__name__)], ref_template=_REF
    )
    paths: dict[str, dict] = {}
    for op in OPERATIONS:
        paths.setdefault(mounts[op.service] + op.path, {})[op.method.lower()] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "workshop-tui sandbox: Car-Pass Inflow and vehicle registry",
            "version": "1.0",
            "description": "See docs/api.md. User name: establishment number; password: the Car-Pass password.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas["$defs"],
            "securitySchemes": {"basicAuth": {"type": "http", "scheme": "basic"}},
        },
    }
