from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

import pytest
from graphql import GraphQLError

from resolvers.core.errors import BadUserInput
from schema.core.errors import GatewayErrors
from upstreams import UpstreamTimeout


def process(original: Exception | None, context: Any = None) -> GraphQLError:
    extension = GatewayErrors()
    result = SimpleNamespace(
        errors=[GraphQLError("raw message", original_error=original, path=["f"])]
    )
    extension.execution_context = SimpleNamespace(  # type: ignore[assignment]
        result=result, context=context or SimpleNamespace(request_id="req-1")
    )
    generator = extension.on_operation()
    next(generator)
    with pytest.raises(StopIteration):
        next(generator)
    (error,) = result.errors
    assert isinstance(error, GraphQLError)
    return error


def test_unexpected_errors_are_masked_and_logged_with_the_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="partner_graph.errors"):
        error = process(RuntimeError("secret internals"))
    assert error.message == "Unexpected error."
    assert error.extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-1"}
    assert "req-1" in caplog.text
    assert "secret internals" in caplog.text


def test_known_errors_keep_their_message_and_code() -> None:
    bad = process(BadUserInput("no", argument="first"))
    assert bad.message == "raw message"
    timeout = process(UpstreamTimeout("datanexus", "getMember"))
    assert timeout.message == "raw message"


def test_validation_errors_get_a_code() -> None:
    assert process(None).extensions == {"code": "GRAPHQL_VALIDATION_FAILED"}
