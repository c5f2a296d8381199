"""A field that can call an upstream is nullable, so its failure nulls only its own subtree.

A non-null field whose upstream fails spreads the null to its parent, and for a root field to
the whole answer (`data: null`), losing every healthy upstream's fields with it.
"""

from __future__ import annotations

from graphql import GraphQLInterfaceType, GraphQLNonNull, GraphQLObjectType

from schema import schema
from schema.core.cost import COST_KEY, FieldCost

GRAPHQL = schema._schema
# `nodes` answers an error per id (schema/core/nodes.py): the list itself never fails, and
# Relay clients expect `[Node]!`.
PER_ITEM_ERRORS = frozenset({"Query.nodes"})


def _calls_upstream(spec: FieldCost) -> bool:
    return callable(spec.calls) or spec.calls > 0 or spec.item_calls > 0


def test_every_field_that_can_call_an_upstream_is_nullable() -> None:
    non_null = []
    for type_name, kind in GRAPHQL.type_map.items():
        if type_name.startswith("__") or not isinstance(
            kind, GraphQLObjectType | GraphQLInterfaceType
        ):
            continue
        # Mutations too: a write that fails must not null the answer of a sibling write
        # that was applied (its caller would never learn of it, and send it again).
        for field_name, field in kind.fields.items():
            definition = (field.extensions or {}).get("strawberry-definition")
            spec = definition.metadata.get(COST_KEY) if definition is not None else None
            name = f"{type_name}.{field_name}"
            if name in PER_ITEM_ERRORS or spec is None or not _calls_upstream(spec):
                continue
            if isinstance(field.type, GraphQLNonNull):
                non_null.append(name)
    assert non_null == []
