from __future__ import annotations

from datetime import date

import pytest

from resolvers.core.errors import BadUserInput
from resolvers.core.predicates import And, Cmp, Not, Op, Or
from schema.core.filters import DateFilter, StringFilter, to_predicate
from schema.members import MemberFilter, ProgramStatus, ProgramStatusFilter


def test_fields_and_operators_become_one_and() -> None:
    f = MemberFilter(
        first_name=StringFilter(eq="Ann", not_contains="x"),
        born_on=DateFilter(between=[date(2000, 1, 1), date(2001, 1, 1)]),
    )
    assert to_predicate(f) == And(
        (
            Cmp("first_name", Op.EQ, "Ann"),
            Cmp("first_name", Op.NOT_CONTAINS, "x"),
            Cmp("born_on", Op.BETWEEN, (date(2000, 1, 1), date(2001, 1, 1))),
        )
    )


def test_and_or_not_nest() -> None:
    f = MemberFilter(
        or_=[MemberFilter(last_name=StringFilter(eq="A")), MemberFilter(city=StringFilter(eq="B"))],
        not_=MemberFilter(program_status=ProgramStatusFilter(in_=[ProgramStatus.INACTIVE])),
    )
    assert to_predicate(f) == And(
        (
            Or((Cmp("last_name", Op.EQ, "A"), Cmp("city", Op.EQ, "B"))),
            Not(Cmp("program_status", Op.IN, ("inactive",))),
        )
    )


def test_empty_filters() -> None:
    assert to_predicate(MemberFilter()) is None
    # An empty branch matches everything, so the OR does too.
    assert (
        to_predicate(MemberFilter(or_=[MemberFilter(), MemberFilter(city=StringFilter(eq="B"))]))
        is None
    )
    assert to_predicate(MemberFilter(or_=[])) == Or(())
    assert to_predicate(MemberFilter(not_=MemberFilter())) == Or(())


def test_between_needs_two_values() -> None:
    with pytest.raises(BadUserInput, match="exactly two"):
        to_predicate(MemberFilter(first_name=StringFilter(between=["a"])))


def test_depth_is_limited() -> None:
    f = MemberFilter(city=StringFilter(eq="x"))
    for _ in range(12):
        f = MemberFilter(not_=f)
    with pytest.raises(BadUserInput, match="deeper"):
        to_predicate(f)


def test_enum_and_order_factories_keep_their_names() -> None:
    from schema import schema as graph

    sdl = graph.as_str()
    for name in (
        "input ActivationStatusFilter",
        "input AccountTypeFilter",
        "input OrganizationOrder",
        "input VendorOrder",
        "input MembershipOrder",
        "input AccountMembershipOrder",
        "enum UserErrorCode",
    ):
        assert name in sdl
    assert "code: UserErrorCode!" in sdl


def test_enum_filters_compare_enum_values() -> None:
    from schema.onboarding.organizations import ActivationStatusFilter
    from schema.onboarding.reference import ActivationStatus

    f = ActivationStatusFilter(in_=[ActivationStatus.ENABLED], is_null=False)
    assert f.predicates("status") == [
        Cmp("status", Op.IN, (1,)),
        Cmp("status", Op.IS_NULL, False),
    ]
