"""DateTime inputs are instants: an offset is required, and every ISO 8601 form with one works."""

from __future__ import annotations

import datetime as dt

import pytest
from strawberry.exceptions import StrawberryInputCoercionError

from schema.core.scalars import parse_instant


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2024-05-01T12:30:00Z", "2024-05-01T12:30:00+00:00"),
        ("2024-05-01T14:30:00+02:00", "2024-05-01T12:30:00+00:00"),
        ("2024-05-01T12:30:00.250-00:00", "2024-05-01T12:30:00.250000+00:00"),
    ],
)
def test_instants_with_an_offset(text: str, utc: str) -> None:
    assert parse_instant(text).astimezone(dt.UTC).isoformat() == utc


@pytest.mark.parametrize(
    "text", ["2024-05-01T12:30:00", "2024-05-01", "tomorrow", "", "2024-13-01T00:00:00Z", 5, None]
)
def test_anything_else_is_a_coercion_error(text: object) -> None:
    with pytest.raises(StrawberryInputCoercionError):
        parse_instant(text)
