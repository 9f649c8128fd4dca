"""Fault injection for issue 8: `paperfinder index` killed with SIGKILL at random moments.

One command::

    .venv/bin/python bench/faults.py                  # 3,000 small papers, 20 kills
    .venv/bin/python bench/faults.py --files 40 --rounds 3 --out /tmp/faults   # quick

What it does (all through the real command, ``.venv/bin/paperfinder``):

1. corpus: ``--files`` small papers made from the bundled corpus (sections of
   ``corpus/*.txt`` with their amounts, dates and a reference varied; mostly
   .txt, every tenth .md, every tenth .html) in ``OUT/fault_corpus``.
2. a first complete ``paperfinder index`` into ``OUT/faults/index``.
3. ``--rounds`` rounds: change the corpus (edit, add and delete a few papers),
   start ``paperfinder index`` (every fourth round ``--rebuild``) and SIGKILL
   it after a random delay drawn from 0 to 1.25 x the length of the last
   complete run of the same kind (a run that ends first is checked as well). Then check, in this process and with the command:

   * the index opens and every stored passage can be read (``iter_all``);
   * ``paperfinder search`` exits 0 and finds a word every paper has;
   * the index is consistent: no passage stored twice, each file at one
     version only, and the index is either exactly what it was before the run
     (nothing of the killed run is visible) or a complete index of the current
     files (the kill came after the commit);
   * processes of the killed run that outlive it (its pool workers) are
     counted and ended.

4. ``--concurrent`` rounds of two writers at once (an update and a
   ``--rebuild``, in turns which starts first): the second stops with the one
   line "another paperfinder index is writing to ..." (or, every third round,
   waits with ``--wait`` and completes); the checks of 3 hold after each round,
   and nothing is left behind (no ``INDEX.rebuild-tmp``, no ``passages.tmp``).
5. a full disk: a copy of the index on a small tmpfs (mounted when this runs
   as root; elsewhere a file-size limit, ``RLIMIT_FSIZE``, gives EFBIG
   instead) filled up to 64 KB, papers added, an update and a ``--rebuild``:
   each must fail with one line, add no file to the index folder (and no
   ``INDEX.rebuild-tmp``), leave its content exactly as it was, and search must
   work; with the space freed, the next run must equal a clean build.
6. a final complete ``paperfinder index``, then a clean build of the same
   files into a separate folder; the content of the two indexes -- the
   multiset of (source, line_start, line_end, sha1 of text) over all stored
   passages -- must be identical.

Prints kills survived, check failures and passages lost / extra; exits 1 on
any failure or loss, 0 otherwise. Processes of a killed run that outlive it
(ProcessPoolExecutor workers) are reported and ended; with
``--strict-processes`` they fail the run too. Everything it writes is under ``--out``
(default ``bench/out``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXE = ROOT / ".venv" / "bin" / "paperfinder"
COMMON_WORD = "pfcommonword"  # every generated paper holds it: a search that must always hit

sys.path.insert(0, str(ROOT))


# ---- corpus -------------------------------------------------------------------

def _chunks_of(text: str, min_chars: int = 500, max_chars: int = 2500) -> list[list[str]]:
    """Cut a paper into runs of lines at its headings, each a few hundred characters or more."""
    lines = text.splitlines()
    out: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        starts_section = line.startswith("#") or re.match(r"^\s*\d{1,2}\.\s+[A-Z]", line)
        size = sum(len(l) + 1 for l in cur)
        if cur and ((starts_section and size >= min_chars) or size >= max_chars):
            out.append(cur)
            cur = []
        cur.append(line)
    if cur and sum(len(l) for l in cur) > 100:
        out.append(cur)
    return out


_AMOUNT = re.compile(r"£\d[\d,]*(?:\.\d+)?(?:m|k|bn)?")
_YEAR = re.compile(r"\b20[12]\d\b")


def make_corpus(dest: str | Path, n_files: int, seed: int = 8) -> list[Path]:
    """``n_files`` small varied papers in a fresh ``dest``, the same for the same seed."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    rng = random.Random(seed)
    pool: list[tuple[str, list[str]]] = []
    for src in sorted(CORPUS.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        title = next((l.lstrip("# ").strip() for l in text.splitlines() if l.startswith("#")), src.stem)
        pool.extend((title, c) for c in _chunks_of(text))
    files = []
    for i in range(n_files):
        files.append(write_paper(dest, i, pool[i % len(pool)], rng))
    return files


def write_paper(dest: Path, i: int, chunk: tuple[str, list[str]], rng: random.Random, edit: int = 0) -> Path:
    title, lines = chunk
    year = rng.randint(2012, 2023)
    body = [_AMOUNT.sub(lambda m: f"£{rng.randint(1, 999):,},{rng.randint(0, 999):03d}", l) for l in lines]
    body = [_YEAR.sub(str(year), l) for l in body]
    head = [f"# {title} (paper {i})", "", f"Date: {rng.randint(1, 28)} March {year}", ""]
    tail = ["", f"Reference PF{i:05d} {COMMON_WORD} edition {edit}.", ""]
    text_lines = head + body + tail
    kind = i % 10
    if kind == 0:
        path = dest / f"paper_{i:05d}.md"
        path.write_text("\n".join(text_lines), encoding="utf-8")
    elif kind == 5:
        path = dest / f"paper_{i:05d}.html"
        paras = "\n".join(f"<p>{_html_escape(l)}</p>" if l.strip() else "" for l in text_lines)
        path.write_text(f"<html><head><title>{_html_escape(title)}</title></head><body><main>\n{paras}\n</main></body></html>\n", encoding="utf-8")
    else:
        path = dest / f"paper_{i:05d}.txt"
        path.write_text("\n".join(text_lines), encoding="utf-8")
    return path


def _html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mutate(dest: Path, rng: random.Random, n_total: int, share: float = 0.03) -> dict[str, int]:
    """Edit, add and delete a few papers, as a user's folder changes between runs."""
    files = sorted(p for p in dest.iterdir() if not p.name.startswith("."))
    k = max(1, int(len(files) * share))
    changed = 0
    for p in rng.sample(files, min(k, len(files))):
        text = p.read_text(encoding="utf-8")
        line = f"Update {rng.randint(0, 10**6)}: the committee noted a further £{rng.randint(1, 900)},000 of spending."
        if p.suffix == ".html":
            text = text.replace("</main>", f"<p>{line}</p>\n</main>")
        else:
            text = text.rstrip("\n") + "\n\n" + line + "\n"
        p.write_text(text, encoding="utf-8")
        changed += 1
    removed = 0
    for p in rng.sample(files, min(max(1, k // 3), len(files))):
        if p.exists() and len(files) - removed > 2:
            p.unlink()
            removed += 1
    added = 0
    pool = [(p.stem, p.read_text(encoding="utf-8").splitlines()[4:30]) for p in rng.sample(files, 3) if p.exists() and p.suffix == ".txt"]
    for _ in range(max(1, k // 3)):
        if not pool:
            break
        i = n_total + rng.randint(0, 10**6)
        write_paper(dest, i, rng.choice(pool), rng, edit=1)
        added += 1
    return {"changed": changed, "removed": removed, "added": added}


# ---- the index, as seen from outside --------------------------------------------

def content(index_dir: str | Path) -> Counter:
    """Multiset of (source, line_start, line_end, sha1 of text) over every stored passage."""
    from paperfinder.search.backend import backend_for

    return Counter(
        (f["source"], int(f["line_start"]), int(f["line_end"]), hashlib.sha1(f["text"].encode("utf-8")).hexdigest())
        for f in backend_for(index_dir).iter_all()
    )


def file_versions(index_dir: str | Path) -> dict[str, set[str]]:
    """source -> content hashes of that file present in the index (more than one = mixed versions)."""
    from paperfinder.search.backend import backend_for

    out: dict[str, set[str]] = {}
    for f in backend_for(index_dir).iter_all():
        source, _, digest = f["filekey"].rpartition("\0")
        out.setdefault(source, set()).add(digest)
    return out


def current_files(corpus: Path) -> dict[str, str]:
    """source (as the indexer names it) -> content hash of every file in the corpus now."""
    from paperfinder.ingest.readers import display_source, file_hash

    return {display_source(p): file_hash(p) for p in sorted(corpus.iterdir()) if not p.name.startswith(".")}


def run_index(corpus: Path, index_dir: Path, rebuild: bool = False, **popen) -> subprocess.Popen:
    args = [str(EXE), "index", str(corpus), "--index", str(index_dir), "--quiet"]
    if rebuild:
        args.append("--rebuild")
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, **popen)


def search_ok(index_dir: Path, word: str = COMMON_WORD) -> tuple[bool, str]:
    """The real command finds ``word``: exit 0 and at least one hit."""
    p = subprocess.run([str(EXE), "search", word, "--index", str(index_dir), "--format", "json", "-n", "3"],
                       capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        return False, f"search exit {p.returncode}: {p.stderr.strip()[-300:]}"
    try:
        total = json.loads(p.stdout)["total"]
    except (ValueError, KeyError) as exc:
        return False, f"search output not JSON ({exc})"
    return (total > 0, f"{total} hits")


def _group_alive(pgid: int) -> list[int]:
    """Processes still in the killed run's process group (its pool workers, if orphaned)."""
    alive = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            alive.append(int(d.name))
    return alive


def holds_lock(pid: int) -> bool:
    """True while process ``pid`` holds a file lock (whoosh's writer lock: it is writing the index)."""
    try:
        for line in Path("/proc/locks").read_text().splitlines():
            parts = line.split()  # "1: FLOCK  ADVISORY  WRITE 12345 fe:00:2146657 0 EOF"
            if len(parts) >= 5 and parts[1] == "FLOCK" and parts[4] == str(pid):
                return True
    except OSError:
        pass
    return False


def kill_group_leftovers(pgid: int) -> list[int]:
    """Report and end the processes of a killed run that outlived it (only that run's group)."""
    time.sleep(0.3)
    left = _group_alive(pgid)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return left


# ---- the experiment -------------------------------------------------------------------

def check_after_kill(index_dir: Path, corpus: Path, before: Counter | None) -> list[str]:
    """Problems with the index after a killed run ([] when none)."""
    problems: list[str] = []
    from paperfinder.errors import NoIndexError, PaperfinderError

    try:
        after = content(index_dir)
    except NoIndexError:
        if before is None:
            return []  # nothing was ever committed: no index is the previous state
        return ["the index vanished (NoIndexError) after the kill"]
    except PaperfinderError as exc:
        return [f"index does not open after the kill: {exc}"]
    except Exception as exc:  # noqa: BLE001 - any other error is a finding
        return [f"index does not open after the kill: {type(exc).__name__}: {exc}"]
    dup = [k for k, n in after.items() if n > 1]
    if dup:
        problems.append(f"{len(dup)} passages stored twice, e.g. {dup[0][:3]}")
    mixed = {s: v for s, v in file_versions(index_dir).items() if len(v) > 1}
    if mixed:
        problems.append(f"{len(mixed)} files indexed at two versions at once, e.g. {next(iter(mixed))}")
    if before is not None and after != before:
        versions = {s: next(iter(v)) for s, v in file_versions(index_dir).items()}
        if versions != current_files(corpus):
            lost = sum((before - after).values())
            problems.append(f"index is neither the previous one nor complete ({lost} earlier passages missing)")
    ok, why = search_ok(index_dir)
    if not ok:
        problems.append(f"search fails after the kill: {why}")
    return problems


BUSY = "another paperfinder index is writing to"


def leftovers(index_dir: Path) -> list[str]:
    """Files a finished or failed write must not leave: a rebuild's folder, whoosh's temporary folder, .tmp files."""
    left = [str(p) for p in index_dir.parent.glob(index_dir.name + ".rebuild-tmp")]
    left += [str(p) for p in index_dir.glob("*.tmp")] if index_dir.is_dir() else []
    return left


def concurrent_writers(corpus: Path, index_dir: Path, rng: random.Random, n_files: int, rounds: int) -> dict:
    """Two `paperfinder index` runs at once on the same index, ``rounds`` times."""
    out = {"rounds": rounds, "stopped": 0, "waited": 0, "both_ran": 0, "failures": []}
    for rnd in range(1, rounds + 1):
        mutate(corpus, rng, n_files)
        try:
            before = content(index_dir)
        except Exception:  # noqa: BLE001 - reported by the check below
            before = None
        wait = rnd % 3 == 0
        first = run_index(corpus, index_dir, rebuild=rnd % 2 == 0)
        # the second starts once the first holds the writer lock (or has ended)
        deadline = time.time() + 120
        while not holds_lock(first.pid) and first.poll() is None and time.time() < deadline:
            time.sleep(0.002)
        args = [str(EXE), "index", str(corpus), "--index", str(index_dir), "--quiet"] + (["--rebuild"] if rnd % 2 else [])
        second = subprocess.Popen(args + (["--wait"] if wait else []), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, start_new_session=True)
        _, err1 = first.communicate()
        _, err2 = second.communicate()
        problems = [] if first.returncode == 0 else [f"first writer exited {first.returncode}: {err1.strip()[-300:]}"]
        lines2 = [line for line in err2.splitlines() if line.strip()]
        if second.returncode == 1 and len(lines2) == 1 and BUSY in lines2[0] and not wait:
            out["stopped"] += 1
        elif second.returncode == 0 and wait:
            out["waited"] += 1
        elif second.returncode == 0:
            out["both_ran"] += 1
        else:
            problems.append(f"second writer exited {second.returncode}: {err2.strip()[-300:]}")
        problems += [f"left behind: {x}" for x in leftovers(index_dir)]
        problems += check_after_kill(index_dir, corpus, before)
        out["failures"] += [f"concurrent round {rnd}: {x}" for x in problems]
        print(f"concurrent {rnd:2d}: {'rebuild' if rnd % 2 == 0 else 'update '} first, second "
              f"{'waits' if wait else 'stops'}: exits {first.returncode}/{second.returncode}; {'; '.join(problems) or 'index ok'}",
              flush=True)
    return out


def _mount_tmpfs(where: Path, size: str) -> bool:
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True, check=False)
    return p.returncode == 0


def full_disk(corpus: Path, index_dir: Path, work: Path, rng: random.Random, n_files: int) -> dict:
    """Index runs on a full disk fail in one line and leave the index as it was; once
    space is freed the next run completes. On a copy of the index, on a small tmpfs."""
    out = {"failures": [], "lost": 0, "extra": 0}
    disk = (work / "disk").resolve()
    disk.mkdir(exist_ok=True)
    size_mb = max(32, 4 * sum(f.stat().st_size for f in index_dir.iterdir()) // (1 << 20) + 16)
    mounted = _mount_tmpfs(disk, f"{size_mb}m")
    out["note"] = f"tmpfs of {size_mb} MB" if mounted else "file-size limit (RLIMIT_FSIZE, EFBIG): no tmpfs here"
    full_index = disk / "index"
    try:
        shutil.copytree(index_dir, full_index)
        for i in range(3):  # papers the full disk has no room for
            write_paper(corpus, n_files + 100 + i, (f"Full disk paper {i}", [f"The wombat{i} budget is £{i + 1}m."] * 300), rng)
        mutate(corpus, rng, n_files)
        before, files = content(full_index), sorted(p.name for p in full_index.iterdir())
        filler = disk / "filler"
        limit = None
        if mounted:
            st = os.statvfs(disk)
            with open(filler, "wb") as fh:
                fh.write(b"\0" * max(0, st.f_bavail * st.f_frsize - 64 * 1024))
        else:
            limit = 64 * 1024
        for rebuild in (False, True):
            p = run_index(corpus, full_index, rebuild=rebuild, **({"preexec_fn": _file_size_limit(limit)} if limit else {}))
            _, err = p.communicate()
            lines = [line for line in err.splitlines() if line.strip()]
            what = "rebuild" if rebuild else "update"
            problems = []
            if p.returncode != 1 or len(lines) != 1 or "cannot write the index" not in lines[0]:
                problems.append(f"{what} on a full disk: exit {p.returncode}, stderr {err.strip()[-300:]!r}")
            # no file added (files an earlier killed run left may be cleaned away; the
            # content check below shows every file the index lists is intact)
            new = sorted({x.name for x in full_index.iterdir()} - set(files))
            if new:
                problems.append(f"{what} on a full disk left new files in the index folder: {new}")
            problems += [f"{what} on a full disk left behind: {x}" for x in leftovers(full_index)]
            if content(full_index) != before:
                problems.append(f"{what} on a full disk changed the index's content")
            ok, why = search_ok(full_index)
            if not ok:
                problems.append(f"search fails after a full disk: {why}")
            out["failures"] += problems
            print(f"full disk: {what}: exit {p.returncode}, {lines[-1] if lines else ''!r}; {'; '.join(problems) or 'index as it was'}",
                  flush=True)
        if filler.exists():
            filler.unlink()
        p = run_index(corpus, full_index)
        _, err = p.communicate()
        if p.returncode != 0:
            out["failures"].append(f"run after freeing space exited {p.returncode}: {err.strip()[-300:]}")
        clean = work / "disk-clean-index"
        shutil.rmtree(clean, ignore_errors=True)
        run_index(corpus, clean).communicate()
        after, expected = content(full_index), content(clean)
        out["lost"], out["extra"] = sum((expected - after).values()), sum((after - expected).values())
        if out["lost"] or out["extra"]:
            out["failures"].append(f"after the full disk: {out['lost']} passages lost, {out['extra']} extra")
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(disk)], check=False)
    return out


def _file_size_limit(limit: int):
    def apply() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="SIGKILL `paperfinder index` at random moments; check nothing is lost")
    ap.add_argument("--files", type=int, default=3000, help="papers in the generated corpus (default 3000)")
    ap.add_argument("--rounds", type=int, default=20, help="kills to attempt (default 20)")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--out", default=str(ROOT / "bench" / "out"), help="folder for the corpus and indexes")
    ap.add_argument("--strict-processes", action="store_true", help="also fail when a killed run leaves processes behind")
    ap.add_argument("--rebuild-every", type=int, default=4, help="every Nth round runs --rebuild (0: never)")
    ap.add_argument("--concurrent", type=int, default=6, help="rounds of two writers at once (default 6)")
    ap.add_argument("--no-full-disk", action="store_true", help="skip the full-disk run")
    args = ap.parse_args(argv)

    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.chdir(out)  # sources are named relative to the working folder: the same for every run
    corpus = Path("fault_corpus")
    work = Path("faults")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    index_dir, clean_dir = work / "index", work / "clean-index"
    rng = random.Random(args.seed)

    t0 = time.perf_counter()
    files = make_corpus(corpus, args.files, args.seed)  # fresh each time: the rounds change it
    print(f"corpus: {len(files)} papers in {out / corpus} ({time.perf_counter() - t0:.1f}s)", flush=True)

    t = time.perf_counter()
    p = run_index(corpus, index_dir)
    _, err = p.communicate()
    if p.returncode != 0:
        print(f"first complete run failed (exit {p.returncode}): {err.strip()[-500:]}")
        return 1
    durations = {False: time.perf_counter() - t, True: time.perf_counter() - t}
    print(f"first complete run: {durations[False]:.1f}s, {sum(content(index_dir).values())} passages", flush=True)

    # an update run is much shorter than a first build: time one to aim the kills
    mutate(corpus, rng, args.files)
    t = time.perf_counter()
    p = run_index(corpus, index_dir)
    p.communicate()
    durations[False] = time.perf_counter() - t
    print(f"a complete update run: {durations[False]:.1f}s", flush=True)

    kills = survived = finished_early = rnd = 0
    phases: Counter = Counter()
    failures: list[str] = []
    leftovers: list[str] = []  # processes that outlived a kill: reported, an index loss only with --strict-processes
    orphans = 0
    while kills < args.rounds and rnd < 3 * args.rounds:
        rnd += 1
        rebuild = bool(args.rebuild_every) and rnd % args.rebuild_every == 0
        change = mutate(corpus, rng, args.files)
        try:
            before = content(index_dir)
        except Exception:  # noqa: BLE001 - a previous round already reported it
            before = None
        # up to a little past the expected end: some kills land in the commit (or the rebuild's swap)
        delay = rng.uniform(0.05, durations[rebuild] * 1.25)
        t = time.perf_counter()
        p = run_index(corpus, index_dir, rebuild=rebuild)
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            pass
        if p.poll() is None:
            phase = "writing" if holds_lock(p.pid) else "reading"
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
            kills += 1
            phases[phase] += 1
            # pool workers that outlive their run would hold its pipes open: end them first
            left = kill_group_leftovers(p.pid)
            p.communicate()
            orphans += len(left)
            problems = check_after_kill(index_dir, corpus, before)
            if left:
                leftovers.append(f"round {rnd}: {len(left)} worker processes outlived the killed run")
            if problems:
                failures.extend(f"round {rnd}: {x}" for x in problems)
            else:
                survived += 1
            what = f"killed while {phase}"
        else:
            _, err = p.communicate()
            durations[rebuild] = time.perf_counter() - t
            finished_early += 1
            problems = [] if p.returncode == 0 else [f"run exited {p.returncode}: {err.strip()[-300:]}"]
            problems += check_after_kill(index_dir, corpus, before)
            failures.extend(f"round {rnd}: {x}" for x in problems)
            what = "finished before the kill"
        note = "; ".join(problems) or "index ok"
        if what.startswith("killed") and left:
            note += f" ({len(left)} worker processes outlived the run)"
        print(f"round {rnd:2d}: {'rebuild' if rebuild else 'update '} {change} kill at {delay:5.2f}s: {what}; {note}", flush=True)

    concurrent = concurrent_writers(corpus, index_dir, rng, args.files, args.concurrent)
    failures.extend(concurrent["failures"])
    disk = {"failures": [], "lost": 0, "extra": 0, "note": "skipped (--no-full-disk)"}
    if not args.no_full_disk:
        disk = full_disk(corpus, index_dir, work, rng, args.files)
        failures.extend(disk["failures"])

    # the next complete run finishes the work; it must equal a clean build of the same files
    p = run_index(corpus, index_dir)
    _, err = p.communicate()
    if p.returncode != 0:
        failures.append(f"final run failed (exit {p.returncode}): {err.strip()[-300:]}")
    p = run_index(corpus, clean_dir)
    _, err = p.communicate()
    if p.returncode != 0:
        failures.append(f"clean build failed (exit {p.returncode}): {err.strip()[-300:]}")
    lost = extra = 0
    try:
        final, clean = content(index_dir), content(clean_dir)
        lost = sum((clean - final).values())
        extra = sum((final - clean).values())
        if lost or extra:
            failures.append(f"final index differs from a clean build: {lost} passages lost, {extra} extra")
        n_passages = sum(clean.values())
    except Exception as exc:  # noqa: BLE001
        failures.append(f"cannot compare final and clean indexes: {type(exc).__name__}: {exc}")
        n_passages = 0
    ok, why = search_ok(index_dir)
    if not ok:
        failures.append(f"search fails on the final index: {why}")

    print()
    print(f"papers: {len(list(corpus.iterdir()))}, passages in a clean build: {n_passages}")
    print(f"kills: {kills} sent ({phases['reading']} while reading files, {phases['writing']} while the index writer was open), "
          f"{survived} survived, {finished_early} runs finished before their kill")
    print(f"worker processes left behind by killed runs: {orphans} (ended by this script)")
    print(f"concurrent writers: {concurrent['rounds']} rounds, {concurrent['stopped']} second writers stopped in one line, "
          f"{concurrent['waited']} waited and completed, {concurrent['both_ran']} ran after the first had finished")
    print(f"full disk ({disk['note']}): passages lost {disk['lost']}, extra {disk['extra']}")
    lost, extra = lost + disk["lost"], extra + disk["extra"]
    print(f"passages lost: {lost}, extra: {extra}")
    print(f"mismatches / check failures: {len(failures)}")
    for f in failures:
        print("  " + f)
    print(f"total time {time.perf_counter() - t0:.0f}s")
    if args.strict_processes and leftovers:
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
