"""The one filter grammar, as reusable operator inputs, and its translation to predicates.

Every connection's ``XFilter`` input is a set of fields, each taking one of the operator
inputs below, plus ``and``, ``or`` and ``not``. Operators set together on one field, and
fields set together on one filter, must all hold. :func:`to_predicate` turns any such filter
into the upstream-neutral tree of :mod:`resolvers.core.predicates`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from resolvers.core.errors import BadUserInput
from resolvers.core.predicates import Cmp, Not, Op, Or, Predicate, all_of

__all__ = [
    "BooleanFilter",
    "DateFilter",
    "DateTimeFilter",
    "EnumFilter",
    "FloatFilter",
    "IntFilter",
    "OperatorFilter",
    "StringFilter",
    "to_predicate",
]

MAX_FILTER_DEPTH = 8
E = TypeVar("E", bound=Enum)

_DESCRIPTIONS = {
    "eq": "Equal to the value.",
    "ne": "Not equal to the value (null values match).",
    "in": "Equal to one of the values.",
    "notIn": "Equal to none of the values (null values match).",
    "lt": "Less than the value.",
    "lte": "Less than or equal to the value.",
    "gt": "Greater than the value.",
    "gte": "Greater than or equal to the value.",
    "between": "Within the two values [low, high], both included.",
    "notBetween": "Outside the two values [low, high] (null values match).",
    "startsWith": "Starts with the text (case-sensitive).",
    "notStartsWith": "Does not start with the text (null values match).",
    "contains": "Contains the text anywhere (case-sensitive).",
    "notContains": "Does not contain the text (null values match).",
    "endsWith": "Ends with the text (case-sensitive).",
    "notEndsWith": "Does not end with the text (null values match).",
    "isNull": "true: the value is missing; false: the value is present.",
}
_OPS = {
    "eq": Op.EQ,
    "ne": Op.NE,
    "in_": Op.IN,
    "not_in": Op.NOT_IN,
    "lt": Op.LT,
    "lte": Op.LTE,
    "gt": Op.GT,
    "gte": Op.GTE,
    "between": Op.BETWEEN,
    "not_between": Op.NOT_BETWEEN,
    "starts_with": Op.STARTS_WITH,
    "not_starts_with": Op.NOT_STARTS_WITH,
    "contains": Op.CONTAINS,
    "not_contains": Op.NOT_CONTAINS,
    "ends_with": Op.ENDS_WITH,
    "not_ends_with": Op.NOT_ENDS_WITH,
    "is_null": Op.IS_NULL,
}


def op(name: str) -> Any:
    """An operator field with its description; unset (null) operators are ignored."""
    return strawberry.field(name=name, description=_DESCRIPTIONS[name], default=None)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


class OperatorFilter:
    """What every operator input shares: turning its set operators into comparisons."""

    def predicates(self, field: str) -> list[Predicate]:
        out: list[Predicate] = []
        for attr, operator in _OPS.items():
            value = getattr(self, attr, None)
            if value is None:
                continue
            if isinstance(value, list):
                value = tuple(_plain(v) for v in value)
                if operator in (Op.BETWEEN, Op.NOT_BETWEEN) and len(value) != 2:
                    raise BadUserInput(
                        f"`{operator.value}` on `{field}` takes exactly two values [low, high].",
                        argument="filter",
                    )
            out.append(Cmp(field, operator, _plain(value)))
        return out


@strawberry.input(description="Conditions on a text field. Set several to require them all.")
class StringFilter(OperatorFilter):
    eq: str | None = op("eq")
    ne: str | None = op("ne")
    in_: list[str] | None = op("in")
    not_in: list[str] | None = op("notIn")
    lt: str | None = op("lt")
    lte: str | None = op("lte")
    gt: str | None = op("gt")
    gte: str | None = op("gte")
    between: list[str] | None = op("between")
    not_between: list[str] | None = op("notBetween")
    starts_with: str | None = op("startsWith")
    not_starts_with: str | None = op("notStartsWith")
    contains: str | None = op("contains")
    not_contains: str | None = op("notContains")
    ends_with: str | None = op("endsWith")
    not_ends_with: str | None = op("notEndsWith")
    is_null: bool | None = op("isNull")


@strawberry.input(description="Conditions on a whole-number field. Set several to require all.")
class IntFilter(OperatorFilter):
    eq: int | None = op("eq")
    ne: int | None = op("ne")
    in_: list[int] | None = op("in")
    not_in: list[int] | None = op("notIn")
    lt: int | None = op("lt")
    lte: int | None = op("lte")
    gt: int | None = op("gt")
    gte: int | None = op("gte")
    between: list[int] | None = op("between")
    not_between: list[int] | None = op("notBetween")
    is_null: bool | None = op("isNull")


@strawberry.input(description="Conditions on a decimal-number field. Set several to require all.")
class FloatFilter(OperatorFilter):
    eq: float | None = op("eq")
    ne: float | None = op("ne")
    in_: list[float] | None = op("in")
    not_in: list[float] | None = op("notIn")
    lt: float | None = op("lt")
    lte: float | None = op("lte")
    gt: float | None = op("gt")
    gte: float | None = op("gte")
    between: list[float] | None = op("between")
    not_between: list[float] | None = op("notBetween")
    is_null: bool | None = op("isNull")


@strawberry.input(description="Conditions on a true/false field.")
class BooleanFilter(OperatorFilter):
    eq: bool | None = op("eq")
    ne: bool | None = op("ne")
    is_null: bool | None = op("isNull")


@strawberry.input(description="Conditions on a calendar date (YYYY-MM-DD). Set several for all.")
class DateFilter(OperatorFilter):
    eq: dt.date | None = op("eq")
    ne: dt.date | None = op("ne")
    in_: list[dt.date] | None = op("in")
    not_in: list[dt.date] | None = op("notIn")
    lt: dt.date | None = op("lt")
    lte: dt.date | None = op("lte")
    gt: dt.date | None = op("gt")
    gte: dt.date | None = op("gte")
    between: list[dt.date] | None = op("between")
    not_between: list[dt.date] | None = op("notBetween")
    is_null: bool | None = op("isNull")


@strawberry.input(
    description="Conditions on an instant (ISO 8601 with offset). Set several for all."
)
class DateTimeFilter(OperatorFilter):
    eq: dt.datetime | None = op("eq")
    ne: dt.datetime | None = op("ne")
    in_: list[dt.datetime] | None = op("in")
    not_in: list[dt.datetime] | None = op("notIn")
    lt: dt.datetime | None = op("lt")
    lte: dt.datetime | None = op("lte")
    gt: dt.datetime | None = op("gt")
    gte: dt.datetime | None = op("gte")
    between: list[dt.datetime] | None = op("between")
    not_between: list[dt.datetime] | None = op("notBetween")
    is_null: bool | None = op("isNull")


@strawberry.input(description="Conditions on an enum field.")
class EnumFilter(OperatorFilter, Generic[E]):
    """Conditions on an enum field; declare one per enum as
    ``@strawberry.input(description=...) class XFilter(EnumFilter[X])``."""

    eq: E | None = op("eq")
    ne: E | None = op("ne")
    in_: list[E] | None = op("in")
    not_in: list[E] | None = op("notIn")
    is_null: bool | None = op("isNull")


# NOT of an empty filter (which matches everything) matches nothing: OR of no terms.
_NOTHING: Predicate = Or(())


def to_predicate(filter_: Any, *, depth: int = 0, prefix: str = "") -> Predicate | None:
    """The predicate a filter input means; None when it does not constrain anything.

    Field names map to record fields by their Python (snake_case) names; ``and`` / ``or`` /
    ``not`` combine nested filters of the same type. ``or: []`` matches nothing. A field whose
    value is itself a filter (a sub-object, e.g. an organization's ``vendor``) contributes its
    comparisons with dotted names (``vendor.name``).
    """
    if depth > MAX_FILTER_DEPTH:
        raise BadUserInput(
            f"The filter nests deeper than {MAX_FILTER_DEPTH} levels.", argument="filter"
        )
    terms: list[Predicate] = []
    for attr, value in vars(filter_).items():
        if value is None or value is strawberry.UNSET:
            continue
        if attr == "and_":
            terms.extend(p for f in value if (p := to_predicate(f, depth=depth + 1, prefix=prefix)))
        elif attr == "or_":
            branches = [to_predicate(f, depth=depth + 1, prefix=prefix) for f in value]
            if all(b is not None for b in branches):
                terms.append(Or(tuple(b for b in branches if b is not None)))
        elif attr == "not_":
            inner = to_predicate(value, depth=depth + 1, prefix=prefix)
            terms.append(_NOTHING if inner is None else Not(inner))
        elif isinstance(value, OperatorFilter):
            terms.extend(value.predicates(prefix + attr))
        elif hasattr(value, "__strawberry_definition__"):
            nested = to_predicate(value, depth=depth + 1, prefix=f"{prefix}{attr}.")
            if nested is not None:
                terms.append(nested)
    return all_of(terms)
