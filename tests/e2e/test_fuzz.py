"""Property-based fuzzing of the whole schema over real HTTP (issue 8, item 12).

hypothesis-graphql generates documents over the ``Query`` root (and, in a separate test, the
``Mutation`` root) from the exported SDL, with arguments drawn from strategies for every
scalar that mix plausible values with hostile ones: global ids naming interfaces or unknown
types or keys with odd characters, dates at year 1 and 9999 with offsets, integers past 32
and 64 bits, keys such as ``..``, ``²`` or forged cursors. Each argument is sent either
inline or hoisted into a variable (the two reach a scalar through different code: literal
parsing versus value coercion), and a share of documents carry one deliberate schema
violation (hypothesis-graphql's negative mode).

Each document is POSTed to ``/graphql`` of one real server per module, with the embedded
simulators, built by the e2e fixtures (``graph``). The property is only about robustness:

- the HTTP status is 200 or 400, never 5xx;
- the body is a JSON object with ``data`` and/or ``errors``;
- every error carries ``extensions.code``, and none is ``INTERNAL_SERVER_ERROR`` or says
  "Unexpected error.".

A refusal (validation, cost limit, ``BAD_USER_INPUT``, an upstream's ``NOT_FOUND``) is a
fine answer. When the property fails, the message carries the traceback the server logged
for that request (each example sends its own ``x-request-id``).

How the async server meets Hypothesis: the tests are ``async def`` under ``@given``.
pytest-asyncio runs each generated example as a coroutine in the module's event loop, the
one the ``graph`` fixture's server and simulators live in, so nothing needs a thread. The
function-scoped autouse fixture (fault reset) runs once per test, not per example, which is
what its health check warns about and is fine here.

Bounded and deterministic: ``derandomize=True`` and no example database, so CI sees the same
documents every run; 150 query and 60 mutation examples by default, or
``PARTNER_GRAPH_FUZZ_EXAMPLES`` queries (and two fifths as many mutations) for ``make fuzz``.
Mutations only touch the in-memory simulators of this module.

``PARTNER_GRAPH_FUZZ_COLLECT=path`` (exploration only) appends each failing example to a
JSON-lines file and keeps going instead of stopping at the first, to list distinct bugs.
"""

from __future__ import annotations

import base64
import dataclasses
import itertools
import json
import logging
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import graphql
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

from schema import schema
from tests.e2e.conftest import Graph

SDL = schema.as_str()
GRAPHQL_SCHEMA = graphql.build_schema(SDL)

QUERY_EXAMPLES = int(os.environ.get("PARTNER_GRAPH_FUZZ_EXAMPLES", "150"))
MUTATION_EXAMPLES = max(60, QUERY_EXAMPLES * 2 // 5)
COLLECT = os.environ.get("PARTNER_GRAPH_FUZZ_COLLECT")

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    # A failure found is reported as generated: shrinking re-runs HTTP round trips for
    # minutes, and the message already carries the document, variables and server traceback.
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
)

# --- scalar strategies (each yields a GraphQL value node) ---------------------------------


def _string(value: str) -> graphql.StringValueNode:
    return graphql.StringValueNode(value=value)


def _int(value: int) -> graphql.IntValueNode:
    return graphql.IntValueNode(value=str(value))


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8", "surrogatepass")).decode()


_NODE = GRAPHQL_SCHEMA.type_map["Node"]
assert isinstance(_NODE, graphql.GraphQLInterfaceType)
NODE_TYPES = sorted(t.name for t in GRAPHQL_SCHEMA.get_possible_types(_NODE))
INTERFACES = sorted(
    n for n, t in GRAPHQL_SCHEMA.type_map.items() if isinstance(t, graphql.GraphQLInterfaceType)
)
NOT_NODES = ["Query", "Mutation", "PageInfo", "String", "", "member", "NoSuchType"]

