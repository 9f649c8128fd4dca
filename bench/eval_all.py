"""Every gold set whose texts are here, scored in one run, summed up in one table.

    .venv/bin/python bench/eval_all.py [--texts-root DIR] [--only NAME ...] [--kind KIND ...]
                                       [--work DIR] [--out FILE]

The sets and where their texts are: ``bench/gold_sets.toml``. Each set is scored by its own script
(``eval_metadata.py``, ``eval_corpus_dev.py``, ``eval_answers.py``) as a subprocess, so a run is
what a person running that script would see; the texts of one folder are indexed once and the
answer and query sets over them share the index. A set whose texts are absent (the outside
sets' stored page copies are never committed) is listed as skipped, not scored.

The table gives each set's held-back part first (scored only: nobody tunes on it), then its
development part:
- metadata: authority, date, document type right;
- answers: right / questions, answers given right / given, unanswerables left null;
- queries: MRR@10, first, in the first ten;
- registers: substantive decisions listed, procedural items left out, and outcome, proposer, seconder
  and votes right where the decision is listed;
- bundled: right / questions and nulls on unanswerables (``tests/eval``).
The whole summary is written to ``--out`` (JSON) for comparing two runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DEV = ROOT.parent / "shared" / "corpus-dev" / "docs"
HELD_BACK = {"metadata": "heldback", "answers": "test", "queries": "test"}


def load_sets(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["set"]


def texts_of(entry: dict, texts_root: Path, corpus_dev: Path = CORPUS_DEV) -> Path:
    name = entry["texts"]
    if name == "per-line":  # a register gold whose lines name their texts' folder ("docs")
        gold = ROOT / entry["gold"]
        first = json.loads(gold.read_text(encoding="utf-8").splitlines()[0])
        return texts_root / first["docs"]
    if name == "corpus-dev":
        return corpus_dev
    if name == "bundled":
        return ROOT / "corpus"
    return texts_root / name


# every script runs this checkout's paperfinder, whichever checkout the environment was installed from
ENV = os.environ | {"PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}


def _run(args: list[str], out: Path) -> dict:
    cmd = [sys.executable, *args, "--out", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=ENV)
    if done.returncode != 0:
        raise SystemExit(f"eval_all: {' '.join(args[:1])} failed on {args}:\n{done.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def _pct(right: int, n: int) -> str:
    return f"{right}/{n} ({100 * right / n:.0f}%)" if n else "-"


def metadata_rows(result: dict) -> dict[str, str]:
    rows = {}
    for part in ("heldback", "dev"):
        fields = result.get(part, {}).get("ALL")
        if fields:
            rows[part] = "authority {}, date {}, type {}".format(
                *(_pct(*fields[f]) for f in ("authority", "date", "doc_type")))
    return rows


def answer_rows(result: dict) -> dict[str, str]:
    rows = {}
    for part in ("test", "dev"):
        r = result.get(part)
        if not r or "answers:ALL" not in r:
            continue
        null = r.get("answers:unanswerable", [0, 0])
        rows[part] = f"right {_pct(*r['answers:ALL'])}, given right {_pct(*r['given_right'])}, null {null[0]}/{null[1]}"
    return rows


def query_rows(result: dict) -> dict[str, str]:
    rows = {}
    for part in ("test", "dev"):
        r = result.get(part)
        if r and r.get("queries"):
            rows[part] = f"MRR@10 {r['mrr10']:.3f}, first {r['top1']}/{r['queries']}, top ten {r['top10']}/{r['queries']}"
    return rows


def register_rows(result: dict) -> dict[str, str]:
    rows = {}
    for part in ("test", "dev"):
        r = result.get(part)
        if r:
            rows[part] = ", ".join(f"{key} {r[key][0]}/{r[key][1]}" for key in
                                   ("listed", "hidden", "outcome", "proposer", "seconder", "votes") if r.get(key, [0, 0])[1])
    return rows


def bundled_rows(result: dict) -> dict[str, str]:
    s = result["summary"]
    unanswerable = s["unanswerable_total"]
    null = unanswerable - s["confident_wrong_unanswerable"]
    return {"all": f"right {_pct(s['overall']['right'], s['overall']['total'])}, null {null}/{unanswerable}"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=str(ROOT / "bench" / "gold_sets.toml"))
    ap.add_argument("--texts-root", default="/work/gold-texts", help="the folder holding each outside set's texts")
    ap.add_argument("--corpus-dev", default=str(CORPUS_DEV), help="corpus-dev's papers (default: ../shared/corpus-dev/docs)")
    ap.add_argument("--only", nargs="*", default=None, help="set names to score (default: every set whose texts are here)")
    ap.add_argument("--kind", nargs="*", default=None, help="metadata, answers, queries, registers, bundled")
    ap.add_argument("--work", default=None, help="folder for the indexes (default: a new temporary folder)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "eval_all.json"))
    args = ap.parse_args(argv)
    sets = [s for s in load_sets(Path(args.sets))
            if (args.only is None or s["name"] in args.only) and (args.kind is None or s["kind"] in args.kind)]
    work = Path(args.work or tempfile.mkdtemp(prefix="eval_all-"))
    work.mkdir(parents=True, exist_ok=True)
    built: set[Path] = set()
    summary: dict[str, dict] = {}
    for entry in sets:
        texts = texts_of(entry, Path(args.texts_root), Path(args.corpus_dev))
        name = entry["name"]
        if not texts.is_dir():
            summary[name] = {"skipped": f"texts absent ({texts})"}
            print(f"{name}: skipped, texts absent ({texts})", flush=True)
            continue
        out = work / f"{name.replace(' ', '_')}.json"
        index = work / ("index-" + texts.name)
        if entry["kind"] == "metadata":
            rows = metadata_rows(_run(["bench/eval_metadata.py", "--gold", entry["gold"], "--docs", str(texts)], out))
        elif entry["kind"] in ("answers", "queries"):
            only = "--answers-only" if entry["kind"] == "answers" else "--search-only"
            flag = "--questions" if entry["kind"] == "answers" else "--queries"
            cmd = ["bench/eval_corpus_dev.py", "--docs", str(texts), "--index", str(index), only, flag, entry["gold"]]
            if index not in built:
                cmd.append("--build")
                built.add(index)
            result = _run(cmd, out)
            rows = answer_rows(result) if entry["kind"] == "answers" else query_rows(result)
        elif entry["kind"] == "registers":
            where = ["--docs-root", str(texts.parent)] if entry["texts"] == "per-line" else ["--docs", str(texts)]
            rows = register_rows(_run(["bench/eval_registers.py", "--gold", entry["gold"], "--index",
                                       str(work / ("registers-" + name)), "--build", *where], out))
        elif entry["kind"] == "bundled":
            if index not in built:
                subprocess.run([sys.executable, "-c", "from paperfinder.cli import main; main()", "index", str(texts),
                                "--index", str(index), "--quiet"], cwd=ROOT, check=True, capture_output=True, env=ENV)
                built.add(index)
            rows = bundled_rows(_run(["bench/eval_answers.py", str(index), "--questions", entry["gold"]], out))
        else:
            raise SystemExit(f"eval_all: unknown kind {entry['kind']!r} of set {name!r} in {args.sets}")
        if entry.get("held_back_whole"):
            rows = {"held back whole" if part in ("test", "heldback") else part: row for part, row in rows.items()}
        summary[name] = rows
        for part, row in rows.items():
            print(f"{name:<22} {part:<16} {row}", flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
