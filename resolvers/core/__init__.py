"""Shared resolver machinery: the request context, paging, predicates, writes, values."""
