from __future__ import annotations

from typing import Any

import pytest

from resolvers.core.writes import (
    PLAIN,
    Dialect,
    InputPaths,
    Outcome,
    UserErrorCode,
    UserErrorRecord,
    none_named,
    write,
)
from upstreams import UpstreamNotFound, UpstreamRejected, UpstreamUnavailable

MISSING = UserErrorRecord("No such thing.", UserErrorCode.NOT_FOUND, ("input", "id"))


async def _fail(exc: Exception) -> Any:
    raise exc


def test_parameter_names_map_to_input_paths() -> None:
    fields = InputPaths("organizations", {"vendor.id": "vendorId"})
    assert fields.path("items[2].tin") == ("input", "organizations", "2", "tin")
    assert fields.path("vendor.id") == ("input", "organizations", "0", "vendorId")
    assert fields.path("items[1].account.first_name") == (
        "input",
        "organizations",
        "1",
        "account",
        "firstName",
    )
    assert InputPaths().path("orgId") == ("input", "orgId")
    assert InputPaths().path("born_on") == ("input", "bornOn")


def test_codes_by_name_are_checked() -> None:
    assert UserErrorRecord("x", "TAKEN").code is UserErrorCode.TAKEN
    with pytest.raises(ValueError, match="NOPE"):
        UserErrorRecord("x", "NOPE")


async def test_success_is_the_value() -> None:
    async def ok() -> int:
        return 3

    outcome = await write(ok(), not_found=MISSING)
    assert (outcome.value, outcome.user_errors) == (3, [])


async def test_field_errors_become_user_errors_with_codes() -> None:
    exc = UpstreamRejected(
        "datanexus",
        "createConsent",
        status=422,
        field_errors={"consent_details": ["can't be blank"], "first_name": ["is weird"]},
    )
    outcome = await write(_fail(exc), renames={"consent_details": "details"})
    assert outcome.user_errors == [
        UserErrorRecord("details can't be blank", UserErrorCode.BLANK, ("input", "details")),
        UserErrorRecord("firstName is weird", UserErrorCode.INVALID, ("input", "firstName")),
    ]


async def test_a_dialect_maps_upstream_codes_and_words() -> None:
    dialect = Dialect(missing={"102"}, phrases={"REST_MISSING_REQ_PARAM": "is required"})
    exc = UpstreamRejected(
        "medallies",
        "addOrganizations",
        status=400,
        error_codes=("102",),
        field_errors={"items[1].tin": ["REST_MISSING_REQ_PARAM"]},
    )
    outcome = await write(_fail(exc), paths=InputPaths("organizations"), dialect=dialect)
    assert outcome.user_errors == [
        UserErrorRecord(
            "tin is required", UserErrorCode.MISSING, ("input", "organizations", "1", "tin")
        )
    ]


async def test_refusal_without_fields_concerns_the_whole_input() -> None:
    exc = UpstreamRejected("datanexus", "x", status=422, detail="Nope.")
    outcome = await write(_fail(exc), dialect=PLAIN)
    assert outcome.user_errors == [UserErrorRecord("Nope.", UserErrorCode.INVALID)]


async def test_not_found_uses_the_record_and_optionally_the_detail() -> None:
    exc = UpstreamNotFound("medallies", "x", status=404, detail="REST_RESOURCE_NOT_FOUND")
    plain = await write(_fail(exc), not_found=MISSING)
    assert plain.user_errors == [MISSING]
    detailed = await write(_fail(exc), not_found=MISSING, dialect=Dialect(not_found_detail=True))
    assert detailed.user_errors[0].message == "No such thing. (REST_RESOURCE_NOT_FOUND)"
    with pytest.raises(UpstreamNotFound):
        await write(_fail(exc))


async def test_other_failures_propagate() -> None:
    with pytest.raises(UpstreamUnavailable):
        await write(_fail(UpstreamUnavailable("medallies", "x")), not_found=MISSING)


def test_none_named() -> None:
    outcome: Outcome[object] = none_named("organizationIds", "organization")
    assert outcome.user_errors == [
        UserErrorRecord(
            "Name at least one organization.", UserErrorCode.BLANK, ("input", "organizationIds")
        )
    ]


CODED = Dialect(
    upstream_codes={"E-TAKEN": UserErrorCode.TAKEN, "E-GONE": UserErrorCode.NOT_FOUND},
    code_fields={"E-TAKEN": "org_name"},
    parameter=lambda message: message.rpartition(" - ")[2] or None,
)


async def test_upstream_codes_become_user_errors_with_the_upstreams_words() -> None:
    refused = UpstreamRejected(
        "u", "op", error_codes=["E-TAKEN", "E-GONE"], detail="taken; gone - x"
    )
    outcome = await write(_fail(refused), dialect=CODED)
    assert outcome.user_errors == [
        UserErrorRecord("taken", UserErrorCode.TAKEN, ("input", "orgName")),
        UserErrorRecord("gone - x", UserErrorCode.NOT_FOUND, ("input", "x")),
    ]
    missing = UpstreamNotFound("u", "op", error_codes=["E-GONE"], detail="gone")
    assert (await write(_fail(missing), dialect=CODED)).user_errors == [
        UserErrorRecord("gone", UserErrorCode.NOT_FOUND, ("input", "gone"))
    ]


async def test_an_unknown_code_beside_known_ones_keeps_the_plain_path() -> None:
    refused = UpstreamRejected("u", "op", error_codes=["E-TAKEN", "E-NEW"], detail="a; b")
    outcome = await write(_fail(refused), dialect=CODED)
    assert outcome.user_errors == [UserErrorRecord("a; b", UserErrorCode.INVALID)]
    with pytest.raises(UpstreamNotFound):
        await write(_fail(UpstreamNotFound("u", "op", error_codes=["E-NEW"])), dialect=CODED)
