"""Bastion's refusal messages read as field errors, only when every part names a field."""

from __future__ import annotations

from upstreams.bastion.wire import refusal_fields


def test_each_part_naming_a_field_is_its_field_error() -> None:
    message = "plan_id 99999 is not a known plan; customer.state 999 is not a known state"
    assert refusal_fields(message) == {
        "plan_id": ["99999 is not a known plan"],
        "customer.state": ["999 is not a known state"],
    }


def test_a_message_with_a_part_naming_no_field_stays_whole() -> None:
    assert refusal_fields("plan_id is required; something else went wrong") == {}
    assert refusal_fields("Member is already removed") == {}
    assert refusal_fields(None) == {}
