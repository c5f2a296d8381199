from upstreams.datanexus.records import normalize_consent, normalize_member


def test_consent_details_as_an_object_become_name_values() -> None:
    consent = normalize_consent(
        {"id": 7, "member_id": 3, "consent_details": {"sms_phone_number": 5551234}}
    )
    assert consent["id"] == "7"
    assert consent["member_id"] == "3"
    assert consent["details"] == [{"name": "sms_phone_number", "value": "5551234"}]


def test_string_member_response_is_read_as_a_boolean() -> None:
    assert normalize_consent({"id": 1, "member_response": "true"})["member_response"] is True
    assert normalize_consent({"id": 1, "member_response": "false"})["member_response"] is False


def test_household_members_exclude_the_member_and_are_partial() -> None:
    record = normalize_member(
        {"id": "A", "household_members": [{"id": "A"}, {"id": "B", "first_name": "Bo"}]}
    )
    household = record["household"]
    assert household is not None
    assert [m["id"] for m in household] == ["B"]
    assert household[0]["complete"] is False
    assert household[0]["first_name"] == "Bo"
    assert "city" not in household[0]


def test_no_household_key_means_unknown() -> None:
    assert normalize_member({"id": "A"})["household"] is None
