from __future__ import annotations

import pytest

from resolvers.core.errors import BadUserInput
from resolvers.onboarding import check_filter_error
from upstreams import UpstreamRejected


def test_filter_errors_name_the_filter_path() -> None:
    exc = UpstreamRejected(
        "medallies",
        "listOrganizations",
        status=400,
        error_codes=("154",),
        field_errors={"filterOn.filters[1]": ["EMPTY_LIST"]},
        detail="EMPTY_LIST",
    )
    with pytest.raises(BadUserInput) as info:
        check_filter_error(exc)
    assert info.value.extensions["code"] == "BAD_USER_INPUT"
    assert info.value.extensions["filterPath"] == ["filterOn.filters[1]"]
    # Other refusals are not filter errors.
    check_filter_error(UpstreamRejected("medallies", "x", status=400, error_codes=("101",)))
