"""No caller input reaches "Unexpected error." (probe rows A8-A11, D11): program ids are
ASCII digits within range, and JSON values that cannot be encoded are userErrors."""

from __future__ import annotations

from tests.e2e.conftest import Graph

CREATE = """mutation($p: String!) {
  createEnrollment(input: {memberId: "QdV6d", programId: $p, enrolledAt: "2024-03-13T15:52:35Z"}) {
    enrollment { enrollmentId } userErrors { field code }
  }
}"""
UPDATE = """mutation($p: String) {
  updateEnrollment(input: {memberId: "7ZbOm", enrollmentId: "3228", programId: $p}) {
    enrollment { enrollmentId } userErrors { field code }
  }
}"""
# A JSON variable decodes big integers as floats; a literal in the document keeps them exact.
VENDOR = """mutation {
  updateMember(input: {memberId: "QWqJn", vendorData: %s}) {
    member { memberId } userErrors { field code }
  }
}"""

BAD_PROGRAMS = ["9" * 30, "18446744073709551616", "9223372036854775808", "2147483648"]
BAD_PROGRAMS += ["²", "١٢٣", "٨٣٥٥", "08355", "+1", "-1", " 1", "1.0", ""]


async def test_program_ids_outside_ascii_digits_in_range_are_user_errors(graph: Graph) -> None:
    await graph.reset()
    for program in BAD_PROGRAMS:
        for mutation, name in ((CREATE, "createEnrollment"), (UPDATE, "updateEnrollment")):
            body = await graph.gql(mutation, {"p": program}, expect_errors=True)
            assert "errors" not in body, (program, body)
            assert body["data"][name] == {
                "enrollment": None,
                "userErrors": [{"field": ["input", "programId"], "code": "INVALID"}],
            }, program
    assert await graph.requests("datanexus") == []


async def test_json_values_beyond_64_bits_are_a_user_error(graph: Graph) -> None:
    await graph.reset()
    for value in [str(2**70), str(-(2**70)), f"{{n: [1, {2**64}]}}"]:
        body = await graph.gql(VENDOR.replace("%s", value), expect_errors=True)
        assert "errors" not in body, body
        assert body["data"]["updateMember"] == {
            "member": None,
            "userErrors": [{"field": ["input", "vendorData"], "code": "INVALID"}],
        }
    assert await graph.requests("datanexus") == []
