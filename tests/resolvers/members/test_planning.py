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


def test_program_ids_are_pushed_only_in_the_spelling_datanexus_compares_as_text() -> None:
    """C1, C2: Datanexus reads ``program_id=08355`` as the number 8355."""
    assert plan_members(Cmp("program_id", Op.EQ, "8355")).query.program_id == "8355"
    for text in ["08355", "٨٣٥٥", "²", "+8355", "8355 ", "9" * 30, ""]:
        plan = plan_members(Cmp("program_id", Op.EQ, text))
        assert plan.query.program_id is None, text
        assert plan.residual == Cmp("program_id", Op.EQ, text)


def test_the_fingerprint_binds_the_residual_too() -> None:
    """C6: a cursor of a gateway-filtered list must not page an unfiltered one."""
    unfiltered = plan_members(None).fingerprint
    assert plan_members(Cmp("program_status", Op.EQ, "active")).fingerprint != unfiltered
    assert (
        plan_members(Cmp("city", Op.EQ, "A")).fingerprint
        != plan_members(Cmp("city", Op.EQ, "B")).fingerprint
    )
    assert (
        plan_members(Cmp("city", Op.EQ, "A")).fingerprint
        == plan_members(Cmp("city", Op.EQ, "A")).fingerprint
    )
