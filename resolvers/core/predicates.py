"""An upstream-neutral predicate tree: what a GraphQL filter means, with no GraphQL in it.

The schema turns each ``XFilter`` input into a :data:`Predicate`; each upstream's resolver
pushes down the part its API can evaluate and :func:`evaluate` decides the rest on records,
so the answer is the same wherever a comparison runs.

Semantics, the same for every upstream:
- a positive operator on a missing (null) value is false; ``isNull`` is the only way to match
  nulls;
- every negated operator (``ne``, ``notIn``, ``notBetween``, ``notStartsWith``,
  ``notContains``, ``notEndsWith``) is exactly NOT its positive, so it matches nulls too, and
  ``{not: {f: {eq: x}}}`` equals ``{f: {ne: x}}``;
- string comparisons are case-sensitive;
- on a list-valued field (for example the programs of a household) a positive operator holds
  when it holds for any element.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeAlias

__all__ = [
    "NEGATED",
    "And",
    "Cmp",
    "Getter",
    "Not",
    "Op",
    "Or",
    "Predicate",
    "all_of",
    "conjuncts",
    "evaluate",
    "fields_of",
    "negate",
]


class Op(Enum):
    """The operators of the graph's one filter grammar."""

    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "notIn"
    LT = "lt"
    LTE = "lte"
    GT = "gt"
    GTE = "gte"
    BETWEEN = "between"
    NOT_BETWEEN = "notBetween"
    STARTS_WITH = "startsWith"
    NOT_STARTS_WITH = "notStartsWith"
    CONTAINS = "contains"
    NOT_CONTAINS = "notContains"
    ENDS_WITH = "endsWith"
    NOT_ENDS_WITH = "notEndsWith"
    IS_NULL = "isNull"


# Each negated operator and its positive, both ways.
NEGATED: dict[Op, Op] = {
    Op.EQ: Op.NE,
    Op.IN: Op.NOT_IN,
    Op.BETWEEN: Op.NOT_BETWEEN,
    Op.STARTS_WITH: Op.NOT_STARTS_WITH,
    Op.CONTAINS: Op.NOT_CONTAINS,
    Op.ENDS_WITH: Op.NOT_ENDS_WITH,
}
NEGATED.update({v: k for k, v in list(NEGATED.items())})
_NEGATIVES = (
    Op.NE,
    Op.NOT_IN,
    Op.NOT_BETWEEN,
    Op.NOT_STARTS_WITH,
    Op.NOT_CONTAINS,
    Op.NOT_ENDS_WITH,
)
_POSITIVE_OF = {op: NEGATED[op] for op in _NEGATIVES}


@dataclass(frozen=True, slots=True)
class Cmp:
    """``field op value``; ``value`` is a tuple for in/notIn/between/notBetween."""

    field: str
    op: Op
    value: Any


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Predicate, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Predicate, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Predicate


Predicate: TypeAlias = Cmp | And | Or | Not
Getter: TypeAlias = Callable[[Any], Any]


def conjuncts(predicate: Predicate | None) -> list[Predicate]:
    """The top-level AND terms of a predicate (an empty list for no predicate)."""
    if predicate is None:
        return []
    if isinstance(predicate, And):
        out: list[Predicate] = []
        for item in predicate.items:
            out.extend(conjuncts(item))
        return out
    return [predicate]


def fields_of(predicate: Predicate | None) -> set[str]:
    """Every field a predicate reads."""
    if predicate is None:
        return set()
    if isinstance(predicate, Cmp):
        return {predicate.field}
    if isinstance(predicate, Not):
        return fields_of(predicate.item)
    out: set[str] = set()
    for item in predicate.items:
        out |= fields_of(item)
    return out


def negate(predicate: Predicate) -> Predicate:
    """NOT ``predicate``, pushed down to the comparisons (De Morgan and negated operators).

    A comparison without a negated operator (lt, gt, isNull …) becomes its complement where
    that is exact, and stays wrapped in :class:`Not` otherwise.
    """
    if isinstance(predicate, Not):
        return predicate.item
    if isinstance(predicate, And):
        return Or(tuple(negate(p) for p in predicate.items))
    if isinstance(predicate, Or):
        return And(tuple(negate(p) for p in predicate.items))
    if predicate.op in NEGATED:
        return Cmp(predicate.field, NEGATED[predicate.op], predicate.value)
    if predicate.op is Op.IS_NULL:
        return Cmp(predicate.field, Op.IS_NULL, not predicate.value)
    # NOT (x < v) is not (x >= v): null matches the first and not the second.
    return Not(predicate)


def _positive(op: Op, actual: Any, value: Any) -> bool:
    if actual is None:
        return False
    if isinstance(actual, list | tuple | set | frozenset):
        return any(_positive(op, a, value) for a in actual)
    try:
        match op:
            case Op.EQ:
                return bool(actual == value)
            case Op.IN:
                return actual in value
            case Op.LT:
                return bool(actual < value)
            case Op.LTE:
                return bool(actual <= value)
            case Op.GT:
                return bool(actual > value)
            case Op.GTE:
                return bool(actual >= value)
            case Op.BETWEEN:
                low, high = value
                return bool(low <= actual <= high)
            case Op.STARTS_WITH:
                return str(actual).startswith(value)
            case Op.CONTAINS:
                return value in str(actual)
            case Op.ENDS_WITH:
                return str(actual).endswith(value)
    except TypeError:
        # A value of another type (e.g. a malformed upstream date) never matches.
        return False
    raise ValueError(f"not a positive operator: {op}")  # pragma: no cover


def _is_empty(actual: Any) -> bool:
    return actual is None or (isinstance(actual, list | tuple) and not actual)


def evaluate(predicate: Predicate | None, record: Any, getters: Mapping[str, Getter]) -> bool:
    """Decide ``predicate`` on one record; ``getters`` read each field in comparable form."""
    if predicate is None:
        return True
    if isinstance(predicate, Cmp):
        actual = getters[predicate.field](record)
        op = predicate.op
        if op is Op.IS_NULL:
            return _is_empty(actual) is bool(predicate.value)
        if op in _POSITIVE_OF:
            return not _positive(_POSITIVE_OF[op], actual, predicate.value)
        return _positive(op, actual, predicate.value)
    if isinstance(predicate, And):
        return all(evaluate(p, record, getters) for p in predicate.items)
    if isinstance(predicate, Or):
        return any(evaluate(p, record, getters) for p in predicate.items)
    return not evaluate(predicate.item, record, getters)


def all_of(items: Iterable[Predicate]) -> Predicate | None:
    """AND of some predicates: None for none, the predicate itself for one."""
    listed = tuple(items)
    if not listed:
        return None
    return listed[0] if len(listed) == 1 else And(listed)
