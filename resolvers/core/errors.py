"""Errors a resolver raises for the client's own mistakes (beside upstream failures).

graphql-core copies an exception's ``extensions`` onto the GraphQL error, so raising one of
these gives the client ``extensions.code`` without any schema-side mapping.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["BadUserInput", "GraphError"]


class GraphError(Exception):
    """An error meant for the client, with a stable ``extensions.code``."""

    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.extensions: dict[str, Any] = {"code": self.code, **extensions}


class BadUserInput(GraphError):
    """The arguments cannot be used as given (a bad cursor, an impossible filter …)."""

    code = "BAD_USER_INPUT"
