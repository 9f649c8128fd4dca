"""Benchmark of issue 7: paperfinder indexing and search at scale, against plain whoosh.

One command::

    .venv/bin/python bench/run.py                    # 100,000 passages (about 10-30 min)
    .venv/bin/python bench/run.py --quick            # 5,000 passages, fewer repeats
    .venv/bin/python bench/run.py --passages 100000 --out bench/out/results.json [--profile]

Steps (all in one run, on one machine):

1. corpus: ``bench/make_corpus.py`` builds (or reuses) a scaled corpus of
   varied copies of the bundled papers in ``--corpus`` (default
   ``bench/out/corpus``).
2. passages for the baseline: every file is read and sectioned with
   paperfinder's own reader and sectioner (``ingest.read_documents`` +
   ``sections.passages_of``, no entity tagging) *outside* any timed region and
   saved to ``<work>/passages.pickle``.
3. ``paperfinder index CORPUS --index <work>/pf-index --quiet`` as a
   subprocess: wall clock, peak memory of the process tree (the command and
   its ProcessPoolExecutor workers; sampled from /proc every 0.25 s: sum of RSS,
   sum of PSS, largest single process; and the kernel's exact max RSS of any
   single process from ``wait4``), index size on disk.
4. baseline: plain whoosh in a subprocess, schema ``text=TEXT(StemmingAnalyzer,
   stored)`` + ID fields (passage_id, doc_id, source, authority, year,
   doc_type, section_type), one writer (whoosh defaults: limitmb=128, procs=1),
   ``add_document`` per passage, ``commit``. Timed from the first
   ``add_document`` to the end of ``commit`` (loading the pickle is not timed).
   It runs before and after paperfinder; the faster run is the baseline.
5. queries: 50 queries through ``paperfinder.search.service.search`` in this process
   (kinds: words, phrases, filters, facets, filters+facets, typo), one warm-up
   then ``--reps`` timed runs each; p50/p95 per kind. Plain whoosh on the
   baseline index, in a subprocess that never applies paperfinder's changes
   to whoosh (``paperfinder/backends/whoosh/patches.py``): the word queries (AND of the words over ``text``, limit 10,
   stored fields of the hits read), with and without facets (authority, year,
   doc_type, section_type); index opened once, one searcher per query.
6. the whole ``paperfinder search "..." --index ...`` command: median wall
   time of ``--cmd-runs`` runs after one warm-up (start-up included); beside it
   a bare python+whoosh search script.
7. re-index: ``paperfinder index`` again with nothing changed, then with 1% of
   the files changed (a sentence appended to their last paragraph; restored
   afterwards so the corpus stays reusable).
8. ``--profile``: cProfile of ``index_paths(workers=1)`` on a 5,000-passage
   corpus and of 20 queries on the benchmark index; top functions by
   cumulative and own time.

Results go to ``--out`` (JSON) and a table of issue 7's targets is printed.

The code under test is paperfinder as committed at git HEAD (``--code head``,
exported to ``bench/out/code`` and put first on PYTHONPATH, so edits in
progress do not change a run half-way); ``--code worktree`` tests the working
tree. The commit and a hash of the code are in the results.
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import os
import pickle
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_DIR = ROOT / "bench" / "out" / "code"  # a snapshot of paperfinder/ at git HEAD (``--code head``)


def _use_code(argv: list[str]) -> None:
    """Put the paperfinder under test first on sys.path (before it is imported) and in PYTHONPATH."""
    mode = "head"
    for i, arg in enumerate(argv):
        if arg == "--code" and i + 1 < len(argv):
            mode = argv[i + 1]
        elif arg.startswith("--code="):
            mode = arg.split("=", 1)[1]
    if "--_baseline-index" in argv or "--_baseline-queries" in argv:
        return  # a baseline subprocess: plain whoosh, no paperfinder code to set up
    if mode == "head":
        shutil.rmtree(CODE_DIR, ignore_errors=True)
        CODE_DIR.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "HEAD", "paperfinder"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(CODE_DIR)], input=archive, check=True)
        folder = str(CODE_DIR)
    elif mode == "worktree":
        folder = str(ROOT)
    else:  # a folder holding a paperfinder/ package (e.g. an older version, for before/after figures)
        folder = mode
    # byte-compile it as pip does on install: with PYTHONDONTWRITEBYTECODE set (as on this
    # machine) every command would otherwise compile paperfinder's modules from source, a cost
    # no installed copy pays (about 0.05 s a command)
    compileall.compile_dir(str(Path(folder) / "paperfinder"), quiet=1)
    sys.path.insert(0, folder)
    # the commands run as subprocesses must import this code too, not an installed copy
    os.environ["PYTHONPATH"] = folder + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else "")


sys.path.insert(0, str(ROOT / "bench"))

VENV_BIN = ROOT / ".venv" / "bin"
PAPERFINDER = str(VENV_BIN / "paperfinder")
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
GB = 1024 ** 3

TARGETS = {
    "index_ratio": 2.0,  # paperfinder passages/s >= 2x plain whoosh
    "peak_memory_bytes": 1.5 * GB,
    "query_p95_ms": 100.0,  # with filters and facets, at 100k passages
    "command_median_s": 0.5,
    "unchanged_reindex_s": 10.0,
}
# issue 17, for the tantivy backend (--backend): end to end at 100k, query p95 by corpus size, command at 430k
TARGETS_17 = {
    "index_seconds_100k": 60.0,
    "query_p95_ms": {100_000: 10.0, 430_000: 30.0},
    "command_median_s_430k": 0.3,
    "peak_memory_bytes": 1.5 * GB,
}


def log(*a) -> None:
    print(*a, file=sys.stderr, flush=True)


# ---- process tree measurement ----------------------------------------------------------

def _children_map() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name may hold spaces and brackets: fields follow the last ")"
        rest = stat[stat.rfind(b")") + 2 :].split()
        out.setdefault(int(rest[1]), []).append(int(name))
    return out


def _tree(pid: int) -> list[int]:
    kids = _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _mem(pid: int) -> tuple[int, int]:
    """(rss, pss) of one process in bytes."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss_sum = self.peak_pss_sum = self.peak_rss_single = 0
        self.max_procs = 0
        self.samples = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = _tree(self.pid)
            mems = [_mem(p) for p in pids]
            self.peak_rss_sum = max(self.peak_rss_sum, sum(m[0] for m in mems))
            self.peak_pss_sum = max(self.peak_pss_sum, sum(m[1] for m in mems))
            self.peak_rss_single = max([self.peak_rss_single] + [m[0] for m in mems])
            self.max_procs = max(self.max_procs, sum(1 for m in mems if m[0]))
            self.samples += 1
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _loadavg() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError):
        return float("nan")