BIG_NUMBERS = [
    "0",
    "-1",
    "2147483647",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551617",
    "1" * 40,
    "1e309",
    "-0",
    "007",
    "NaN",
]
ODD_KEYS = [
    *BIG_NUMBERS,
    "1",
    "42",
    "B6d8Y",
    "A5c7X",
    "EOE-COGITO55",
    "x",
    ".",
    "..",
    "/",
    "a/b",
    "%2e%2e",
    "?x=1",
    "#",
    "²",
    "١٢٣",
    "\uff11\uff12",  # fullwidth digits
    " 1",
    "1 ",
    "\x00",
    "\u202e1",
    "😀",
    ":",
    "1:2",
    "1:2:3",
    "x" * 300,
]
keys = st.one_of(st.sampled_from(ODD_KEYS), st.text(max_size=12))


def _global_ids() -> st.SearchStrategy[str]:
    named = st.tuples(st.sampled_from(NODE_TYPES + INTERFACES + NOT_NODES), keys).map(
        lambda t: _b64(f"{t[0]}:{t[1]}")
    )
    return st.one_of(
        named,
        named.map(lambda s: s.rstrip("=")),  # padding dropped
        named.map(lambda s: base64.urlsafe_b64encode(base64.b64decode(s)).decode()),
        keys.map(_b64),  # no type at all
        keys,  # not base64
        st.sampled_from(["", "====", "!!!", "TWVtYmVy", _b64("Member"), _b64(":")]),
    )


def _cursors() -> st.SearchStrategy[str]:
    """Forged cursors: base64 of junk, of JSON of the wrong shape, of a foreign kind."""
    payloads = st.one_of(
        st.sampled_from(
            [
                "member:{}",
                'member:{"offset": -1}',
                'organization:{"offset": 1e400}',
                "vendor:[]",
                'x:{"a": 1}',
                "{}",
                "null",
                "\x00" * 40,
            ]
        ),
        st.text(max_size=40),
    )
    return st.one_of(
        payloads.map(lambda p: base64.urlsafe_b64encode(p.encode()).decode().rstrip("=")),
        payloads.map(lambda p: base64.urlsafe_b64encode(b"\x00" * 32 + p.encode()).decode()),
    )


def _dates() -> st.SearchStrategy[str]:
    edge = st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "10000-01-01",
            "0000-01-01",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-1-1",
            "20240101",
            "2024-01-01T00:00:00",
            "-0001-01-01",
            "",
            "today",
        ]
    )
    return st.one_of(edge, st.dates().map(str))


def _datetimes() -> st.SearchStrategy[str]:
    edge = st.sampled_from(
        [
            "0001-01-01T00:00:00+14:00",
            "0001-01-01T00:00:00Z",
            "0001-01-01T00:00:00",
            "9999-12-31T23:59:59-14:00",
            "9999-12-31T23:59:59.999999Z",
            "9999-12-31T23:59:59+00:00",
            "9999-12-31",
            "0001-01-01",
            "2024-02-30T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00+99:00",
            "2024-01-01 00:00:00",
            "1970-01-01T00:00:00Z",
            "",
            "now",
        ]
    )
    offsets = st.sampled_from(["", "Z", "+14:00", "-14:00", "+05:30", "-00:01"])
    generated = st.tuples(st.datetimes(), offsets).map(lambda t: t[0].isoformat() + t[1])
    # In range as written, out of range once converted to UTC: their own share.
    overflow = st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
    return st.one_of(overflow, edge, generated)


small_ints = st.integers(min_value=-3, max_value=120)
ints = st.one_of(
    small_ints,
    small_ints,
    st.sampled_from([0, 1, 100, 101, 1000, 2**31 - 1, -(2**31)]),
    st.integers(min_value=-(2**31), max_value=2**31 - 1),
)
# Past 32 bits graphql-core refuses an Int during validation: a few, not to waste examples.
int_nodes = st.one_of(
    ints.map(_int),
    st.sampled_from([2**31, 2**63, 2**64 + 1, -(2**63) - 1]).map(_int),
    st.sampled_from(BIG_NUMBERS).map(_string),
)
strings = st.one_of(
    st.sampled_from(ODD_KEYS),
    st.text(max_size=20),
    _cursors(),
    _dates(),
    _global_ids(),
)

