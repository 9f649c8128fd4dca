"""Big single files through the whole pipeline, tagging on, at the sizes the tests cannot afford.

    .venv/bin/python bench/big_inputs.py [--mb 50] [--line-mb 5] [--out bench/out/big_inputs]

Two files, each indexed by ``paperfinder index`` into a fresh index (as the test
``test_big_file_of_real_text_through_the_whole_pipeline`` does at 2 MB):

- ``--mb`` MB of real text: the bundled papers one after another, over and over;
- ``--line-mb`` MB on one line: paper 000's words, over and over.

Each ends with the same last words as the tests' files (an amount of £4,321,987);
the run checks that this amount is found, i.e. the file was tagged to its end, and
prints wall time and CPU time (this process's children). Exit status 1 if a check fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
END = "the final platypusword sentence: a grant of £4,321,987 agreed on 3 March 2031.\n"


def write_text(path: Path, mb: float) -> None:
    papers = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    with open(path, "w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < mb * 1024 * 1024:
            fh.write(papers[i % len(papers)] + "\n")
            i += 1
        fh.write("\n" + END)


def write_line(path: Path, mb: float) -> None:
    words = " ".join(next((ROOT / "corpus").glob("000_*.txt")).read_text(encoding="utf-8").split())
    size = int(mb * 1024 * 1024)
    text = (words + " ") * (size // len(words) + 1)
    path.write_text(text[: size - 80] + " " + END, encoding="utf-8")


def run(kind: str, mb: float, out: Path) -> bool:
    work = out / kind
    shutil.rmtree(work, ignore_errors=True)
    (work / "papers").mkdir(parents=True)
    (write_text if kind == "text" else write_line)(work / "papers" / "big.txt", mb)
    exe = [sys.executable, "-m", "paperfinder.cli"]
    t0, c0 = time.perf_counter(), os.times()
    p = subprocess.run(exe + ["index", "papers", "--index", "index", "--quiet"], cwd=work, capture_output=True, text=True)
    wall, c1 = time.perf_counter() - t0, os.times()
    cpu = (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    found = subprocess.run(exe + ["search", "", "--min-amount", "4321987", "--max-amount", "4321987", "--index", "index",
                                  "--format", "json"], cwd=work, capture_output=True, text=True)
    ok = p.returncode == 0 and found.returncode == 0 and "platypusword" in found.stdout
    print(f"{kind:5} {mb:6.1f} MB  wall {wall:7.1f} s  cpu {cpu:7.1f} s  tagged to the end: {'yes' if ok else 'NO'}")
    if not ok:
        print(p.stderr[-2000:], found.stderr[-2000:], file=sys.stderr)
    return ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--line-mb", type=float, default=5)
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "big_inputs"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    ok = run("text", args.mb, out) & run("line", args.line_mb, out)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