def measure(cmd: list[str], cwd: Path = ROOT, sample: bool = True, env: dict | None = None) -> dict:
    """Run a command; wall time, exit status, output and peak memory of its process tree."""
    load0 = _loadavg()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env} if env else None)
    sampler = TreeSampler(proc.pid) if sample else None
    if sampler:
        sampler.start()
    out_chunks: dict[str, str] = {}

    def drain(name, stream):
        out_chunks[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s)) for n, s in (("stdout", proc.stdout), ("stderr", proc.stderr))]
    for r in readers:
        r.start()
    # wait4: exact max RSS of the largest process of the tree (children of children are included once reaped)
    _pid, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    for r in readers:
        r.join()
    if sampler:
        sampler.stop()
    res = {
        "cmd": " ".join(cmd),
        "seconds": wall,
        "returncode": proc.returncode,
        "stdout": out_chunks.get("stdout", ""),
        "stderr": out_chunks.get("stderr", ""),
        "max_rss_single_wait4": ru.ru_maxrss * 1024,
        "cpu_seconds": ru.ru_utime + ru.ru_stime,  # the command and its reaped workers
        "loadavg_before": load0,
        "loadavg_after": _loadavg(),
    }
    if sampler:
        res.update(
            peak_rss_tree=sampler.peak_rss_sum,
            peak_pss_tree=sampler.peak_pss_sum,
            peak_rss_single_sampled=sampler.peak_rss_single,
            max_processes=sampler.max_procs,
            samples=sampler.samples,
        )
    return res