json_leaves = st.one_of(
    st.none().map(lambda _: graphql.NullValueNode()),
    st.booleans().map(lambda b: graphql.BooleanValueNode(value=b)),
    st.integers().map(_int),
    st.floats(allow_nan=False, allow_infinity=False).map(
        lambda f: graphql.FloatValueNode(value=repr(f))
    ),
    st.text(max_size=10).map(_string),
)
json_values: st.SearchStrategy[graphql.ValueNode] = st.recursive(
    json_leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda v: graphql.ListValueNode(values=tuple(v))),
        st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3).map(
            lambda d: graphql.ObjectValueNode(
                fields=tuple(
                    graphql.ObjectFieldNode(name=graphql.NameNode(value=_name(k)), value=v)
                    for k, v in d.items()
                )
            )
        ),
    ),
    max_leaves=8,
)


def _name(text: str) -> str:
    """A GraphQL name from any text (object literal keys must be names)."""
    cleaned = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in text)
    return cleaned if cleaned and not cleaned[0].isdigit() else "_" + cleaned


CUSTOM_SCALARS: dict[str, st.SearchStrategy[graphql.ValueNode]] = {
    "ID": _global_ids().map(_string),
    "String": strings.map(_string),
    "Int": int_nodes,
    "Date": st.one_of(_dates().map(_string), int_nodes),
    "DateTime": st.one_of(_datetimes().map(_string), int_nodes),
    "JSON": json_values,
    # Files come by the multipart spec, never in the query: any literal must be refused.
    "Upload": strings.map(_string),
}
assert set(CUSTOM_SCALARS) - {"ID", "String", "Int"} <= set(GRAPHQL_SCHEMA.type_map)
_UNSUPPORTED = (
    {
        n
        for n, t in GRAPHQL_SCHEMA.type_map.items()
        if isinstance(t, graphql.GraphQLScalarType) and not n.startswith("__")
    }
    - set(CUSTOM_SCALARS)
    - {"Boolean", "Float"}
)
assert not _UNSUPPORTED, f"give these scalars a strategy: {_UNSUPPORTED}"

# --- documents: inline arguments, some hoisted into variables -------------------------------

Document = graphql.DocumentNode
Requests = st.SearchStrategy[tuple[str, dict[str, Any]]]


@st.composite
def _requests(
    draw: st.DrawFn, documents: st.SearchStrategy[Document], hoist: bool
) -> tuple[str, dict[str, Any]]:
    """A generated document and its variables: each argument inline or as a variable."""
    document = draw(documents)
    if not hoist:
        return graphql.print_ast(document), {}
    variables: dict[str, Any] = {}
    definitions: list[graphql.VariableDefinitionNode] = []
    counter = itertools.count()
    type_info = graphql.TypeInfo(GRAPHQL_SCHEMA)

    class Hoist(graphql.Visitor):
        def enter_argument(self, node: graphql.ArgumentNode, *_: Any) -> Any:
            argument = type_info.get_argument()
            if argument is None or not draw(st.booleans()):
                return None
            name = f"v{next(counter)}"
            variables[name] = graphql.value_from_ast_untyped(node.value)
            definitions.append(
                graphql.VariableDefinitionNode(
                    variable=graphql.VariableNode(name=graphql.NameNode(value=name)),
                    type=graphql.parse_type(str(argument.type)),
                    directives=(),
                )
            )
            return graphql.ArgumentNode(
                name=node.name, value=graphql.VariableNode(name=graphql.NameNode(value=name))
            )

    edited = graphql.visit(document, graphql.TypeInfoVisitor(type_info, Hoist()))
    operation = edited.definitions[0]
    assert isinstance(operation, graphql.OperationDefinitionNode)
    operation = dataclasses.replace(operation, variable_definitions=tuple(definitions))
    return graphql.print_ast(graphql.DocumentNode(definitions=(operation,))), variables


