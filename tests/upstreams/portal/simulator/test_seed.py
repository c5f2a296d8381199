"""The simulator's data set: deterministic, varied, with real OpenAPI documents."""

from __future__ import annotations

import orjson
import yaml

from upstreams.portal import wire
from upstreams.portal.simulator.seed import EXAMPLE_API_ID, build_seed, visibility_counts


def test_the_seed_is_deterministic() -> None:
    first, second = build_seed(scale=60), build_seed(scale=60)
    assert [a.id for a in first.apis] == [a.id for a in second.apis]
    assert [a.oas.content for a in first.apis] == [a.oas.content for a in second.apis]
    assert [r.id for r in first.requests] == [r.id for r in second.requests]
    assert [a.id for a in build_seed(scale=60, seed=3).apis][1:] != [a.id for a in first.apis][1:]


def test_the_catalog_spans_every_value_of_the_document() -> None:
    seed = build_seed(scale=60)
    apis = seed.apis
    assert len(apis) == 60
    assert apis[0].id == EXAMPLE_API_ID
    assert len({a.id for a in apis}) == 60
    assert all(visibility_counts(apis)[v] >= 3 for v in wire.VISIBILITIES)
    assert {a.category for a in apis} == set(wire.CATEGORIES)
    assert {a.type for a in apis} == set(wire.API_TYPES)
    assert {a.authentication for a in apis} == set(wire.AUTHENTICATIONS)
    assert len({a.producer_id for a in apis}) >= 4
    assert {r.status for r in seed.requests} == set(wire.ACCESS_STATUSES)
    assert all(a.host_servers for a in apis)
    assert all(wire.API_ID.valid(a.id) for a in apis)


def test_every_oas_document_is_openapi_3_in_json_or_yaml() -> None:
    extensions = set()
    for api in build_seed(scale=60).apis:
        extension = wire.extension_of(api.oas.filename)
        extensions.add(extension)
        if extension == ".json":
            document = orjson.loads(api.oas.content)
        else:
            document = yaml.safe_load(api.oas.content)
        assert document["openapi"] == "3.0.3"
        assert document["info"]["version"] == api.version
        assert [s["url"] for s in document["servers"]] == [s.url for s in api.host_servers]
        assert document["components"]["securitySchemes"]
        operations = [op for item in document["paths"].values() for op in item]
        assert len(operations) >= 4
        assert api.oas.media_type == wire.OAS_MEDIA_TYPES[extension]
    assert extensions == {".json", ".yaml", ".yml"}


def test_scale_sets_the_catalog_size() -> None:
    assert len(build_seed(scale=1).apis) == 1
    assert len(build_seed(scale=150).apis) == 150
    names = [a.name for a in build_seed(scale=150).apis]
    assert len(set(names)) == len(names)
