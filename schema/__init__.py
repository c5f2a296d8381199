"""The one Strawberry schema: every domain's queries and mutations, and the Relay roots.

Build it once, here: Strawberry refuses a second Schema over root types that use
``relay.node()``.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from schema.errors import GatewayErrors
from schema.members import MemberMutations, MemberQueries

__all__ = ["schema"]


@strawberry.type(description="Anything in the graph, by its global id.")
class NodeQueries:
    node: relay.Node | None = relay.node(
        description="The object with this global id; null when there is none."
    )
    nodes: list[relay.Node | None] = relay.node(
        description="The objects with these global ids, in order; null for each id that has "
        "no object. Fetched together, one upstream call per distinct key."
    )


@strawberry.type(
    description="Partner Graph: members, enrollments, endorsements, APIs, MISPs and "
    "organizations from five partner APIs, in one graph."
)
class Query(NodeQueries, MemberQueries):
    pass


@strawberry.type(description="Every write the graph offers. Each returns userErrors.")
class Mutation(MemberMutations):
    pass


class _Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """GatewayErrors logs what deserves it (with the request id); the rest is the client's."""


schema = _Schema(
    query=Query,
    mutation=Mutation,
    extensions=[
        GatewayErrors,
        lambda: QueryDepthLimiter(max_depth=15),
        lambda: MaxAliasesLimiter(max_alias_count=100),
        lambda: MaxTokensLimiter(max_token_count=10_000),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
    ],
)