def _identity(document: graphql.DocumentNode) -> graphql.DocumentNode:
    return document


# --- focused requests: one root field, a few arguments, every value a variable ---------------
# hypothesis-graphql fills input objects with many optional fields at once, so a deep filter
# condition (organizations' creationDateTime.gt, say) seldom comes alone and a refusal of a
# sibling hides it. Here each input object sets one or two fields, all sent as variables.

JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
SCALAR_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "ID": _global_ids(),
    "String": strings,
    "Int": st.one_of(ints, st.sampled_from([2**31, 2**63, 2**64 + 1])),
    "Float": st.one_of(st.floats(allow_nan=False, allow_infinity=False), ints),
    "Boolean": st.booleans(),
    "Date": _dates(),
    "DateTime": _datetimes(),
    "JSON": JSON_VALUES,
    "Upload": strings,
}


def _value(type_: graphql.GraphQLInputType, depth: int = 0) -> st.SearchStrategy[Any]:
    """A JSON variable value for ``type_``: mostly valid in shape, hostile in content."""
    if isinstance(type_, graphql.GraphQLNonNull):
        return _value(type_.of_type, depth)
    if isinstance(type_, graphql.GraphQLScalarType):
        return SCALAR_VALUES[type_.name]
    if isinstance(type_, graphql.GraphQLEnumType):
        return st.sampled_from(sorted(type_.values))
    if isinstance(type_, graphql.GraphQLList):
        return st.lists(_value(type_.of_type, depth + 1), max_size=3)
    assert isinstance(type_, graphql.GraphQLInputObjectType)
    required = sorted(n for n, f in type_.fields.items() if graphql.is_required_input_field(f))
    optional = sorted(set(type_.fields) - set(required))
    if depth >= 3:  # and/or/not nest without end: stop with required fields only
        optional = []
    least = 0 if required else 1  # an empty condition tests nothing
    chosen = (
        st.lists(st.sampled_from(optional), min_size=least, max_size=2, unique=True)
        if optional
        else st.just([])
    )
    return chosen.flatmap(
        lambda names: st.fixed_dictionaries(
            {n: _value(type_.fields[n].type, depth + 1) for n in [*required, *names]}
        )
    )


def _selection(type_: graphql.GraphQLOutputType) -> str:
    named = graphql.get_named_type(type_)
    if not isinstance(named, graphql.GraphQLObjectType | graphql.GraphQLInterfaceType):
        return ""
    fields = named.fields
    picked = ["__typename"] + [n for n in ("id", "totalCount") if n in fields]
    if "nodes" in fields:
        picked.append("nodes { __typename id }")
    if "userErrors" in fields:
        picked.append("userErrors { __typename }")
    return "{ " + " ".join(picked) + " }"


@st.composite
def _focused(draw: st.DrawFn, root_type: graphql.GraphQLObjectType) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(root_type.fields)))
    field = root_type.fields[name]
    sent = [
        a
        for a, arg in sorted(field.args.items())
        if graphql.is_required_argument(arg) or draw(st.booleans())
    ]
    variables = {a: draw(_value(field.args[a].type)) for a in sent}
    definitions = ", ".join(f"${a}: {field.args[a].type}" for a in sent)
    arguments = ", ".join(f"{a}: ${a}" for a in sent)
    operation = "query" if root_type is GRAPHQL_SCHEMA.query_type else "mutation"
    query = (
        f"{operation}{f'({definitions})' if sent else ''} "
        f"{{ {name}{f'({arguments})' if sent else ''} {_selection(field.type)} }}"
    )
    return query, variables


