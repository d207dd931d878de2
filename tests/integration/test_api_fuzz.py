"""Schemathesis against the OpenAPI document: generated requests (valid and not) to every
operation find no server error and no answer that breaks the documented schema.

Bounded so the suite stays fast: a few dozen examples per operation, in a transaction
rolled back after each operation (like every integration test)."""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from app.api.operations import create_token
from app.documents import operations as doc_ops
from tests.factories import ready
from workflows.enums import DeliverableKind, Trigger


@pytest.fixture
def fuzz_token(world):
    """A reviewer who reads everything of the plan, with documents in several states."""
    doc = world.document(DeliverableKind.SIX_MONTH)
    doc_ops.save_content(doc, world.head, ready(doc, results="x"), None)
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    return create_token(None, world.reviewer, "fuzz")[1]


FUZZ = settings(max_examples=25, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much])
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_every_documented_operation_is_fuzzed(app):
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    documented = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    assert {(op.method.upper(), op.path) for op in operations(app)} == documented
    # ... and every API route is documented.
    import re

    routes = {(method, re.sub(r"<(?:int:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1")))
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes - {("GET", "/openapi.json"), ("GET", "/docs")} == documented


def test_the_api_keeps_its_documented_promises(app, fuzz_token):
    headers = {"Authorization": f"Bearer {fuzz_token}"}
    statuses = []
    for operation in operations(app):
        @FUZZ
        @given(case=operation.as_strategy())
        def run(case):
            statuses.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

        run()
    # Many requests really went out, and both sides of the API answered: data and refusals.
    assert len(statuses) >= 100
    assert 200 in statuses and {400, 404, 422} & set(statuses)


def test_setting_up_keeps_its_documented_promises_for_an_administrator(app, world):
    """The set-up operations as the province's administrator, who may make them (the province
    is at the top: the programmes and their catalog too): what a script could send goes
    through the readers and the operations, never to a server error."""
    headers = {"Authorization": f"Bearer {create_token(None, world.admin, 'fuzz')[1]}"}
    # Half the cases on rows that exist: the plan, its programme and one of its projects.
    existing = {"plan_id": world.plan.id, "programme_id": world.plan.programme_id,
                "item_id": world.plan.programme.projects[0].id}
    statuses = []
    for operation in operations(app):
        if "set-up" not in operation.tags:
            continue

        @FUZZ
        @given(case=operation.as_strategy())
        def run(case):
            for name, ident in existing.items():
                if name in (case.path_parameters or {}) and case.path_parameters[name] % 2:
                    case.path_parameters[name] = ident
            statuses.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

        run()
    assert len(statuses) >= 200
    assert {200, 201} <= set(statuses) and {404, 422} <= set(statuses)
