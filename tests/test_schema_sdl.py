"""schema.graphql is the printed SDL, committed; and analysts find a description everywhere."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
)

from schema import schema
from schema.export import sdl

ROOT = Path(__file__).resolve().parent.parent


def test_committed_sdl_matches_the_code() -> None:
    committed = (ROOT / "schema.graphql").read_text()
    assert committed == sdl(), "schema.graphql is stale: run `make sdl` and commit it"


def test_every_type_field_and_argument_is_described() -> None:
    missing: list[str] = []
    for name, gql_type in schema._schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not gql_type.description:
            missing.append(name)
        if isinstance(gql_type, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in gql_type.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in field.args.items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        elif isinstance(gql_type, GraphQLInputObjectType):
            missing.extend(
                f"{name}.{f}" for f, field in gql_type.fields.items() if not field.description
            )
        elif isinstance(gql_type, GraphQLEnumType):
            missing.extend(
                f"{name}.{v}" for v, value in gql_type.values.items() if not value.description
            )
    assert missing == []
