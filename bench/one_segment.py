"""A one-segment copy of a tantivy paperfinder index (issue 17), to compare a query's cost on the
same passages in several segments and in one without touching the index::

    .venv/bin/python bench/one_segment.py INDEX COPY
    .venv/bin/python bench/run.py --queries-only COPY --corpus CORPUS --dump-results copy.jsonl

The folder is copied, then compacted as ``paperfinder index --compact`` compacts an index in place
(``TantivyBackend.compact``: every live passage written again from its stored record, in the order
of its place, with the same primary flag and sort keys). Scores may differ in the last digits
(BM25's statistics no longer count the deleted passages a segment still held); hits, totals and
facet counts do not.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

from paperfinder.backends.tantivy.backend import TantivyBackend


def copy(src: Path, dst: Path) -> dict:
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("write.lock"))
    b = TantivyBackend(dst)
    before = b.segments()
    started = time.process_time()
    after = b.compact()
    return {"passages": int(b._reading().searcher.num_docs), "segments": [before, after],
            "cpu_s": round(time.process_time() - started, 1),
            "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index")
    ap.add_argument("copy")
    a = ap.parse_args(argv)
    print(json.dumps(copy(Path(a.index), Path(a.copy))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
