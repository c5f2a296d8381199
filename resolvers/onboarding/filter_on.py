"""The graph's filter grammar as MedAllies ``filterOn``: the one operator-to-method table.

MedAllies evaluates filters the SQL way: any comparison on a null value is false, the negated
methods included. The grammar says a negated operator matches null (it is exactly NOT its
positive), so each negated method is sent OR'd with IS NULL; that is exact whichever way the
upstream treats nulls. ``not`` is pushed down: De Morgan through groups, the negated methods
where they exist, and for <, >, <=, >= the complement comparison OR IS NULL. Operators that a
field's upstream type does not support (text operators on numbers, BETWEEN on anything but
dates) are rewritten (BETWEEN as >= AND <=) or refused before the call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from resolvers.core.errors import BadUserInput
from resolvers.core.predicates import And, Cmp, Op, Or, Predicate, negate

__all__ = ["METHODS", "FieldSpec", "FieldType", "to_filter_on"]


class FieldType(Enum):
    STRING = "String"
    NUMBER = "Number"
    BOOLEAN = "Boolean"
    DATE = "Date"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A filterable field: its upstream path and type, and how the gateway reads it locally."""

    path: str
    type: FieldType
    get: Callable[[Any], Any]
    wire: Callable[[Any], Any] | None = None  # graph value → upstream value


# The one table: each operator of the grammar and the MedAllies method that carries it.
METHODS: dict[Op, int] = {
    Op.STARTS_WITH: 0,  # START
    Op.CONTAINS: 1,  # GLOBAL
    Op.ENDS_WITH: 2,  # END
    Op.EQ: 3,  # EXACT
    Op.NE: 4,  # NOT EXACT
    Op.IN: 5,  # LIST
    Op.NOT_IN: 6,  # NOT LIST
    Op.BETWEEN: 7,  # BETWEEN (dates only)
    Op.NOT_BETWEEN: 8,  # NOT BETWEEN (dates only)
    Op.LT: 9,  # LESS THAN
    Op.GT: 10,  # GREATER THAN
    Op.LTE: 11,  # LESS THAN OR EQUAL TO
    Op.GTE: 12,  # GREATER THAN OR EQUAL TO
    Op.NOT_STARTS_WITH: 17,  # DOES NOT START WITH
    Op.NOT_CONTAINS: 18,  # DOES NOT MATCH ANYWHERE
    Op.NOT_ENDS_WITH: 19,  # DOES NOT END WITH
}
IS_NULL, IS_NOT_NULL, AND, OR = 13, 14, 15, 16
_NEGATED_METHODS = frozenset({4, 6, 8, 17, 18, 19})
_TEXT = frozenset({Op.STARTS_WITH, Op.CONTAINS, Op.ENDS_WITH, Op.NOT_STARTS_WITH,
                   Op.NOT_CONTAINS, Op.NOT_ENDS_WITH})  # fmt: skip
_COMPLEMENT = {Op.LT: Op.GTE, Op.LTE: Op.GT, Op.GT: Op.LTE, Op.GTE: Op.LT}
# A filter that matches nothing: ids are never null.
_NOTHING = {"fieldName": "id", "method": IS_NULL}


def wire_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    return value


def _leaf(path: str, method: int, values: list[Any] | None = None) -> dict[str, Any]:
    node: dict[str, Any] = {"fieldName": path, "method": method}
    if values is not None:
        node["fieldValues"] = values
    return node


def _group(method: int, filters: list[dict[str, Any]]) -> dict[str, Any]:
    return filters[0] if len(filters) == 1 else {"method": method, "filters": filters}


def _or_null(path: str, node: dict[str, Any]) -> dict[str, Any]:
    return {"method": OR, "filters": [node, _leaf(path, IS_NULL)]}


def _values(spec: FieldSpec, value: Any) -> list[Any]:
    convert = spec.wire or (wire_datetime if spec.type is FieldType.DATE else (lambda v: v))
    items = value if isinstance(value, tuple) else (value,)
    return [convert(v) for v in items]


def _comparison(cmp: Cmp, spec: FieldSpec, field: str) -> dict[str, Any]:
    op, path = cmp.op, spec.path
    if op is Op.IS_NULL:
        return _leaf(path, IS_NULL if cmp.value else IS_NOT_NULL)
    if op in _TEXT and spec.type is not FieldType.STRING:
        raise BadUserInput(
            f"`{op.value}` needs a text field; `{field}` is a {spec.type.value.lower()}.",
            argument="filter",
        )
    if spec.type is FieldType.BOOLEAN and op not in (Op.EQ, Op.NE):
        raise BadUserInput(f"`{op.value}` does not apply to `{field}`.", argument="filter")
    values = _values(spec, cmp.value)
    if op in (Op.BETWEEN, Op.NOT_BETWEEN) and spec.type is not FieldType.DATE:
        # BETWEEN takes dates only upstream: the same range as two comparisons.
        low, high = values
        if op is Op.BETWEEN:
            return _group(AND, [_leaf(path, 12, [low]), _leaf(path, 11, [high])])
        return {"method": OR, "filters": [_leaf(path, 9, [low]), _leaf(path, 10, [high]),
                                          _leaf(path, IS_NULL)]}  # fmt: skip
    method = METHODS[op]
    node = _leaf(path, method, values)
    return _or_null(path, node) if method in _NEGATED_METHODS else node


def _translate(predicate: Predicate, fields: Mapping[str, FieldSpec]) -> dict[str, Any]:
    if isinstance(predicate, Cmp):
        spec = fields.get(predicate.field)
        if spec is None:
            raise BadUserInput(f"`{predicate.field}` cannot be filtered on.", argument="filter")
        return _comparison(predicate, spec, predicate.field)
    if isinstance(predicate, And):
        if not predicate.items:
            return {"method": IS_NOT_NULL, "fieldName": "id"}
        return _group(AND, [_translate(p, fields) for p in predicate.items])
    if isinstance(predicate, Or):
        if not predicate.items:
            return dict(_NOTHING)
        return _group(OR, [_translate(p, fields) for p in predicate.items])
    inner = predicate.item
    if isinstance(inner, Cmp) and inner.op in _COMPLEMENT:
        # NOT (x < v) holds for x >= v and for a null x.
        spec = fields[inner.field]
        complement = _comparison(Cmp(inner.field, _COMPLEMENT[inner.op], inner.value), spec,
                                 inner.field)  # fmt: skip
        return _or_null(spec.path, complement)
    return _translate(negate(inner), fields)


def to_filter_on(
    predicate: Predicate | None, fields: Mapping[str, FieldSpec]
) -> dict[str, Any] | None:
    """The ``filterOn`` object for ``predicate`` (None when it constrains nothing)."""
    if predicate is None:
        return None
    return _translate(predicate, fields)
