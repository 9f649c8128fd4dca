"""The web page: server-rendered pages over the same library calls as the command line.

Each route reads its query string, calls the one library function the matching
command calls (``search.search``, ``answer.ask``, ``tracking.list_events`` and
``timeline``, ``export.export_bytes``, ``documents.list_documents`` /
``get_document`` / ``original_file``) and renders a Jinja2 template.

Safe by construction:
- templates autoescape, and the only markup built here (``<mark>`` around
  matched words) escapes the text around it: paper text is always shown as text;
- only GET (and HEAD) routes: anything else is 405;
- a file is served only by doc_id, looked up in the index: no path from the URL
  reaches the disk;
- a Content-Security-Policy forbids every script, inline or not, on every page,
  and sandboxes the original files;
- a user error is a page with its one-line message (400, or 404 for a document
  or an index that is not there); anything unexpected is a page naming the error
  (500), never a traceback.

Nothing here imports whoosh or spaCy itself; the library does, on first use.
"""

from __future__ import annotations

import logging
import re
import socket
import threading
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from paperfinder.errors import NoIndexError, NotFoundError, PaperfinderError

if TYPE_CHECKING:  # the library (and whoosh with it) is imported on first use
    from paperfinder.search.service import Filters

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 20
EVENTS_PAGE = 30
FACETS = ("authority", "person", "year", "doc_type", "section_type")
FACET_MAX = 50  # values a search's facet lists (the 12 most frequent, the rest under "more"); the others counted
FACET_TITLES = {"authority": "Council", "person": "Person", "year": "Year", "doc_type": "Document type", "section_type": "Section type"}
FILTER_KEYS = ("authority", "person", "since", "until", "doc_type", "section_type", "min_amount", "max_amount")
FLAG_KEYS = ("undated", "present")
SORTS = ("relevance", "newest", "oldest")
CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# an original file (an HTML paper may hold scripts) is shown in a sandbox: no scripts, no origin
FILE_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
FILE_TYPES = {".txt": "text/plain; charset=utf-8", ".md": "text/plain; charset=utf-8", ".html": "text/html",
              ".htm": "text/html", ".pdf": "application/pdf"}

log = logging.getLogger("paperfinder.web")

