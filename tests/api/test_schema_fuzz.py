"""Schemathesis against the served OpenAPI document: generated requests
(valid and invalid) for every operation never cause a 5xx, and every
response conforms to the documented schema, status codes and content type."""
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance, not_a_server_error, response_headers_conformance, response_schema_conformance,
    status_code_conformance,
)

from majlis.comments.models import Comment, Commenter
from majlis.wsgi import application

from .conftest import ORIGIN, make_comment, make_key

pytestmark = pytest.mark.django_db


# What must hold for every generated request. Not checked: whether
# schema-valid input is always accepted (the comment form's rules, "article
# or url", a note for reason "other" are not expressible in JSON Schema and
# answer a documented 400) and whether unknown query parameters are refused
# (they are ignored, as HTTP APIs usually do).
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]

# Loaded from the running application (in-process WSGI), as a client would.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    # Like Django's test client: the WSGI app must not close the connection
    # that holds the test's transaction (it would on PostgreSQL).
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def some_data(db, article):
    # Real rows, so generated requests can hit existing ids and slugs too.
    commenter = Commenter.objects.create(email="reader@example.org")
    for i in range(3):
        make_comment(article, f"approved {i}", email=f"a{i}@example.org")
        make_comment(article, f"pending {i}", status=Comment.Status.PENDING, commenter=commenter)


@pytest.fixture
def all_scopes_key(db):
    return make_key("read", "submit", "moderate")[1]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_with_a_key(case, all_scopes_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {all_scopes_key}"}, checks=CHECKS)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_from_an_allowed_page(case):
    case.call_and_validate(headers={"Origin": ORIGIN}, checks=CHECKS)
