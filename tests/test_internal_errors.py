"""Internal errors stay internal errors (issue 21, item 2).

Only a query the user got wrong is a ``QueryError`` (exit status 1 with one
line). A bug anywhere on the search path must reach the caller as itself: the
suite fails on it, and ``paperfinder search`` reports it as an internal error
(exit status 2), never as a mistake in the query. Each test makes one of our
own functions on that path raise ``RuntimeError`` (whoosh and spaCy are not
touched) and checks that the RuntimeError comes out.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from paperfinder.backends.whoosh import backend, searching, store
from paperfinder.backends.whoosh import compile as compile_mod
from paperfinder.errors import QueryError
from paperfinder.search import service as search_mod
from paperfinder.search import syntax as syntax_mod
from paperfinder.search.service import Filters, search


class Injected(RuntimeError):
    pass


def _boom(*_a, **_k):
    raise Injected("injected fault")


# (module, function, how search is called so that the function is reached)
PATH = [
    # inside the block that once turned every exception into QueryError("query could not be run")
    (searching, "_matching", dict(query="fostering", facets=("authority",)), False),
    (searching, "_raw_hits", dict(query="fostering"), True),
    (searching, "_scored_in_arrays", dict(query="fostering"), True),
    (backend, "_bounded_fuzzy", dict(query="fostering"), True),
    (syntax_mod, "_tokenize", dict(query="fostering"), True),
    (backend, "compile_query", dict(query="fostering"), True),
    (search_mod, "hit_of_record", dict(query="fostering"), True),
    (search_mod, "_filter_query", dict(query="fostering", filters=Filters(authority="Westminster")), True),
]


@pytest.mark.parametrize("module,name,call,arrays", PATH, ids=[p[1] for p in PATH])
def test_a_fault_on_the_search_path_propagates_as_itself(corpus_index, monkeypatch, module, name, call, arrays):
    # without the array scorer every query goes through whoosh's collector, where the
    # catch-all used to be
    monkeypatch.setattr(searching, "SCORE_IN_ARRAYS", arrays)
    search(call["query"], corpus_index, filters=call.get("filters"), facets=call.get("facets", ()))  # sound first
    monkeypatch.setattr(module, name, _boom)
    with pytest.raises(Injected):
        search(call["query"], corpus_index, filters=call.get("filters"), facets=call.get("facets", ()))


def test_a_fault_in_our_query_compiler_is_not_a_query_error(corpus_index, monkeypatch):
    """Only a query the parser cannot read is a QueryError: a bug compiling one is itself."""
    monkeypatch.setattr(compile_mod._Compiler, "_term", _boom)
    with pytest.raises(Injected):
        search("fostering", corpus_index)


def test_a_query_whoosh_cannot_read_is_a_query_error(corpus_index):
    # "<0": whoosh's GtLtPlugin indexes an empty group (IndexError in whoosh's own code)
    with pytest.raises(QueryError) as exc:
        search("<0", corpus_index)
    assert "cannot parse query" in str(exc.value)
    # user mistakes the search module checks itself
    with pytest.raises(QueryError, match="is not an amount"):
        search("fostering", corpus_index, filters=Filters(min_amount="lots"))
    with pytest.raises(QueryError, match="--limit must be 0 or more"):
        search("fostering", corpus_index, limit=-1)


_CLI = textwrap.dedent(
    """
    import sys
    from paperfinder.backends.whoosh import {module}
    from paperfinder import cli

    def boom(*a, **k):
        raise RuntimeError("injected fault")

    {module}.{name} = boom
    sys.argv = ["paperfinder", "search", "fostering", "--index", sys.argv[1]]
    cli.main()
    """
)


@pytest.mark.parametrize("module,name", [("searching", "_raw_hits"), ("backend", "_bounded_fuzzy")])
def test_cli_reports_a_fault_as_an_internal_error_not_a_query_error(corpus_index, module, name):
    env = {k: v for k, v in os.environ.items() if k != "PAPERFINDER_DEBUG"}
    r = subprocess.run([sys.executable, "-c", _CLI.format(module=module, name=name), str(corpus_index)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 2, (r.returncode, r.stderr)  # 1 is a user's error
    assert "internal error: RuntimeError: injected fault" in r.stderr, r.stderr
    assert "query" not in r.stderr.lower().split("internal error")[0]
    # and with PAPERFINDER_DEBUG the exception itself comes out, traceback and all
    r = subprocess.run([sys.executable, "-c", _CLI.format(module=module, name=name), str(corpus_index)],
                       capture_output=True, text=True, env=dict(env, PAPERFINDER_DEBUG="1"), timeout=300)
    assert r.returncode == 1 and "Traceback" in r.stderr and "RuntimeError: injected fault" in r.stderr, r.stderr


@pytest.mark.parametrize("kind", [TypeError, KeyError, AttributeError, ValueError])
def test_a_bug_of_a_kind_damaged_files_also_raise_is_not_called_damage(corpus_index, monkeypatch, kind):
    """whoosh raises these kinds on damaged bytes, and the search path reports those as
    a damaged index; raised by a line of ours they are a bug and come out as themselves."""
    from paperfinder.errors import IndexCorruptError

    def bug(*_a, **_k):
        raise kind("injected fault")

    monkeypatch.setattr(searching, "SCORE_IN_ARRAYS", False)
    monkeypatch.setattr(searching, "_matching", bug)
    with pytest.raises(kind) as exc:
        search("fostering", corpus_index, facets=("authority",))
    assert not isinstance(exc.value, (IndexCorruptError, QueryError))
    monkeypatch.setattr(store, "_check_sums", bug)
    store._OPEN.clear()
    with pytest.raises(kind):
        store.open_index(corpus_index)
