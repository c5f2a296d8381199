"""Schema-side conversions of onboarding: records into types, filters into predicates,
inputs into the values the resolvers take."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

from resolvers.core.predicates import And, Cmp, Not, Op, Or, evaluate
from resolvers.onboarding import ORGANIZATION_FIELDS, getters
from resolvers.onboarding.filter_on import to_filter_on
from schema.core.filters import StringFilter, to_predicate
from schema.onboarding.accounts import ProviderAccount, account_from_record
from schema.onboarding.lists import given
from schema.onboarding.memberships import OrganizationMembership, membership_keys
from schema.onboarding.mutations import (
    CreateOrganizationInput,
    UpdateAccountInput,
    UpdateMembershipInput,
    membership_values,
)
from schema.onboarding.organizations import (
    Organization,
    OrganizationFilter,
    PracticeAddress,
    PracticeAddressFilter,
)
from schema.onboarding.reference import ActivationStatus, DeactivationReason, DeactivationReasonItem

RECORD = {
    "id": 2,
    "organization_name": "Organization Name",
    "npi": 1234567890,
    "status": {"code": 1, "description": "Enabled"},
    "practice_street1": "Westage Business Drive",
    "practice_city": "City name",
    "practice_state": "NY",
    "practice_zip": "34776",
    "telephone_number": "(555) 555-5555",
    "creation_date_time": "2016-10-07T16:46:23Z",
    "last_update_date_time": None,
}


def test_organization_from_record_uses_the_graph_names() -> None:
    org = Organization.from_record(RECORD)
    assert org.npi == "1234567890"
    assert org.status is ActivationStatus.ENABLED
    assert org.phone_number == "(555) 555-5555"
    assert org.created_at == dt.datetime(2016, 10, 7, 16, 46, 23, tzinfo=dt.UTC)
    assert org.updated_at is None
    assert org.address == PracticeAddress(
        street_address1="Westage Business Drive",
        street_address2=None,
        city="City name",
        state="NY",
        postal_code="34776",
    )


def test_an_organization_without_practice_fields_has_no_address() -> None:
    assert Organization.from_record({"id": 3}).address is None
    assert Organization.from_record({"id": 3}).npi is None


def test_accounts_and_memberships_from_records() -> None:
    account = account_from_record(
        {"id": 7, "account_type": "provider", "npin": "1098765432", "telephone_number": "x"}
    )
    assert isinstance(account, ProviderAccount)
    assert (account.npi, account.phone_number) == ("1098765432", "x")
    assert account_from_record(None) is None
    membership = OrganizationMembership.from_record(
        {
            "organization": {"id": 2},
            "account": {"id": 7},
            "create_date_time": "2020-01-01T00:00:00Z",
        }
    )
    assert (membership.key, membership.created_at) == (
        "2/7",
        dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
    )


def test_membership_keys_keep_every_position() -> None:
    assert membership_keys(["2/7", "x", "2/7/1", "3/a"]) == [(2, 7), (-1, -1), (-1, -1), (-1, -1)]


def test_the_address_filter_mirrors_the_type() -> None:
    f = OrganizationFilter(
        address=PracticeAddressFilter(
            state=StringFilter(in_=["NY", "NJ"]),
            or_=[
                PracticeAddressFilter(postal_code=StringFilter(starts_with="347")),
                PracticeAddressFilter(not_=PracticeAddressFilter(city=StringFilter(eq="X"))),
            ],
        )
    )
    predicate = to_predicate(f)
    assert predicate == And(
        (
            Cmp("address.state", Op.IN, ("NY", "NJ")),
            Or(
                (
                    Cmp("address.postal_code", Op.STARTS_WITH, "347"),
                    Not(Cmp("address.city", Op.EQ, "X")),
                )
            ),
        )
    )
    assert predicate is not None
    assert evaluate(predicate, RECORD, getters(ORGANIZATION_FIELDS))
    wire = to_filter_on(predicate, ORGANIZATION_FIELDS)
    assert _field_names(wire) == {"practiceState", "practiceZip", "practiceCity"}


def _field_names(node: Any) -> set[str]:
    if isinstance(node, dict):
        own = {node["fieldName"]} if "fieldName" in node else set()
        return own.union(*(_field_names(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_field_names(v) for v in node))
    return set()


def test_npi_is_a_string_in_the_graph_and_a_number_upstream() -> None:
    predicate = to_predicate(OrganizationFilter(npi=StringFilter(eq="1234567890")))
    assert predicate == Cmp("npi", Op.EQ, "1234567890")
    assert evaluate(predicate, RECORD, getters(ORGANIZATION_FIELDS))
    spec = ORGANIZATION_FIELDS["npi"]
    assert spec.wire is not None
    assert spec.wire("1234567890") == 1234567890


def test_inputs_become_resolver_values_without_unset_fields() -> None:
    values = given(
        CreateOrganizationInput(
            organization_name="Acme", type_code=2, vendor_id=45, state="NJ", postal_code="07030"
        )
    )
    assert values == {
        "organization_name": "Acme",
        "type_code": 2,
        "vendor_id": 45,
        "state": "NJ",
        "postal_code": "07030",
    }
    change = UpdateMembershipInput(
        account_id=7, publishable=False, account=UpdateAccountInput(phone_number="(201) 555-0100")
    )
    assert membership_values(change) == {
        "account_id": 7,
        "publishable": False,
        "account": {"phone_number": "(201) 555-0100"},
    }
    assert membership_values(UpdateMembershipInput(account_id=7)) == {"account_id": 7}
    assert strawberry.UNSET not in given(UpdateAccountInput()).values()


def test_deactivation_reasons_know_their_enum() -> None:
    known = DeactivationReasonItem.from_record({"code": 4, "reason": "Leaving"})
    assert known.value is DeactivationReason.PROVIDER_LEAVING_ORGANIZATION
    assert DeactivationReasonItem.from_record({"code": 99, "reason": "?"}).value is None
