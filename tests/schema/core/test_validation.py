"""The depth and alias limits: enforced through fragments, and linear in the document."""

from __future__ import annotations

from functools import _lru_cache_wrapper
from typing import Any, cast

import pytest
from graphql import GraphQLError, get_introspection_query, parse, specified_rules, validate
from strawberry.extensions.validation_cache import _get_validate_cache

from schema import LIMIT_RULES, schema
from schema.core.validation import measure_document

GRAPHQL_SCHEMA = schema._schema


def bomb(levels: int, body: str = "__typename") -> str:
    """``fragment Fi on Query { ...Fi-1 ...Fi-1 }``: 2^levels uses of F0 in a few KB."""
    fragments = [f"fragment F0 on Query {{ {body} }}"]
    fragments += [
        f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels + 1)
    ]
    return f"query Bomb {{ ...F{levels} }}\n" + "\n".join(fragments)


def limit_errors(document: str) -> list[GraphQLError]:
    return validate(GRAPHQL_SCHEMA, parse(document), LIMIT_RULES)


@pytest.mark.parametrize("levels", [20, 40])
def test_a_fragment_bomb_costs_one_walk_per_fragment(levels: int) -> None:
    measures = measure_document(parse(bomb(levels)))
    # Every selection once (the operation's spread, F0's field, two spreads per Fi), every
    # fragment combined once, every spread looked up once: linear, not 2^levels.
    assert measures.selections_visited == 2 + 2 * levels
    assert measures.fragments_evaluated == levels + 1
    assert measures.spreads_resolved == 1 + 2 * levels
    ((_, measured),) = measures.operations
    assert measured.depth == 0


@pytest.mark.parametrize("levels", [20, 40])
def test_a_fragment_bomb_of_aliases_is_refused(levels: int) -> None:
    measures = measure_document(parse(bomb(levels, "a: __typename")), alias_cap=101)
    assert measures.fragments_evaluated == levels + 1
    (error,) = limit_errors(bomb(levels, "a: __typename"))
    assert "Too many aliases" in error.message
    assert error.extensions == {"code": "GRAPHQL_VALIDATION_FAILED", "maxAliases": 100}


async def test_the_schema_answers_a_plain_bomb_with_every_rule() -> None:
    # graphql-core's own rules and the executor visit a fragment once per selection set too.
    result = await schema.execute(bomb(40))
    assert result.errors is None
    assert result.data == {"__typename": "Query"}


def nested(levels: int) -> str:
    return "household { " * levels + "memberId" + " }" * levels


def test_depth_counts_through_spreads_and_inline_fragments() -> None:
    # member (1) + 7 households in the fragment + 7 inside the inline fragment = depth 15.
    document = """
        query Deep { member(memberId: "A5c7X") { ...H } }
        fragment H on Member { %s }
        fragment I on Member { ... on Member { %s } }
    """
    within = document % (
        "household { " * 7 + "...I" + " }" * 7,
        nested(7),
    )
    assert limit_errors(within) == []
    beyond = document % ("household { " * 7 + "...I" + " }" * 7, nested(8))
    (error,) = limit_errors(beyond)
    assert error.message == "'Deep' exceeds maximum operation depth of 15 (its depth is 16)."
    assert error.extensions == {"code": "GRAPHQL_VALIDATION_FAILED", "depth": 16, "maxDepth": 15}


def test_aliases_count_at_every_spread() -> None:
    aliases = " ".join(f"a{i}: __typename" for i in range(30))
    fragment = f"fragment A on Query {{ {aliases} }}"
    assert limit_errors("{ ...A ...A ... on Query { ...A } } " + fragment) == []
    (error,) = limit_errors("{ ...A ...A ... on Query { ...A ...A } } " + fragment)
    assert "Too many aliases" in error.message


def test_fragment_cycles_and_unknown_fragments_terminate() -> None:
    document = """
        { ...A }
        fragment A on Query { a: __typename ...B }
        fragment B on Query { b: __typename ...A ...Missing }
    """
    measures = measure_document(parse(document))
    assert measures.fragments_evaluated == 2
    errors = validate(GRAPHQL_SCHEMA, parse(document), [*specified_rules, *LIMIT_RULES])
    messages = " ".join(e.message for e in errors)
    assert "Cannot spread fragment 'A' within itself" in messages
    assert "Unknown fragment 'Missing'" in messages


def test_long_fragment_chains_and_deep_nesting_need_no_recursion() -> None:
    chain = "{ ...F2999 } fragment F0 on Query { __typename } " + " ".join(
        f"fragment F{i} on Query {{ ...F{i - 1} }}" for i in range(1, 3000)
    )
    assert measure_document(parse(chain)).fragments_evaluated == 3000
    # The parser stops at 200 levels of nesting; below that, the walk has its own stack.
    deep = '{ member(memberId: "A5c7X") { ' + nested(150) + " } }"
    (error,) = limit_errors(deep)
    assert "its depth is 151" in error.message


def test_introspection_does_not_count_towards_depth() -> None:
    # GraphiQL's introspection query nests `ofType` far below the limit's fields.
    assert limit_errors(get_introspection_query(descriptions=True)) == []


async def test_the_rule_class_is_stable_so_validation_is_cached() -> None:
    cache = cast("_lru_cache_wrapper[Any]", _get_validate_cache(512))
    query = '{ member(memberId: "A5c7X") { household { memberId } } } # cache probe'
    await schema.execute(query)
    hits = cache.cache_info().hits
    await schema.execute(query)
    assert cache.cache_info().hits == hits + 1


async def test_more_than_ten_thousand_tokens_are_refused_by_the_parser() -> None:
    # The parser counts tokens as it lexes and stops at the limit: linear by construction.
    within = await schema.execute("{ " + "__typename " * 9_997 + "}")
    assert not any("tokens" in e.message for e in within.errors or ())
    beyond = await schema.execute("{ " + "__typename " * 10_000 + "}")
    assert beyond.errors is not None
    assert "more than 10000 tokens" in beyond.errors[0].message
