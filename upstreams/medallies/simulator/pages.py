"""HTML summaries (`_html`)."""

from __future__ import annotations

import html

from aiohttp import web

from upstreams.medallies.simulator.directives import _HTML, _flag
from upstreams.simulators._kit import json_response

# --- HTML summaries -----------------------------------------------------------------------


def _html_value(value: object) -> str:
    if value is None:
        return "<em>null</em>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        rows = "".join(
            f"<tr><th>{html.escape(str(k))}</th><td>{_html_value(v)}</td></tr>"
            for k, v in value.items()
        )
        return f"<table>{rows}</table>"
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            columns = list(dict.fromkeys(k for v in value for k in v))
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
            body = "".join(
                "<tr>" + "".join(f"<td>{_html_value(row.get(c))}</td>" for c in columns) + "</tr>"
                for row in value
            )
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        return "<ul>" + "".join(f"<li>{_html_value(v)}</li>" for v in value) + "</ul>"
    return html.escape(str(value))


def _html_page(title: str, data: object, status: int) -> web.Response:
    text = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f"<h1>{html.escape(title)}</h1>{_html_value(data)}</body></html>"
    )
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def _answer(request: web.Request, data: object, status: int = 200, title: str = "") -> web.Response:
    if _flag(request.query, _HTML):
        return _html_page(title or f"MedAllies {request.path}", data, status)
    return json_response(data, status)
