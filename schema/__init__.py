"""The one Strawberry schema: every domain's queries and mutations, and the Relay roots.

Build it once, here: Strawberry refuses a second Schema over root types that use
``relay.node()``.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry import relay
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)

from schema.core.cost import IDS, CostLimit, cost
from schema.core.domains import discover
from schema.core.errors import GatewayErrors
from schema.core.execution import PlannedExecutor, check_extensions, planned_executor_enabled
from schema.core.nodes import resolve_global_ids
from schema.core.scalars import SCALAR_OVERRIDES
from schema.core.validation import limits_rule

__all__ = ["schema"]


@strawberry.type(description="Anything in the graph, by its global id.")
class NodeQueries:
    @strawberry.field(
        description="The object with this global id; null when there is none. An id that "
        "names no object type of the graph (an interface such as `Node:1`) is BAD_USER_INPUT.",
        metadata=cost(1),
    )
    async def node(
        self,
        info: strawberry.Info,
        id: Annotated[
            relay.GlobalID, strawberry.argument(description="A global id, as `id` answers it.")
        ],
    ) -> relay.Node | None:
        (answer,) = await resolve_global_ids(info, [id])
        if isinstance(answer, BaseException):
            raise answer
        return answer  # type: ignore[no-any-return]

    @strawberry.field(
        description="The objects with these global ids, in order; null for each id that has "
        "no object, with an error at its own position when the id names no object type or "
        "its upstream fails (the other ids still answer). Fetched together, one upstream "
        "call per distinct key; at most PARTNER_GRAPH_MAX_NODE_IDS ids (100 by default).",
        metadata=cost(IDS, IDS),
    )
    async def nodes(
        self,
        info: strawberry.Info,
        ids: Annotated[
            list[relay.GlobalID],
            strawberry.argument(description="Global ids of any types, as `id` answers them."),
        ],
    ) -> list[relay.Node | None]:
        return await resolve_global_ids(info, ids)


DOMAINS = discover(sys.modules[__name__])
_QUERIES = [d.queries for d in DOMAINS if d.queries is not None]
_MUTATIONS = [d.mutations for d in DOMAINS if d.mutations is not None]
_SUBSCRIPTIONS = [d.subscriptions for d in DOMAINS if d.subscriptions is not None]


@strawberry.type(
    description="Partner Graph: members, enrollments, endorsements, APIs, MISPs and "
    "organizations from five partner APIs, in one graph."
)
class Query(NodeQueries, *_QUERIES):  # type: ignore[misc]  # bases found at import
    pass


@strawberry.type(description="Every write the graph offers. Each returns userErrors.")
class Mutation(*_MUTATIONS):  # type: ignore[misc]
    pass


@strawberry.type(description="Live events the graph offers, over graphql-transport-ws.")
class Subscription(*_SUBSCRIPTIONS):  # type: ignore[misc]
    pass


# The rule class is made once: a class made per request (as QueryDepthLimiter and
# MaxAliasesLimiter do) changes ValidationCache's key and re-validates every request (4 ms
# each). Its cost is linear in the document, fragments included (schema/core/validation.py).
# The token limit is the parser's own counter, which aborts at the 10,001st token.
LIMIT_RULES: list[type[ASTValidationRule]] = [limits_rule(max_depth=15, max_aliases=100)]


class _Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """GatewayErrors logs what deserves it (with the request id); the rest is the client's."""


EXTENSIONS: list[Any] = [
    GatewayErrors,
    lambda: AddValidationRules(LIMIT_RULES),
    lambda: MaxTokensLimiter(max_token_count=10_000),
    lambda: ParserCache(maxsize=512),
    lambda: ValidationCache(maxsize=512),
    CostLimit,
]

# Read once: the schema is built once per process (see the module docstring).
PLANNED_EXECUTOR = planned_executor_enabled()
if PLANNED_EXECUTOR:
    check_extensions(EXTENSIONS)

schema = _Schema(
    query=Query,
    mutation=Mutation if _MUTATIONS else None,
    subscription=Subscription if _SUBSCRIPTIONS else None,
    execution_context_class=PlannedExecutor if PLANNED_EXECUTOR else None,
    # Reached only through the Account interface: name them so the schema holds them.
    types=[t for d in DOMAINS for t in d.types],
    extensions=EXTENSIONS,
    scalar_overrides=SCALAR_OVERRIDES,
)
