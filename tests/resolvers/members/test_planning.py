from resolvers.core.predicates import Cmp, Op
from resolvers.members.planning import (
    enrollments_need_events,
    household_needs_complete,
    plan_members,
    wants_household,
)


def test_household_entries_answer_partial_selections() -> None:
    assert not household_needs_complete(frozenset({"id", "firstName", "enrollments"}))
    assert not household_needs_complete(frozenset({"enrollments", "enrollments.programId"}))


def test_household_needs_complete_records_beyond_the_entry() -> None:
    assert household_needs_complete(frozenset({"id", "city"}))
    assert household_needs_complete(frozenset({"enrollments", "enrollments.events"}))


def test_household_wanted_through_nodes_or_edges() -> None:
    assert wants_household(frozenset({"nodes", "nodes.household"}))
    assert wants_household(frozenset({"edges", "edges.node", "edges.node.household"}))
    assert not wants_household(frozenset({"nodes", "nodes.firstName"}))


def test_events_need_the_whole_record() -> None:
    assert enrollments_need_events(frozenset({"events", "programId"}))
    assert not enrollments_need_events(frozenset({"programId"}))


def test_exact_terms_pushed_down_and_the_rest_kept() -> None:
    plan = plan_members(Cmp("first_name", Op.EQ, "Eliza"), include_household=False)
    assert plan.query.first_name == "Eliza"
    assert plan.residual is None
    plan = plan_members(Cmp("city", Op.EQ, "Boston"))
    assert plan.query.params() == {}
    assert plan.residual == Cmp("city", Op.EQ, "Boston")


def test_program_filter_fetches_households() -> None:
    plan = plan_members(Cmp("program_id", Op.IN, ("8355",)))
    assert plan.query.include_household
    assert plan.residual is not None
