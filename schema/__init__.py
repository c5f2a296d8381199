"""The one Strawberry schema: every domain's queries and mutations, and the Relay roots.

Build it once, here: Strawberry refuses a second Schema over root types that use
``relay.node()``.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry import relay
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as max_aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as max_depth_rule

from schema.core.cost import IDS, CostLimit, cost
from schema.core.errors import GatewayErrors
from schema.core.execution import PlannedExecutor, check_extensions, planned_executor_enabled
from schema.members import MemberMutations, MemberQueries
from schema.onboarding import ACCOUNT_TYPES, OnboardingMutations, OnboardingQueries

__all__ = ["schema"]


@strawberry.type(description="Anything in the graph, by its global id.")
class NodeQueries:
    node: relay.Node | None = relay.node(
        description="The object with this global id; null when there is none.", metadata=cost(1)
    )
    nodes: list[relay.Node | None] = relay.node(
        description="The objects with these global ids, in order; null for each id that has "
        "no object. Fetched together, one upstream call per distinct key.",
        metadata=cost(IDS, IDS),
    )


@strawberry.type(
    description="Partner Graph: members, enrollments, endorsements, APIs, MISPs and "
    "organizations from five partner APIs, in one graph."
)
class Query(NodeQueries, MemberQueries, OnboardingQueries):
    pass


@strawberry.type(description="Every write the graph offers. Each returns userErrors.")
class Mutation(MemberMutations, OnboardingMutations):
    pass


# The rule classes are made once: QueryDepthLimiter and MaxAliasesLimiter make new ones per
# request, which changes ValidationCache's key and re-validates every request (4 ms each).
LIMIT_RULES: list[type[ASTValidationRule]] = [max_depth_rule(15, None), max_aliases_rule(100)]


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
    mutation=Mutation,
    execution_context_class=PlannedExecutor if PLANNED_EXECUTOR else None,
    # Reached only through the Account interface: name them so the schema holds them.
    types=ACCOUNT_TYPES,
    extensions=EXTENSIONS,
)