def _strategy(root: Any, root_type: graphql.GraphQLObjectType | None) -> Requests:
    """Mostly one root field per document (a refusal of one field, by the cost limit say,
    refuses its whole document), some over the whole root, some with one violation, and a
    third focused (see above)."""
    assert root_type is not None

    def documents(mode: Mode, fields: list[str] | None) -> st.SearchStrategy[Document]:
        made: st.SearchStrategy[Document] = root(
            GRAPHQL_SCHEMA,
            fields=fields,
            custom_scalars=CUSTOM_SCALARS,
            print_ast=_identity,
            mode=mode,
        )
        return made

    names = sorted(root_type.fields)
    one = st.sampled_from(names).flatmap(lambda name: documents(Mode.POSITIVE, [name]))
    return st.one_of(
        _requests(one, hoist=False),
        _requests(one, hoist=True),
        _requests(documents(Mode.POSITIVE, None), hoist=True),
        _requests(documents(Mode.NEGATIVE, None), hoist=False),
        _focused(root_type),
        _focused(root_type),
    )


QUERIES = _strategy(queries, GRAPHQL_SCHEMA.query_type)
MUTATIONS = _strategy(mutations, GRAPHQL_SCHEMA.mutation_type)

# --- the property ---------------------------------------------------------------------------


class ServerLog(logging.Handler):
    """The gateway's error log lines, with their tracebacks, to quote them in failures."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def about(self, request_id: str) -> str:
        return "\n".join(line for line in self.lines if request_id in line)


@pytest.fixture(scope="module")
def server_log() -> Iterator[ServerLog]:
    handler = ServerLog()
    logger = logging.getLogger("partner_graph")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


_ids = itertools.count()


def _problems(status: int, text: str) -> list[str]:
    if status not in (200, 400):
        return [f"HTTP {status}"]
    try:
        body = json.loads(text)
    except ValueError:
        return [f"HTTP {status} with a body that is not JSON"]
    if not isinstance(body, dict) or not ({"data", "errors"} & body.keys()):
        return ["the body has neither data nor errors"]
    found = []
    for error in body.get("errors") or ():
        code = (error.get("extensions") or {}).get("code") if isinstance(error, dict) else None
        if not code:
            found.append(f"an error without extensions.code: {error}")
        elif code == "INTERNAL_SERVER_ERROR" or "Unexpected error" in str(error.get("message")):
            found.append(f"an unexpected error: {error}")
    return found


def _record(path: Path, report: Mapping[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(report, ensure_ascii=False) + "\n")


async def _check(
    graph: Graph, log: ServerLog, request: tuple[str, dict[str, Any]], what: str
) -> None:
    query, variables = request
    request_id = f"fuzz-{what}-{next(_ids)}"
    response = await graph.http.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"x-request-id": request_id},
    )
    problems = _problems(response.status_code, response.text)
    if not problems:
        return
    report: Mapping[str, Any] = {
        "what": what,
        "problems": problems,
        "query": query,
        "variables": variables,
        "status": response.status_code,
        "body": response.text[:4000],
        "server_log": log.about(request_id),
    }
    if COLLECT:
        _record(Path(COLLECT), report)
        return
    pytest.fail(
        "\n".join(
            [
                *problems,
                f"query: {query}",
                f"variables: {json.dumps(variables, ensure_ascii=False)}",
                f"response {response.status_code}: {response.text[:2000]}",
                f"server log:\n{report['server_log'] or '(nothing logged)'}",
            ]
        ),
        pytrace=False,
    )


@settings(FUZZ, max_examples=QUERY_EXAMPLES)
@given(request=QUERIES)
async def test_generated_queries_never_fail_unexpectedly(
    graph: Graph, server_log: ServerLog, request: tuple[str, dict[str, Any]]
) -> None:
    await _check(graph, server_log, request, "query")


@settings(FUZZ, max_examples=MUTATION_EXAMPLES)
@given(request=MUTATIONS)
async def test_generated_mutations_never_fail_unexpectedly(
    graph: Graph, server_log: ServerLog, request: tuple[str, dict[str, Any]]
) -> None:
    await _check(graph, server_log, request, "mutation")
