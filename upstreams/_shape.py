"""Checking that an upstream's answer has the documented shape before it is normalized.

A client that reads ``body.get("items")`` and falls back to ``[]`` turns a broken answer into
an empty page (and caches it). These helpers never fall back: a value of the wrong type raises
:class:`~upstreams._errors.UpstreamProtocolError` (``UPSTREAM_ERROR``) naming the upstream,
the operation and what was wrong, e.g. "answer of the wrong shape: items is str, expected
list". Only absence can be allowed, and only where the caller says so (``optional_field``).

    op = Op(self.name, "listVendors")
    body = expect_object(answer.body, op)
    items = expect_objects(optional_field(body, "items", list, op) or [], op, "items")
    count = optional_field(body, "count", int, op)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple, TypeVar

from upstreams._errors import UpstreamProtocolError

__all__ = [
    "Op",
    "expect_list",
    "expect_object",
    "expect_objects",
    "field",
    "optional_field",
    "wrong_shape",
]

T = TypeVar("T")

_JSON_NAMES: dict[type, str] = {
    dict: "object",
    list: "list",
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    type(None): "null",
}


class Op(NamedTuple):
    """The upstream and operation an answer belongs to, for the error it may cause."""

    upstream: str
    operation: str


def wrong_shape(op: Op, detail: str) -> UpstreamProtocolError:
    return UpstreamProtocolError(
        op.upstream, op.operation, detail=f"answer of the wrong shape: {detail}"
    )


def _name(value: object) -> str:
    for kind, name in _JSON_NAMES.items():
        # Exact types first: bool is an int, and a bool where a number belongs is wrong.
        if type(value) is kind:
            return name
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _kind_name(kind: type) -> str:
    return _JSON_NAMES.get(kind, kind.__name__)


def expect_object(value: object, op: Op, what: str = "the answer") -> Mapping[str, Any]:
    """``value`` as a JSON object, or the error saying it is not one."""
    if not isinstance(value, Mapping):
        raise wrong_shape(op, f"{what} is {_name(value)}, expected object")
    return value


def expect_list(value: object, op: Op, what: str = "the answer") -> list[Any]:
    """``value`` as a JSON list, or the error saying it is not one."""
    if not isinstance(value, list):
        raise wrong_shape(op, f"{what} is {_name(value)}, expected list")
    return value


def expect_objects(value: object, op: Op, what: str = "the answer") -> list[Mapping[str, Any]]:
    """A list whose every element is an object (records), naming the first that is not."""
    items = expect_list(value, op, what)
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise wrong_shape(op, f"{what}[{index}] is {_name(item)}, expected object")
    return items


def _checked(value: object, name: str, kind: type[T], op: Op) -> T:
    if kind is float and type(value) is int:
        # JSON has one number type: 3 is a fine float.
        return float(value)  # type: ignore[return-value]
    if kind is int and type(value) is bool:
        raise wrong_shape(op, f"{name} is bool, expected int")
    if not isinstance(value, kind):
        raise wrong_shape(op, f"{name} is {_name(value)}, expected {_kind_name(kind)}")
    return value


def field(obj: Mapping[str, Any], name: str, kind: type[T], op: Op) -> T:
    """The member ``name`` of ``obj``, which must be present, not null, and a ``kind``."""
    if name not in obj:
        raise wrong_shape(op, f"{name} is missing")
    return _checked(obj[name], name, kind, op)


def optional_field(obj: Mapping[str, Any], name: str, kind: type[T], op: Op) -> T | None:
    """Like :func:`field`, but absent or null answers None; a value of another type is
    still an error."""
    value = obj.get(name)
    if value is None:
        return None
    return _checked(value, name, kind, op)