_env = Environment(
    loader=FileSystemLoader(str(HERE / "templates")),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
# one library call at a time: the index reader keeps per-query state
_LOCK = threading.Lock()


# ---- text with marks ----------------------------------------------------------------

_SNIPPET_MARK = re.compile(r"\*\*(.+?)\*\*", re.S)
_ANSWER_MARK = re.compile("\u00ab(.+?)\u00bb", re.S)  # « » as answer.py marks the answer in its sentence


def _marked(text: str | None, pattern: re.Pattern) -> Markup:
    """Text escaped, with the marked parts in <mark>: the only HTML made from paper text."""
    if not text:
        return Markup("")
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(Markup("<mark>") + escape(m.group(1)) + Markup("</mark>"))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


_env.filters["snippet"] = lambda s: _marked(" ".join((s or "").split()), _SNIPPET_MARK)
_env.filters["answer_marked"] = lambda s: _marked(s, _ANSWER_MARK)
_env.filters["label"] = lambda s: (s or "").replace("_", " ")


# ---- query strings --------------------------------------------------------------------

def params_of(request: Request, keys: tuple[str, ...] = ("q",) + FILTER_KEYS + ("sort",)) -> dict[str, str]:
    """The page's query and filters as given (blank values dropped): what links carry on."""
    qp = request.query_params
    out = {}
    for k in keys:
        v = qp.get(k, "").strip()
        if v:
            out[k] = v
    for k in FLAG_KEYS + ("all", "every"):
        if qp.get(k, "") in ("1", "on", "true", "yes"):
            out[k] = "1"
    return out


def url(path: str, params: dict[str, str] | None = None, **changes: Any) -> str:
    """``path`` with ``params`` and ``changes`` (None or "" removes a key) as its query string."""
    merged = dict(params or {})
    for k, v in changes.items():
        if v is None or v == "" or v is False:
            merged.pop(k, None)
        else:
            merged[k] = str(v)
    qs = urlencode(merged)
    return path + ("?" + qs if qs else "")


_env.globals["url"] = url


def _cite(source, line_start, line_end, page=None, page_end=None) -> str:
    from paperfinder.model import citation

    return citation(source, line_start, line_end, page, page_end)


_env.globals["cite"] = _cite


def filters_of(p: dict[str, str]) -> Filters:
    from paperfinder.search.service import Filters

    return Filters(
        authority=p.get("authority"), person=p.get("person"), since=p.get("since"), until=p.get("until"),
        doc_type=p.get("doc_type"), section_type=p.get("section_type"), min_amount=p.get("min_amount"),
        max_amount=p.get("max_amount"), undated="undated" in p, present="present" in p,
    )


def _page_no(request: Request) -> int:
    raw = request.query_params.get("page", "1").strip() or "1"
    if not raw.isdigit() or int(raw) < 1 or int(raw) > 100000:
        raise PaperfinderError(f"page {raw!r} is not a page number", "use a whole number from 1")
    return int(raw)


def _sort(p: dict[str, str], default: str = "relevance") -> str:
    s = p.get("sort", default)
    if s not in SORTS:
        raise PaperfinderError(f"unknown sort {s!r}", "use relevance, newest or oldest")
    return s


# ---- the application -------------------------------------------------------------------

@dataclass
class Site:
    index_dir: str

    def render(self, name: str, code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("index_dir", self.index_dir)
        ctx.setdefault("nav", "")
        return HTMLResponse(_env.get_template(name).render(**ctx), status_code=code)

    def error(self, exc: Exception, status: int, nav: str = "") -> HTMLResponse:
        if isinstance(exc, NoIndexError):
            return self.render("noindex.html", 404, message=exc.message, nav=nav)
        message = " ".join(str(exc).split())
        return self.render("error.html", status, message=message, status=status, nav=nav)

    def choices(self) -> dict[str, list[str]]:
        """Known values for the filter controls (cached by the library per index generation)."""
        from paperfinder.search.service import facet_values

        out = {}
        for name in ("authority", "doc_type", "section_type", "person"):
            out[name] = [v for v in facet_values(self.index_dir, name) if v][:400]
        out["authority"].sort()
        out["doc_type"].sort()
        out["section_type"].sort()
        return out


def page(nav: str) -> Callable:
    """A route handler: library errors become a page with the message, never a traceback."""

    def wrap(fn: Callable[[Site, Request], Response]) -> Callable:
        @wraps(fn)
        def handler(site: Site, request: Request) -> Response:
            try:
                with _LOCK:
                    return fn(site, request)
            except NotFoundError as exc:
                return site.error(exc, 404, nav)
            except NoIndexError as exc:
                return site.error(exc, 404, nav)
            except PaperfinderError as exc:
                return site.error(exc, 400, nav)
            except Exception as exc:  # a bug: the page names it, the log keeps the trace
                log.exception("error on %s", request.url.path)
                return site.error(RuntimeError(f"internal error ({type(exc).__name__}); the server's log has the details"), 500, nav)

        return handler

    return wrap


def _facet_links(result, p: dict[str, str]) -> list[dict[str, Any]]:
    """Each facet value with its count and the link that adds it as a filter.

    A link keeps the search to passages holding every word when this one did
    (``every``), so the count a link promises is the number of results it gives.
    """
    keep = {"every": "1"} if result.match == "all words" and p.get("q") else {}
    panels = []
    for name in FACETS:
        counts = result.facets.get(name) or {}
        items = []
        for value, n in list(counts.items())[:FACET_MAX]:
            if name == "year":
                if not re.fullmatch(r"\d{4}", value):
                    items.append({"value": value, "count": n, "href": None, "active": False})
                    continue
                active = p.get("since") == f"{value}-01-01" and p.get("until") == f"{value}-12-31"
                # the year's passages only: undated papers are not of the year
                href = url("/", p, since=f"{value}-01-01", until=f"{value}-12-31", undated=None, **keep)
            elif name == "person":
                # the facet counts the passages naming the person: not the meetings attended (present)
                active = (p.get(name) or "").lower() == value.lower() and "present" not in p
                href = url("/", p, person=value, present=None, **keep)
            else:
                active = (p.get(name) or "").lower() == value.lower()
                href = url("/", p, **{name: value}, **keep)
            items.append({"value": value, "count": n, "href": href, "active": active})
        more = result.facets_more.get(name) or {}
        panels.append({"name": name, "title": FACET_TITLES[name], "items": items, "left_out": more.get("values", 0),
                       "left_out_passages": more.get("passages", 0), "left_out_estimated": more.get("estimated", False)})
    return panels


def _active_filters(p: dict[str, str], resolved: dict[str, str]) -> list[dict[str, str]]:
    """The filters in force, each with a link that removes it."""
    out = []
    for k in FILTER_KEYS:
        if k in p:
            shown = p[k] if k not in resolved or resolved[k] == p[k] else f"{p[k]} → {resolved[k]}"
            out.append({"name": k.replace("_", " "), "value": shown, "remove": url("/", p, **{k: None})})
    for k in FLAG_KEYS:
        if k in p:
            out.append({"name": k, "value": "yes", "remove": url("/", p, **{k: None})})
    return out


def search_page(site: Site, request: Request) -> Response:
    p = params_of(request)
    ctx: dict[str, Any] = {"p": p, "nav": "search", "choices": site.choices(), "result": None, "active": []}
    if not any(k in p for k in ("q",) + FILTER_KEYS + FLAG_KEYS):
        return site.render("search.html", **ctx)
    from paperfinder.search.service import RERANK_DEPTH, search

    n = _page_no(request)
    sort = _sort(p)
    # every page comes from one ranking (the proximity re-ranking always orders the same top
    # candidates: those `paperfinder search` orders), so no hit is on two pages
    result = search(p.get("q", ""), site.index_dir, filters=filters_of(p), limit=n * PAGE_SIZE, sort=sort,
                    facets=FACETS, every_word="every" in p, offset=(n - 1) * PAGE_SIZE, rerank=RERANK_DEPTH,
                    facet_top=FACET_MAX)
    hits = result.hits
    pages = max(1, -(-result.total // PAGE_SIZE))
    ctx.update(
        result=result, hits=hits, page=n, pages=pages, first=(n - 1) * PAGE_SIZE + 1,
        facets=_facet_links(result, p), active=_active_filters(p, result.resolved),
        export_params={k: v for k, v in p.items() if k != "every"},
    )
    return site.render("search.html", **ctx)


def document_page(site: Site, request: Request) -> Response:
    from paperfinder.reports.show import get_document

    doc_id = request.path_params["doc_id"]
    doc = get_document(doc_id, site.index_dir)
    passages = doc["passages"]
    want = request.query_params.get("p", "")
    line = request.query_params.get("line", "")
    at = None
    if want:
        at = next((i for i, x in enumerate(passages) if x["passage_id"] == want), None)
        if at is None:
            raise NotFoundError(f"no passage {want!r} in document {doc_id!r}", "open passages from search results")
    elif line:
        if not line.isdigit():
            raise PaperfinderError(f"line {line!r} is not a line number", "use a whole number")
        at = next((i for i, x in enumerate(passages) if x["line_start"] <= int(line) <= x["line_end"]), None)
        if at is None:  # the nearest passage starting before the line
            before = [i for i, x in enumerate(passages) if x["line_start"] <= int(line)]
            at = before[-1] if before else None
    whole = request.query_params.get("whole") == "1" or at is None
    lo, hi = (0, len(passages)) if whole else (max(0, at - 4), min(len(passages), at + 5))
    shown = []
    last = passages[lo - 1]["section"] if lo else None
    for i in range(lo, hi):
        x = dict(passages[i])
        x["new_section"] = x["section"] != last
        x["target"] = i == at
        x["anchor"] = "p" + str(i)
        last = x["section"]
        shown.append(x)
    return site.render(
        "document.html", nav="documents", doc=doc, meta=doc["document"], doc_id=doc_id, passages=shown,
        target=passages[at] if at is not None else None, target_anchor=f"p{at}" if at is not None else "",
        partial=not whole, before=lo, after=len(passages) - hi, total=len(passages),
    )


def original_file(site: Site, request: Request) -> Response:
    from paperfinder.reports.show import original_file as find

    path = find(request.path_params["doc_id"], site.index_dir)
    kind = FILE_TYPES.get(path.suffix.lower(), "application/octet-stream")
    resp = FileResponse(path, media_type=kind, content_disposition_type="inline" if path.suffix.lower() in FILE_TYPES else "attachment",
                        filename=path.name)
    resp.headers["Content-Security-Policy"] = FILE_CSP
    return resp


def ask_page(site: Site, request: Request) -> Response:
    p = params_of(request)
    ctx: dict[str, Any] = {"p": p, "nav": "ask", "choices": site.choices(), "ans": None}
    if p.get("q"):
        from paperfinder.answer.retrieval import ask

        # as the command does: the filters object always passed (a question's names are not turned into filters)
        ctx["ans"] = ask(p["q"], site.index_dir, filters=filters_of(p))
    return site.render("ask.html", **ctx)


def events_page(kind: str) -> Callable[[Site, Request], Response]:
    def handler(site: Site, request: Request) -> Response:
        from paperfinder.reports.registers import default_order, list_events

        p = params_of(request)
        q = p.get("q", "")
        order = _sort(p, default_order(q))
        n = _page_no(request)
        read, events = list_events(kind, q, site.index_dir, filters=filters_of(p), sort=order, procedural="all" in p)
        pages = max(1, -(-len(events) // EVENTS_PAGE))
        shown = events[(n - 1) * EVENTS_PAGE : n * EVENTS_PAGE]
        return site.render(
            "events.html", nav=kind + "s", kind=kind, p=p, choices=site.choices(), events=shown, total=len(events),
            read=read, order=order, page=n, pages=pages, first=(n - 1) * EVENTS_PAGE + 1, path="/" + kind + "s",
        )

    return handler


def timeline_page(site: Site, request: Request) -> Response:
    p = params_of(request)
    events = None
    if p.get("q"):
        from paperfinder.reports.registers import timeline

        events = timeline(p["q"], site.index_dir, filters=filters_of(p))
    return site.render("timeline.html", nav="timeline", p=p, choices=site.choices(), events=events)


def documents_page(site: Site, request: Request) -> Response:
    from paperfinder.reports.show import list_documents

    p = params_of(request, ("authority", "person", "since", "until", "doc_type"))
    docs = list_documents(site.index_dir, filters_of(p))
    return site.render("documents.html", nav="documents", p=p, choices=site.choices(), docs=docs)


EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8", "md": "text/markdown; charset=utf-8"}


def export_file(site: Site, request: Request) -> Response:
    from paperfinder.reports.export import export_bytes

    fmt = request.path_params["fmt"]
    if fmt not in EXPORT_TYPES:
        raise NotFoundError(f"no export format {fmt!r}", "use csv, jsonl or md")
    p = params_of(request)
    _n, data = export_bytes(p.get("q", ""), site.index_dir, fmt, filters=filters_of(p), sort=_sort(p))
    return Response(data, media_type=EXPORT_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="paperfinder-export.{fmt}"'})


def watch_feed(site: Site, request: Request) -> Response:
    """A saved search's Atom feed (``paperfinder watch feed``); the name is only looked up
    among the index's watches, never used as a path."""
    from paperfinder.reports.watches import atom_feed

    name = request.path_params["name"]
    base = str(request.base_url).rstrip("/")
    xml = atom_feed(
        site.index_dir,
        name,
        link=lambda h: f"{base}/doc/{quote(h.doc_id, safe='')}?{urlencode({'p': h.passage_id})}",
        feed_url=f"{base}/watch/{quote(name, safe='')}.atom",
    )
    return Response(xml, media_type="application/atom+xml")


class _Headers:
    """Security headers on every response (a route may set its own policy first)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _v in headers}
                extra = {b"content-security-policy": CSP.encode(), b"x-content-type-options": b"nosniff",
                         b"referrer-policy": b"no-referrer", b"x-frame-options": b"DENY"}
                headers += [(k, v) for k, v in extra.items() if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with)


def create_app(index_dir: str | Path) -> Starlette:
    """The web application over the index at ``index_dir`` (it need not exist yet)."""
    site = Site(str(index_dir))

    def bind(fn: Callable, nav: str) -> Callable:
        guarded = page(nav)(fn)

        def endpoint(request: Request) -> Response:
            return guarded(site, request)

        return endpoint

    routes = [
        Route("/", bind(search_page, "search"), methods=["GET"]),
        Route("/doc/{doc_id}", bind(document_page, "documents"), methods=["GET"]),
        Route("/file/{doc_id}", bind(original_file, "documents"), methods=["GET"]),
        Route("/ask", bind(ask_page, "ask"), methods=["GET"]),
        Route("/decisions", bind(events_page("decision"), "decisions"), methods=["GET"]),
        Route("/commitments", bind(events_page("commitment"), "commitments"), methods=["GET"]),
        Route("/timeline", bind(timeline_page, "timeline"), methods=["GET"]),
        Route("/documents", bind(documents_page, "documents"), methods=["GET"]),
        Route("/export.{fmt}", bind(export_file, "search"), methods=["GET"]),
        Route("/watch/{name}.atom", bind(watch_feed, "search"), methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]

    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 405:
            msg = f"{request.method} is not accepted here: this page only reads (GET)"
            resp = site.error(PaperfinderError(msg), 405)
            resp.headers["Allow"] = "GET, HEAD"
            return resp
        if exc.status_code == 404:
            return site.error(PaperfinderError(f"no page at {request.url.path}", "start from the search page"), 404)
        return site.error(PaperfinderError(str(exc.detail)), exc.status_code)

    async def server_error(request: Request, exc: Exception) -> Response:
        try:
            return site.error(RuntimeError(f"internal error ({type(exc).__name__})"), 500)
        except Exception:  # the error page itself failed: a plain one
            return HTMLResponse("<!doctype html><title>Error</title><p>internal error</p>", status_code=500)

    # Starlette types a handler as taking any Exception; http_error takes the HTTPException it is registered for
    handlers: dict[Any, Any] = {HTTPException: http_error, Exception: server_error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.add_middleware(_Headers)
    return app


def _check_port(host: str, port: int) -> None:
    """Fail with one line when the address cannot be listened on (in use, no such host)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise PaperfinderError(f"cannot listen on {host}:{port} ({exc.strerror or exc})", "check --host") from None
    family, _t, _p, _c, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as exc:
            raise PaperfinderError(f"cannot listen on {host}:{port} ({exc.strerror or exc})", "choose another --port, or stop what uses it") from None


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(index_dir: str | Path, host: str = "127.0.0.1", port: int = 8080, say: Callable[[str], None] = print) -> None:
    """Run the page until interrupted, saying the address to open."""
    import uvicorn

    _check_port(host, port)
    app = create_app(index_dir)
    say(f"paperfinder: serving the index {index_dir} at {address(host, port)} (open it in a browser; Ctrl-C stops)")
    if not is_loopback(host):
        say(f"note: listening on {host}, so other machines that reach it can read these papers")
    if not Path(index_dir).is_dir():
        say(f"note: there is no index at {index_dir} yet; the page says how to build one")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