def _tree_hash(d: Path) -> str:
    import hashlib

    h = hashlib.sha1()
    for f in sorted(d.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(d)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def pct(values: list[float], q: float) -> float:
    """Percentile by linear interpolation (q in 0..100)."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def tail(text: str, n: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-n:])


# ---- baseline passages (outside timed regions) --------------------------------------------

def _passages_of_file(path: str) -> list[dict]:
    from paperfinder.ingest.readers import display_source, read_documents
    from paperfinder.ingest.sections import passages_of

    out = []
    for doc in read_documents(path):
        for p in passages_of(doc):
            out.append({
                "passage_id": p.passage_id, "doc_id": doc.doc_id, "source": display_source(path),
                "authority": doc.authority or "", "year": (doc.date or "")[:4], "doc_type": doc.doc_type,
                "section_type": p.section_type, "text": p.text,
            })
    return out


def baseline_passages(corpus: Path, files: list[str], cache: Path) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    passages: list[dict] = []
    with ProcessPoolExecutor(max_workers=2) as pool:
        for chunk in pool.map(_passages_of_file, [str(corpus / f) for f in files], chunksize=8):
            passages.extend(chunk)
    with open(cache, "wb") as fh:
        pickle.dump(passages, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return {"passages": len(passages), "text_chars": sum(len(p["text"]) for p in passages),
            "seconds_untimed": round(time.perf_counter() - t0, 1), "how": "paperfinder read_documents + passages_of (no tagging)"}


BASELINE_FIELDS = ("passage_id", "doc_id", "source", "authority", "year", "doc_type", "section_type")


def _baseline_index(index_dir: str, cache: str, procs: int = 1) -> None:
    """(subprocess) plain whoosh: one writer, add_document per passage, commit.
    With ``procs`` > 1, whoosh's own multi-process writer (one segment per process)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from whoosh import index as windex
        from whoosh.analysis import StemmingAnalyzer
        from whoosh.fields import ID, TEXT, Schema
    with open(cache, "rb") as fh:
        passages = pickle.load(fh)
    schema = Schema(text=TEXT(analyzer=StemmingAnalyzer(), stored=True),
                    **{f: ID(stored=True, unique=(f == "passage_id")) for f in BASELINE_FIELDS})
    os.makedirs(index_dir, exist_ok=True)
    ix = windex.create_in(index_dir, schema)
    t0, c0 = time.perf_counter(), time.process_time()
    w = ix.writer(procs=procs, multisegment=True) if procs > 1 else ix.writer()
    for p in passages:
        w.add_document(**p)
    t_add = time.perf_counter() - t0
    w.commit()
    secs = time.perf_counter() - t0
    _unpatched()
    print(json.dumps({"seconds": secs, "add_seconds": t_add, "cpu_seconds_timed": time.process_time() - c0,
                      "passages": len(passages), "procs": procs}))


BASELINE_SEARCH_SCRIPT = r"""
import sys, warnings
warnings.simplefilter("ignore")
from whoosh import index, qparser
ix = index.open_dir(sys.argv[1])
with ix.searcher() as s:
    q = qparser.QueryParser("text", ix.schema).parse(sys.argv[2])
    for hit in s.search(q, limit=10):
        print(hit["passage_id"], hit["text"][:200].replace("\n", " "))
"""


# ---- queries -------------------------------------------------------------------------------

WORDS = [
    "budget growth", "clinical practice team", "special educational needs", "school meals",
    "care leavers accommodation", "innovation fund grant", "collaboration agreement", "social workers",
    "safeguarding children board", "child protection plan", "transport", "ofsted inspection", "domestic abuse",
]
PHRASES = ['"partners in practice"', '"looked after children"', '"match funding"', '"executive director"',
           '"focus on practice"', '"semi independent living"']
ALL_FACETS = ["authority", "person", "year", "doc_type", "section_type"]


def query_set(manifest: dict) -> list[dict]:
    """50 queries of six kinds; filter values taken from what the corpus holds."""
    auths = list(manifest.get("authorities") or {})
    auths = [a for a in auths if a] or ["Hammersmith and Fulham"]
    a1, a2, a3 = (auths + auths + auths)[:3]
    from make_corpus import council_pool

    pool = {c["canonical"]: c for c in council_pool(manifest["params"]["seed"])}
    # a loose spelling of the third council: its acronym, else its name in lower case
    loose = pool.get(a3, {}).get("acronym") or a3
    loose = loose if loose != a3 else a3.lower()
    Q = []

    def add(kind, q, filters=None, facets=()):
        Q.append({"kind": kind, "query": q, "filters": filters or {}, "facets": list(facets)})

    for w in WORDS:
        add("words", w)
    for p in PHRASES:
        add("phrases", p)
    add("filters", "funding", {"authority": a1})
    add("filters", "child protection", {"authority": a2})
    add("filters", "budget", {"authority": loose})
    add("filters", "safeguarding", {"since": "2015-01-01", "until": "2017-12-31"})
    add("filters", "grant", {"since": "2019-01-01"})
    add("filters", "placements", {"until": "2014-12-31"})
    add("filters", "funding", {"min_amount": 100000})
    add("filters", "grant", {"min_amount": 1_000_000, "max_amount": 10_000_000})
    add("filters", "budget", {"max_amount": 50000})
    add("filters", "school", {"doc_type": "minutes"})
    add("filters", "recommendations", {"doc_type": "cabinet_report"})
    add("filters", "practice", {"doc_type": "committee_report"})
    add("filters", "funding", {"authority": a1, "since": "2012-01-01", "doc_type": "committee_report"})
    add("filters", "children", {"min_amount": 10000, "since": "2016-01-01"})
    for f in ALL_FACETS:
        add("facets", "children", facets=[f])
    add("facets", "funding", facets=ALL_FACETS)
    add("facets", "social care", facets=ALL_FACETS)
    add("facets", "*", facets=ALL_FACETS)
    add("filters+facets", "funding", {"authority": a1}, ALL_FACETS)
    add("filters+facets", "grant", {"since": "2014-01-01", "until": "2019-12-31"}, ["authority", "year"])
    add("filters+facets", "budget", {"min_amount": 100000}, ["doc_type", "section_type", "person"])
    add("filters+facets", "safeguarding", {"doc_type": "committee_report"}, ALL_FACETS)
    add("typo", "buget growth")
    add("typo", "clinical practise teem")
    add("typo", "safegaurding")
    add("typo", "acommodation care leavers")
    add("typo", "safegaurding~")
    assert len(Q) == 50, len(Q)
    return Q


SLOW_QUERY_S = 3.0


def run_queries(index_dir: Path, queries: list[dict], reps: int, dump: Path | None = None) -> dict:
    """Each query: one warm-up, then ``reps`` timed runs, wall (``perf_counter``) and CPU
    (``process_time``: on shared cores the wall time is mostly the queue for a core).
    ``dump``: each query's whole result (``SearchResult.to_dict``), one JSON line a query, to
    compare two versions of the code (run with PYTHONHASHSEED=0: the re-ranking's sums follow
    a set's order)."""
    from paperfinder.search.service import Filters, search

    per_query = []
    times_by_kind: dict[str, list[float]] = {}
    cpu_by_kind: dict[str, list[float]] = {}
    dumped = dump.open("w", encoding="utf-8") if dump is not None else None
    for q in queries:
        flt = Filters(**q["filters"])
        rec = {k: q[k] for k in ("kind", "query", "filters", "facets")}
        try:
            t0 = time.perf_counter()
            res = search(q["query"], index_dir, filters=flt, facets=q["facets"])  # warm-up
            rec["warmup_ms"] = round((time.perf_counter() - t0) * 1000, 2)
            if dumped is not None:
                dumped.write(json.dumps({"q": {k: q[k] for k in ("kind", "query", "filters", "facets")}, "result": res.to_dict()},
                                        default=str, sort_keys=True) + "\n")
            rec.update(total=res.total, hits=len(res.hits), match=res.match, resolved=res.resolved,
                       corrected=res.corrected)
            # a query slower than SLOW_QUERY_S is timed once more only (it fails the target anyway)
            n = 1 if rec["warmup_ms"] > SLOW_QUERY_S * 1000 else reps
            rec["reps"] = n
            ts, cs = [], []
            for _ in range(n):
                c0, t0 = time.process_time(), time.perf_counter()
                search(q["query"], index_dir, filters=flt, facets=q["facets"])
                ts.append((time.perf_counter() - t0) * 1000)
                cs.append((time.process_time() - c0) * 1000)
            rec["ms"] = [round(t, 2) for t in ts]
            rec["median_ms"] = round(statistics.median(ts), 2)
            rec["cpu_ms"] = [round(t, 2) for t in cs]
            rec["cpu_median_ms"] = round(statistics.median(cs), 2)
            times_by_kind.setdefault(q["kind"], []).extend(ts)
            cpu_by_kind.setdefault(q["kind"], []).extend(cs)
        except Exception as exc:  # a library error is a finding, not a crash of the benchmark
            rec["error"] = f"{type(exc).__name__}: {exc}"
            log(f"  query {q['query']!r} {q['filters']} failed: {rec['error']}")
        per_query.append(rec)
    if dumped is not None:
        dumped.close()
    kinds = {k: {"n_queries": sum(1 for q in per_query if q["kind"] == k and "ms" in q), "n_runs": len(v),
                 "p50_ms": round(pct(v, 50), 2), "p95_ms": round(pct(v, 95), 2), "max_ms": round(max(v), 2),
                 "cpu_p50_ms": round(pct(cpu_by_kind[k], 50), 2), "cpu_p95_ms": round(pct(cpu_by_kind[k], 95), 2)}
             for k, v in times_by_kind.items()}

    def both(by_kind: dict[str, list[float]], kinds: tuple[str, ...] | None = None) -> list[float]:
        return [t for k, v in by_kind.items() if kinds is None or k in kinds for t in v]

    ff = ("filters", "facets", "filters+facets")
    all_t, all_c, with_ff, with_ff_c = both(times_by_kind), both(cpu_by_kind), both(times_by_kind, ff), both(cpu_by_kind, ff)
    return {
        "per_kind": kinds,
        "all": {"p50_ms": round(pct(all_t, 50), 2), "p95_ms": round(pct(all_t, 95), 2),
                "cpu_p50_ms": round(pct(all_c, 50), 2), "cpu_p95_ms": round(pct(all_c, 95), 2)},
        "filters_and_facets_kinds": {"p50_ms": round(pct(with_ff, 50), 2), "p95_ms": round(pct(with_ff, 95), 2),
                                     "cpu_p50_ms": round(pct(with_ff_c, 50), 2), "cpu_p95_ms": round(pct(with_ff_c, 95), 2)},
        "load_average": os.getloadavg(),
        "errors": sum(1 for q in per_query if "error" in q),
        "queries": per_query,
    }


def _unpatched() -> None:
    """Stop a baseline run if paperfinder's changes to whoosh (``paperfinder.backends.whoosh.patches``) are in this process."""
    patches = sys.modules.get("paperfinder.backends.whoosh.patches")
    if patches is not None and patches._applied:
        raise SystemExit("plain whoosh baseline: paperfinder's whoosh patches are applied in this process")


def run_baseline_queries(index_dir: Path, reps: int) -> dict:
    """Plain whoosh's word queries, in a process of their own: paperfinder's queries (step 5, in this
    process) apply its patches to whoosh, and the baseline must run on whoosh as released."""
    m = measure([PYTHON, str(Path(__file__).resolve()), "--_baseline-queries", str(index_dir), str(reps)], sample=False)
    if m["returncode"] != 0:
        raise RuntimeError("plain whoosh baseline queries failed:\n" + tail(m["stderr"], 8))
    return json.loads(m["stdout"].strip().splitlines()[-1])


def _baseline_queries(index_dir: Path, reps: int) -> dict:
    """(subprocess) plain whoosh: the word queries, with and without facets."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from whoosh import index as windex
        from whoosh import qparser, sorting

    ix = windex.open_dir(str(index_dir))
    parser = qparser.QueryParser("text", ix.schema, group=qparser.AndGroup)
    facets = {f: sorting.FieldFacet(f) for f in ("authority", "year", "doc_type", "section_type")}
    out = {}
    for label, grouped in (("words", None), ("words+facets", facets)):
        ts = []
        for w in WORDS:
            q = parser.parse(w)

            def once(q=q, grouped=grouped):
                with ix.searcher() as s:
                    kw = {"limit": 10}
                    if grouped:
                        kw["groupedby"] = grouped
                    r = s.search(q, **kw)
                    _ = [dict(h.fields()) for h in r]
                    if grouped:
                        _ = {f: {k: len(v) for k, v in r.groups(f).items()} for f in grouped}
                    return len(r)

            once()
            for _ in range(reps):
                t0 = time.perf_counter()
                once()
                ts.append((time.perf_counter() - t0) * 1000)
        out[label] = {"n_runs": len(ts), "p50_ms": round(pct(ts, 50), 2), "p95_ms": round(pct(ts, 95), 2)}
    _unpatched()
    return out


# ---- profiling ------------------------------------------------------------------------------

def top_functions(stats_path: Path, n: int = 25) -> dict:
    import pstats

    st = pstats.Stats(str(stats_path))
    total = st.total_tt or 1e-9
    rows = []
    for (fname, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():
        short = fname.replace(str(ROOT) + "/", "")
        short = re.sub(r".*/site-packages/", "", short)
        short = re.sub(r".*/lib/python3\.\d+/", "stdlib/", short)
        rows.append({"func": f"{short}:{line}({func})", "calls": nc, "own_s": round(tt, 3),
                     "own_share": round(tt / total, 3), "cum_s": round(ct, 3), "cum_share": round(ct / total, 3)})
    by_cum = sorted(rows, key=lambda r: -r["cum_s"])
    by_own = sorted(rows, key=lambda r: -r["own_s"])
    return {"total_s": round(total, 3), "by_cumulative": by_cum[:n], "by_own_time": by_own[:n]}


def profile_index(corpus: Path, work: Path) -> dict:
    import cProfile

    from paperfinder.index.build import index_paths

    idx = work / "profile-index"
    shutil.rmtree(idx, ignore_errors=True)
    prof = cProfile.Profile()
    err = None
    prof.enable()
    try:
        rep = index_paths([str(corpus)], idx, workers=1)
    except Exception as exc:
        err = exc
    prof.disable()
    path = work.parent / "profile_index.pstats"
    prof.dump_stats(str(path))
    out = top_functions(path)
    out["pstats"] = str(path.relative_to(ROOT))
    if err:
        import traceback

        out["error"] = "".join(traceback.format_exception(err)[-6:])
    else:
        out["passages"] = rep.passages
    shutil.rmtree(idx, ignore_errors=True)
    return out


def profile_queries(index_dir: Path, queries: list[dict], work: Path) -> dict:
    import cProfile

    from paperfinder.search.service import Filters, search

    picked = [q for q in queries if q["kind"] != "typo"][::2][:20]
    for q in picked:  # warm
        try:
            search(q["query"], index_dir, filters=Filters(**q["filters"]), facets=q["facets"])
        except Exception:
            pass
    prof = cProfile.Profile()
    prof.enable()
    for q in picked:
        try:
            search(q["query"], index_dir, filters=Filters(**q["filters"]), facets=q["facets"])
        except Exception:
            pass
    prof.disable()
    path = work.parent / "profile_queries.pstats"
    prof.dump_stats(str(path))
    out = top_functions(path)
    out["pstats"] = str(path.relative_to(ROOT))
    out["queries"] = [f"{q['kind']}: {q['query']} {q['filters']} {q['facets']}" for q in picked]
    return out


def profile_command(index_dir: Path, work: Path) -> dict:
    """Where the `paperfinder search` command spends its time: imports and a cProfile of the whole run."""
    cmd = [PAPERFINDER, "search", "budget growth", "--index", str(index_dir)]
    m = measure(cmd, sample=False, env={"PYTHONPROFILEIMPORTTIME": "1"})
    imports = []
    for line in m["stderr"].splitlines():
        mm = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if mm and len(mm.group(3)) <= 1:  # top-level imports only
            imports.append((mm.group(4), int(mm.group(2)) / 1e6))
    imports.sort(key=lambda kv: -kv[1])
    path = work.parent / "profile_command.pstats"
    # not from the repository root: `python -m` puts the working folder first on sys.path,
    # which would import ./paperfinder instead of the code under test
    measure([PYTHON, "-m", "cProfile", "-o", str(path), PAPERFINDER] + cmd[1:], cwd=work, sample=False)
    out = top_functions(path, 20) if path.exists() else {}
    out["top_level_imports_s"] = [(n, round(t, 3)) for n, t in imports[:12]]
    out["pstats"] = str(path.relative_to(ROOT))
    return out


# ---- re-index -----------------------------------------------------------------------------

CHANGE_SENTENCE = " This paragraph was amended when the paper was re-issued."


def change_files(corpus: Path, files: list[str], fraction: float) -> dict[str, bytes]:
    """Append a sentence to the last long line of a fraction of the files; return originals."""
    n = max(1, math.ceil(len(files) * fraction))
    step = max(1, len(files) // n)
    chosen = files[::step][:n]
    originals = {}
    for rel in chosen:
        p = corpus / rel
        data = p.read_bytes()
        originals[rel] = data
        lines = data.decode("utf-8").split("\n")
        k = max((i for i, l in enumerate(lines) if len(l) > 80), default=len(lines) - 1)
        lines[k] = lines[k] + CHANGE_SENTENCE
        p.write_text("\n".join(lines), encoding="utf-8")
    return originals


def restore_files(corpus: Path, originals: dict[str, bytes]) -> None:
    for rel, data in originals.items():
        (corpus / rel).write_bytes(data)


# ---- report -------------------------------------------------------------------------------

def fmt_bytes(n: float | None) -> str:
    if n is None:
        return "-"
    return f"{n / GB:.2f} GiB" if n >= GB / 2 else f"{n / 2**20:.0f} MiB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def targets_table(R: dict) -> list[dict]:
    rows = []
    pf, bl = R.get("index", {}), R.get("baseline_index", {})
    ratio = R.get("index_ratio")
    rows.append({
        "target": "indexing throughput >= 2x plain whoosh",
        "measured": f"{pf.get('passages_per_s', 0):,.0f} passages/s, {pf.get('mb_per_s', 0):.2f} MB/s" if pf.get("ok") else "index failed",
        "baseline": (f"{bl.get('passages_per_s', 0):,.0f} passages/s, {bl.get('mb_per_s', 0):.2f} MB/s" if bl.get("ok") else "-")
        + (f"; whoosh procs=2: {R['baseline_index_procs2']['passages_per_s']:,.0f} passages/s"
           if R.get("baseline_index_procs2", {}).get("ok") else ""),
        "figure": (f"{ratio:.2f}x (per CPU-s {R.get('index_ratio_cpu', 0):.2f}x)") if ratio else "-",
        "pass": None if ratio is None else ratio >= TARGETS["index_ratio"],
    })
    peak = pf.get("peak_pss_tree") if pf.get("ok") else None
    re_peak = max((v.get("peak_pss_tree") or 0 for v in R.get("reindex", {}).values()), default=0)
    rows.append({
        "target": "peak memory of `paperfinder index` < 1.5 GB (full build and re-index)",
        "measured": (f"full build {fmt_bytes(peak)} tree PSS ({fmt_bytes(pf.get('peak_rss_tree'))} RSS sum, "
                     f"{fmt_bytes(pf.get('max_rss_single_wait4'))} largest process); re-index {fmt_bytes(re_peak)}") if peak else "-",
        "baseline": f"{fmt_bytes(bl.get('peak_pss_tree'))} (passages held in memory)" if bl.get("peak_pss_tree") else "-",
        "figure": fmt_bytes(max(peak or 0, re_peak)) if peak else "-",
        "pass": None if not peak else max(peak, re_peak, pf.get("max_rss_single_wait4", 0)) < TARGETS["peak_memory_bytes"],
    })
    q = R.get("queries", {})
    ff = q.get("per_kind", {}).get("filters+facets")
    worst = max(q.get("per_kind", {}).items(), key=lambda kv: kv[1]["p95_ms"], default=(None, None))
    bq = R.get("baseline_queries", {})
    fk = q.get("filters_and_facets_kinds", {}).get("p95_ms")
    rows.append({
        "target": f"query p95 < 100 ms with filters and facets ({R.get('corpus', {}).get('passages', 0):,} passages)",
        "measured": (f"p95 over filter/facet queries {fk:.0f} ms (filters+facets kind {ff['p95_ms']:.0f} ms; "
                     f"worst kind {worst[0]} {worst[1]['p95_ms']:.0f} ms; all 50: {q['all']['p95_ms']:.0f} ms)" if ff and fk else "-"),
        "baseline": (f"whoosh words p95 {bq['words']['p95_ms']:.0f} ms, +facets {bq['words+facets']['p95_ms']:.0f} ms" if bq else "-"),
        "figure": f"{fk:.0f} ms" if fk else "-",
        "pass": None if not fk else fk < TARGETS["query_p95_ms"],
    })
    c = R.get("command", {})
    rows.append({
        "target": "`paperfinder search` command median < 0.5 s",
        "measured": f"{c['median_s']:.2f} s (with filter+facet: {c.get('filtered_median_s', float('nan')):.2f} s)" if c.get("median_s") else "-",
        "baseline": f"{c['baseline_median_s']:.2f} s (python + whoosh script)" if c.get("baseline_median_s") else "-",
        "figure": f"{c['median_s']:.2f} s" if c.get("median_s") else "-",
        "pass": None if not c.get("median_s") else c["median_s"] < TARGETS["command_median_s"],
    })
    r = R.get("reindex", {})
    un = r.get("unchanged", {})
    ch = r.get("changed_1pct", {})
    rows.append({
        "target": "unchanged re-index < 10 s",
        "measured": (f"{un['seconds']:.1f} s unchanged; {ch.get('seconds', float('nan')):.1f} s with {ch.get('files', 0)} files (1%) changed"
                     if un.get("ok") else "-"),
        "baseline": f"full index {pf['seconds']:.0f} s" if pf.get("ok") else "-",
        "figure": f"{un['seconds']:.1f} s" if un.get("ok") else "-",
        "pass": None if not un.get("ok") else un["seconds"] < TARGETS["unchanged_reindex_s"],
    })
    return rows


def print_table(rows: list[dict]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table

        t = Table(title="issue 7 targets")
        for col in ("target", "figure", "measured", "baseline", "result"):
            t.add_column(col, overflow="fold")
        for r in rows:
            res = verdict(r["pass"])
            colour = {"PASS": "green", "FAIL": "red"}.get(res, "yellow")
            t.add_row(r["target"], r["figure"], r["measured"], r["baseline"], f"[{colour}]{res}[/{colour}]")
        Console(width=200).print(t)
    except ImportError:
        for r in rows:
            print(f"{verdict(r['pass']):4}  {r['target']}: {r['figure']} | {r['measured']} | baseline {r['baseline']}")


# ---- main ---------------------------------------------------------------------------------

def time_command(index: Path, top_auth: str, runs: int) -> dict:
    """Median wall time of the search command (plain, then filtered and faceted), start-up included."""
    # a worktree has no .venv of its own: run the module with this interpreter
    pf = [PAPERFINDER] if Path(PAPERFINDER).exists() else [sys.executable, "-m", "paperfinder.cli"]
    c: dict = {}
    for label, args in (("", ["budget growth"]),
                        ("filtered_", ["funding", "--authority", top_auth, "--facet", "authority", "--facet", "year"])):
        cmd = pf + ["search", *args, "--index", str(index)]
        # run outside the checkout: `python -m` puts the working folder first on sys.path
        where = Path(index).resolve().parent
        measure(cmd, cwd=where, sample=False)  # warm-up (page cache)
        done = [measure(cmd, cwd=where, sample=False) for _ in range(runs)]
        c[label + "median_s"] = statistics.median(r["seconds"] for r in done)
        c[label + "cpu_median_s"] = statistics.median(r["cpu_seconds"] for r in done)
        c[label + "runs_s"] = [round(r["seconds"], 3) for r in done]
        if done[-1]["returncode"] != 0:
            c[label + "error"] = tail(done[-1]["stderr"], 6)
    return c


def queries_only(a, R: dict, out_path: Path) -> int:
    """Steps 5 and 6 (paperfinder only) against an index built earlier: for iterating on query speed."""
    from make_corpus import load_manifest

    man = load_manifest(Path(a.corpus))
    if man is None:
        sys.exit(f"no corpus manifest in {a.corpus}: pass the --corpus the index was built from")
    index = Path(a.queries_only)
    R["corpus"] = {"path": a.corpus, "passages": man.get("passages")}
    log(f"50 queries x (1 warm-up + {a.reps}) on {index}")
    R["queries"] = run_queries(index, query_set(man), a.reps, Path(a.dump_results) if a.dump_results else None)
    if a.cmd_runs < 1:
        out_path.write_text(json.dumps(R, indent=1, default=str))
        print("query latency (ms) per kind (p50, p95; CPU p50, p95):",
              {k: (v["p50_ms"], v["p95_ms"], v["cpu_p50_ms"], v["cpu_p95_ms"]) for k, v in R["queries"]["per_kind"].items()})
        print("filters/facets kinds:", R["queries"]["filters_and_facets_kinds"], "all:", R["queries"]["all"])
        return 0
    log(f"`paperfinder search` command x {a.cmd_runs}")
    R["command"] = time_command(index, next(iter(man["authorities"]), None) or "Westminster", a.cmd_runs)
    R["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    out_path.write_text(json.dumps(R, indent=1, default=str))
    print("query latency (ms) per kind (p50, p95; CPU p50, p95):",
          {k: (v["p50_ms"], v["p95_ms"], v["cpu_p50_ms"], v["cpu_p95_ms"]) for k, v in R["queries"]["per_kind"].items()})
    print("filters/facets kinds:", R["queries"]["filters_and_facets_kinds"], "all:", R["queries"]["all"])
    print("command median s:", round(R["command"]["median_s"], 3), "filtered+faceted:", round(R["command"]["filtered_median_s"], 3),
          "CPU s:", round(R["command"]["cpu_median_s"], 3), "filtered+faceted CPU s:", round(R["command"]["filtered_cpu_median_s"], 3))
    print(f"results: {out_path}")
    return 0


def compare_backends(a, R: dict, man: dict, corpus: Path, work: Path, save) -> int:
    """Issue 17: every backend in ``--backend`` measured the same way in one run (no plain-whoosh
    baseline): index end to end, peak memory, index size, the 50 queries by kind, the whole
    search command, an unchanged and a 1%-changed re-index."""
    names = [n.strip() for n in a.backend.split(",") if n.strip()]
    R["backends"] = {}
    top_auth = next(iter(man["authorities"]), None) or "Westminster"
    queries = query_set(man)
    mb = man["bytes"] / 1e6
    pf_cmd = [PAPERFINDER] if Path(PAPERFINDER).exists() else [sys.executable, "-m", "paperfinder.cli"]
    for name in names:
        B: dict = R["backends"].setdefault(name, {})
        index = work / f"pf-index-{name}"
        log(f"[{name}] paperfinder index --backend {name} (end to end)")
        m = measure(pf_cmd + ["index", str(corpus), "--index", str(index), "--quiet", "--backend", name])
        mm = re.search(r"(\d+) documents, (\d+) passages in ([\d.]+)s", m["stderr"])
        ix = {k: v for k, v in m.items() if k not in ("stdout", "stderr")}
        ix["ok"] = m["returncode"] == 0 and bool(mm)
        if ix["ok"] and mm:
            n = int(mm.group(2))
            ix.update(passages=n, documents=int(mm.group(1)), passages_per_s=n / m["seconds"], mb_per_s=mb / m["seconds"],
                      index_bytes=du(index), text_bytes=man["bytes"])
        else:
            ix["stderr_tail"] = tail(m["stderr"])
            log("  FAILED:\n" + tail(m["stderr"], 8))
        B["index"] = ix
        save()
        if not ix["ok"]:
            continue
        if not a.skip_queries:
            log(f"[{name}] 50 queries x (1 warm-up + {a.reps})")
            B["queries"] = run_queries(index, queries, a.reps)
            save()
        log(f"[{name}] `paperfinder search` command x {a.cmd_runs}")
        B["command"] = time_command(index, top_auth, a.cmd_runs)
        save()
        log(f"[{name}] re-index unchanged, then with 1% of files changed")
        r: dict = {}
        m = measure(pf_cmd + ["index", str(corpus), "--index", str(index), "--quiet"])
        r["unchanged"] = {"seconds": m["seconds"], "ok": m["returncode"] == 0, "message": tail(m["stderr"], 2),
                          "peak_pss_tree": m.get("peak_pss_tree")}
        originals = change_files(corpus, man["files"], 0.01)
        try:
            m = measure(pf_cmd + ["index", str(corpus), "--index", str(index), "--quiet"])
            r["changed_1pct"] = {"files": len(originals), "seconds": m["seconds"], "ok": m["returncode"] == 0,
                                 "message": tail(m["stderr"], 2), "peak_pss_tree": m.get("peak_pss_tree")}
        finally:
            restore_files(corpus, originals)
        B["reindex"] = r
        save()
        if not a.keep:
            shutil.rmtree(index, ignore_errors=True)
    R["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    save()
    print_backends(R)
    return 0


def print_backends(R: dict) -> None:
    """One row per figure, one column per backend (the issue 17 table)."""
    names = list(R.get("backends", {}))
    n = R.get("corpus", {}).get("passages", 0)

    def cell(B: dict, what: str) -> str:
        ix, q, c, r = B.get("index", {}), B.get("queries", {}), B.get("command", {}), B.get("reindex", {})
        if what == "index":
            return f"{ix['seconds']:.1f} s ({ix['passages_per_s']:,.0f} passages/s)" if ix.get("ok") else "failed"
        if what == "memory":
            return f"{fmt_bytes(ix.get('peak_pss_tree'))} PSS tree, {fmt_bytes(ix.get('max_rss_single_wait4'))} largest" if ix.get("ok") else "-"
        if what == "size":
            return f"{fmt_bytes(ix.get('index_bytes'))} ({ix['index_bytes'] / ix['text_bytes']:.1f}x the text)" if ix.get("ok") else "-"
        if what.startswith("q:"):
            k = q.get("per_kind", {}).get(what[2:])
            return f"{k['p50_ms']:.1f} / {k['p95_ms']:.1f} ms" if k else "-"
        if what == "ff":
            k = q.get("filters_and_facets_kinds")
            return f"{k['p50_ms']:.1f} / {k['p95_ms']:.1f} ms" if k else "-"
        if what == "command":
            if not c.get("median_s"):
                return "-"
            nan = float("nan")
            return (f"{c['median_s']:.2f} s, {c.get('cpu_median_s', nan):.2f} CPU-s (filtered+faceted "
                    f"{c.get('filtered_median_s', nan):.2f} s, {c.get('filtered_cpu_median_s', nan):.2f} CPU-s)")
        if what == "reindex":
            un, ch = r.get("unchanged", {}), r.get("changed_1pct", {})
            return f"{un.get('seconds', float('nan')):.1f} s / {ch.get('seconds', float('nan')):.1f} s ({ch.get('files', 0)} files)" if un else "-"
        return "-"

    rows = [("index end to end", "index"), ("peak memory (index)", "memory"), ("index size", "size"),
            ("words p50/p95", "q:words"), ("phrases p50/p95", "q:phrases"), ("filters p50/p95", "q:filters"),
            ("facets p50/p95", "q:facets"), ("filters+facets p50/p95", "q:filters+facets"), ("typo p50/p95", "q:typo"),
            ("filter/facet kinds p50/p95", "ff"), ("search command median", "command"), ("re-index unchanged / 1% changed", "reindex")]
    print(f"backends at {n:,} passages")
    width = max(len(r[0]) for r in rows)
    print(" " * width + "  " + "  ".join(f"{name:45}" for name in names))
    for label, what in rows:
        print(f"{label:{width}}  " + "  ".join(f"{cell(R['backends'][name], what):45}" for name in names))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="issue 7 benchmark", formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__)
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--quick", action="store_true", help="5,000 passages, 2 repeats, 3 command runs")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "results.json"))
    ap.add_argument("--corpus", default=str(ROOT / "bench" / "out" / "corpus"))
    ap.add_argument("--work", default=str(ROOT / "bench" / "out" / "work"), help="index folders (deleted at the start)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--elaborate", type=float, default=0.6)
    ap.add_argument("--reps", type=int, default=3, help="timed runs per query after one warm-up")
    ap.add_argument("--cmd-runs", type=int, default=10)
    ap.add_argument("--profile", action="store_true", help="also cProfile indexing (5k passages, workers=1) and 20 queries")
    ap.add_argument("--skip-queries", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the index folders")
    ap.add_argument("--backend", default=None,
                    help="issue 17: compare these search backends (comma-separated, e.g. whoosh,tantivy) in one run, "
                         "each measured alike; the plain-whoosh baseline is left out")
    ap.add_argument("--code", default="head",
                    help="benchmark paperfinder as committed at git HEAD (a snapshot in bench/out/code, default), "
                         "the working tree as it is now ('worktree'), or the package in a given folder")
    ap.add_argument("--queries-only", metavar="INDEX",
                    help="only time the 50 queries and the search command against an existing INDEX of --corpus "
                         "(its manifest gives the filter values); nothing is built or deleted; --cmd-runs 0 leaves "
                         "the command out")
    ap.add_argument("--dump-results", metavar="FILE",
                    help="with --queries-only: write each query's whole result to FILE (JSON lines), to compare "
                         "two versions of the code; run with PYTHONHASHSEED=0")
    ap.add_argument("--_baseline-index", nargs=2, metavar=("INDEX", "PICKLE"), help=argparse.SUPPRESS)
    ap.add_argument("--_baseline-procs", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--_baseline-queries", nargs=2, metavar=("INDEX", "REPS"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a._baseline_index:
        _baseline_index(*a._baseline_index, procs=a._baseline_procs)
        return 0
    if a._baseline_queries:
        print(json.dumps(_baseline_queries(Path(a._baseline_queries[0]), int(a._baseline_queries[1]))))
        return 0
    if a.quick:
        a.passages = 5000 if a.passages == 100_000 else a.passages
        a.reps, a.cmd_runs = min(a.reps, 2), min(a.cmd_runs, 3)

    import whoosh
    from make_corpus import ensure_corpus

    R: dict = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "whoosh": whoosh.versionstring()},
        "args": {k: v for k, v in vars(a).items() if not k.startswith("_")},
        "targets": TARGETS,
    }
    import paperfinder

    code_dir = Path(paperfinder.__file__).resolve().parent
    R["code"] = {"mode": a.code, "path": str(code_dir), "tree_sha1": _tree_hash(code_dir)}
    try:
        def git(*c: str) -> str:
            return subprocess.run(["git", *c], cwd=ROOT, capture_output=True, text=True).stdout.strip()

        R["code"].update(commit=git("rev-parse", "HEAD"), subject=git("log", "-1", "--format=%s"),
                         worktree_dirty=bool(git("status", "--porcelain", "paperfinder")))
    except OSError:
        pass
    log(f"benchmarking paperfinder from {code_dir} ({a.code}: {R['code'].get('commit', '')[:8]})")
    out_path = Path(a.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if a.queries_only:
        return queries_only(a, R, out_path)
    work = Path(a.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    def save() -> None:
        out_path.write_text(json.dumps(R, indent=1, default=str))

    # 1. corpus
    log(f"[1/8] corpus: {a.passages} passages in {a.corpus}")
    corpus = Path(a.corpus)
    man = ensure_corpus(corpus, a.passages, a.seed, a.elaborate, log=log)
    R["corpus"] = {k: man[k] for k in ("passages", "bytes", "documents", "bytes_per_passage", "params")}
    R["corpus"].update(files=len(man["files"]), path=str(corpus), authorities=len(man["authorities"]),
                       years=man["years"], doc_types=man["doc_types"], method=man["method"])
    mb = man["bytes"] / 1e6
    if a.backend:
        return compare_backends(a, R, man, corpus, work, save)

    # 2. baseline passages (untimed)
    log("[2/8] reading + sectioning passages for the baseline (not timed)")
    cache = work / "passages.pickle"
    R["baseline_passages"] = baseline_passages(corpus, man["files"], cache)

    bl_index = work / "whoosh-index"

    def baseline_run(procs: int = 1) -> dict:
        shutil.rmtree(bl_index, ignore_errors=True)
        m = measure([PYTHON, str(Path(__file__).resolve()), "--_baseline-index", str(bl_index), str(cache)]
                    + (["--_baseline-procs", str(procs)] if procs > 1 else []))
        bl = {k: v for k, v in m.items() if k not in ("stdout", "stderr")}
        bl["ok"] = m["returncode"] == 0
        if bl["ok"]:
            inner = json.loads(m["stdout"].strip().splitlines()[-1])
            bl["wall_seconds"] = m["seconds"]
            bl.update(inner)
            bl.update(passages_per_s=inner["passages"] / inner["seconds"], mb_per_s=mb / inner["seconds"],
                      index_bytes=du(bl_index))
        else:
            bl["stderr_tail"] = tail(m["stderr"])
            log("  baseline FAILED:\n" + tail(m["stderr"], 8))
        return bl

    log("[3/8] plain whoosh baseline index (run 1 of 2)")
    bl_first = baseline_run()

    # 3. paperfinder index
    log("[3/8] paperfinder index (end to end)")
    pf_index = work / "pf-index"
    m = measure([PAPERFINDER, "index", str(corpus), "--index", str(pf_index), "--quiet"])
    mm = re.search(r"(\d+) documents, (\d+) passages in ([\d.]+)s", m["stderr"])
    pf = {k: v for k, v in m.items() if k not in ("stdout", "stderr")}
    pf["skipped_files"] = sum(1 for line in m["stderr"].splitlines() if line.startswith("skipped:"))
    pf["ok"] = m["returncode"] == 0 and pf_index.exists() and bool(mm) and int(mm.group(2)) > 0
    pf["stderr_tail"] = tail(m["stderr"])
    if pf["skipped_files"]:
        log(f"  paperfinder skipped {pf['skipped_files']} files:\n" + tail(m["stderr"], 3))
    if pf["ok"]:
        n = int(mm.group(2))
        pf.update(passages=n, documents=int(mm.group(1)) if mm else None, passages_per_s=n / m["seconds"],
                  mb_per_s=mb / m["seconds"], index_bytes=du(pf_index), reported_seconds=float(mm.group(3)) if mm else None)
    else:
        log("  paperfinder index FAILED:\n" + tail(m["stderr"], 8))
    R["index"] = pf
    save()

    # 4. baseline whoosh, again after paperfinder: the faster of the two runs is the baseline
    log("[4/8] plain whoosh baseline index (run 2 of 2)")
    bl_second = baseline_run()
    runs = [b for b in (bl_first, bl_second) if b["ok"]]
    bl = dict(min(runs, key=lambda b: b["seconds"])) if runs else bl_second
    bl["runs_seconds"] = [round(b["seconds"], 2) for b in runs]
    R["baseline_index"] = bl
    if pf["ok"] and bl["ok"]:
        R["index_ratio"] = pf["passages_per_s"] / bl["passages_per_s"]
        # contention-proof companion figure: passages per CPU-second (paperfinder: command + workers)
        R["index_ratio_cpu"] = (pf["passages"] / pf["cpu_seconds"]) / (bl["passages"] / bl["cpu_seconds_timed"])
    save()
    # for context, not the target: whoosh's own two-process writer on the same passages
    log("[4/8] plain whoosh with procs=2 (for context)")
    bl2 = baseline_run(procs=2)
    R["baseline_index_procs2"] = bl2
    if pf["ok"] and bl2["ok"]:
        R["index_ratio_procs2"] = pf["passages_per_s"] / bl2["passages_per_s"]
    save()

    # 5. queries
    queries = query_set(man)
    if pf["ok"] and not a.skip_queries:
        log(f"[5/8] 50 queries x (1 warm-up + {a.reps}) through paperfinder.search.service.search")
        R["queries"] = run_queries(pf_index, queries, a.reps)
        save()
    if bl["ok"] and not a.skip_queries:
        log("      plain whoosh word queries, with and without facets")
        R["baseline_queries"] = run_baseline_queries(bl_index, a.reps)
        save()

    # 6. the search command
    if pf["ok"]:
        log(f"[6/8] `paperfinder search` command x {a.cmd_runs}")
        c: dict = {}
        top_auth = next(iter(man["authorities"]), None) or "Westminster"
        for label, cmd in (
            ("", [PAPERFINDER, "search", "budget growth", "--index", str(pf_index)]),
            ("filtered_", [PAPERFINDER, "search", "funding", "--index", str(pf_index), "--authority", top_auth,
                           "--facet", "authority", "--facet", "year"]),
            ("baseline_", [PYTHON, "-c", BASELINE_SEARCH_SCRIPT, str(bl_index), "budget growth"] if bl["ok"] else None),
        ):
            if cmd is None:
                continue
            measure(cmd, sample=False)  # warm-up (page cache)
            runs = [measure(cmd, sample=False) for _ in range(a.cmd_runs)]
            c[label + "median_s"] = statistics.median(r["seconds"] for r in runs)
            c[label + "runs_s"] = [round(r["seconds"], 3) for r in runs]
            if runs[-1]["returncode"] != 0:
                c[label + "error"] = tail(runs[-1]["stderr"], 6)
        c["command"] = f'paperfinder search "budget growth" --index {pf_index}'
        R["command"] = c
        save()

    # 7. re-index
    if pf["ok"]:
        log("[7/8] re-index unchanged, then with 1% of files changed")
        r: dict = {}
        m = measure([PAPERFINDER, "index", str(corpus), "--index", str(pf_index), "--quiet"])
        r["unchanged"] = {"seconds": m["seconds"], "ok": m["returncode"] == 0, "message": tail(m["stderr"], 3),
                          "peak_pss_tree": m.get("peak_pss_tree")}
        originals = change_files(corpus, man["files"], 0.01)
        try:
            m = measure([PAPERFINDER, "index", str(corpus), "--index", str(pf_index), "--quiet"])
            r["changed_1pct"] = {"files": len(originals), "seconds": m["seconds"], "ok": m["returncode"] == 0,
                                 "message": tail(m["stderr"], 3), "peak_pss_tree": m.get("peak_pss_tree"),
                                 "how": "one sentence appended to the last long line of every 100th file"}
        finally:
            restore_files(corpus, originals)
        R["reindex"] = r
        save()

    # 8. profiles
    if a.profile:
        log("[8/8] profiling index_paths(workers=1) on 5,000 passages and 20 queries")
        prof_corpus = ROOT / "bench" / "out" / "corpus-profile"
        ensure_corpus(prof_corpus, 5000, a.seed, a.elaborate, log=log)
        R["profile_index"] = profile_index(prof_corpus, work)
        if pf["ok"]:
            R["profile_queries"] = profile_queries(pf_index, queries, work)
            R["profile_command"] = profile_command(pf_index, work)
        save()

    R["table"] = targets_table(R)
    R["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    save()
    print_table(R["table"])
    if "queries" in R:
        print("query latency (ms) per kind:", {k: (v["p50_ms"], v["p95_ms"]) for k, v in R["queries"]["per_kind"].items()})
    if "baseline_queries" in R:
        print("plain whoosh (ms):", {k: (v["p50_ms"], v["p95_ms"]) for k, v in R["baseline_queries"].items()})
    print(f"results: {out_path}")
    if not a.keep:
        for d in ("pf-index", "whoosh-index", "profile-index"):
            shutil.rmtree(work / d, ignore_errors=True)
        cache.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    if "-h" not in sys.argv and "--help" not in sys.argv:
        _use_code(sys.argv[1:])
    sys.exit(main())
