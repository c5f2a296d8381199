"""Scalars whose meaning the graph pins down beyond Strawberry's defaults.

``DateTime`` is an instant: the input must carry its UTC offset. Strawberry's default accepts
``2024-01-01T00:00:00`` too, which Datanexus would read in its own zone and MedAllies filters
in UTC, so one value meant two instants depending on where it went.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.types.scalar import ScalarDefinition, scalar

__all__ = ["SCALAR_OVERRIDES", "parse_instant"]


def parse_instant(value: object) -> dt.datetime:
    """An ISO 8601 date-time with an offset (``Z`` or ``±hh:mm``); a coercion error otherwise."""
    if not isinstance(value, str):
        raise StrawberryInputCoercionError(
            f'Value cannot represent a DateTime: "{value}". Expected a string.'
        )
    try:
        moment = dt.datetime.fromisoformat(value)
    except (ValueError, OverflowError):
        raise StrawberryInputCoercionError(
            f'Value cannot represent a DateTime: "{value}". Expected ISO 8601.'
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise StrawberryInputCoercionError(
            f'Value cannot represent a DateTime: "{value}" has no UTC offset; add Z or ±hh:mm.'
        )
    return moment


DateTime: Final[ScalarDefinition] = scalar(
    name="DateTime",
    description="An instant: ISO 8601 date and time with its UTC offset, e.g. "
    "2024-05-01T12:30:00Z or 2024-05-01T14:30:00+02:00. A value without an offset is refused. "
    "Answers keep the offset the upstream gave.",
    serialize=dt.datetime.isoformat,
    parse_value=parse_instant,
)

SCALAR_OVERRIDES: Final[Mapping[object, ScalarDefinition]] = {dt.datetime: DateTime}
