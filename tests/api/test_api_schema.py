"""The OpenAPI document is valid OpenAPI 3.1, is the one the handlers are made from, and the served
API keeps to it (schemathesis, bounded: a few examples per operation)."""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from dashboard.api import openapi
from dashboard.api.resources import RESOURCES


def test_openapi_document_is_valid_openapi_3_1(client: object) -> None:
    served = client.get("/api/v1/openapi.json").get_json()
    validate(served)
    assert served["openapi"].startswith("3.1")
    assert served == openapi.document()


def test_document_lists_every_resource_with_its_filters_and_columns() -> None:
    doc = openapi.document()
    for r in RESOURCES:
        params = {p["name"] for p in doc["paths"][f"/{r.name}"]["get"]["parameters"]}
        assert params == {f.name for f in r.filters} | {"format", "limit", "offset"}
        row = doc["components"]["schemas"][f"rij_{r.name}"]
        assert list(row["properties"]) == list(r.names)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def operations() -> list[str]:
    return [f"GET {path}" for path in openapi.document()["paths"] if path != "/openapi.json"]  # tested above


@pytest.fixture(scope="module")
def api_schema(api_server: Flask) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_server)


# schemathesis' own pytest plugin does not run under this pytest; its strategies do, with hypothesis
@pytest.mark.parametrize("label", operations())
def test_api_keeps_to_its_openapi_document(api_schema: schemathesis.BaseSchema, label: str) -> None:
    operation = next(op.ok() for op in api_schema.get_all_operations() if op.ok().label == label)

    @given(case=operation.as_strategy())
    @settings(
        max_examples=6,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS)

    run()
