"""A one-segment copy of a tantivy paperfinder index, written from its stored records (issue 17).

An experiment, not a product command: it measures what a search's facets cost when the index is
one tantivy segment, as a first run of a few hundred thousand passages is not (the writer flushes
a segment per ``WRITER_HEAP`` of passages, and each incremental run adds one; tantivy-py offers no
merge). Every live passage is added again, in the order of its place (``seq``), with the same
record, primary flag and sort keys, by one writer whose heap holds them all::

    .venv/bin/python bench/one_segment.py INDEX COPY
    .venv/bin/python bench/run.py --queries-only COPY --corpus CORPUS --dump-results copy.jsonl

The caches beside the index are copied; their generation no longer matches, so the first search
counts the facet values again. Scores may differ in the last digits (BM25's statistics no longer
count the deleted passages a segment still held); hits, totals and facet counts do not.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import tantivy

from paperfinder.backends.tantivy import schema as S

PAGE = 5000
HEAP = 3_500_000_000  # bytes: tantivy's limit for one writer thread is 4 GB


def copy(src: Path, dst: Path, heap: int = HEAP) -> dict:
    meta = json.loads((src / "paperfinder.json").read_text())
    store = src / meta["store"]
    shutil.rmtree(dst, ignore_errors=True)
    dst.mkdir(parents=True)
    for f in src.iterdir():
        if f.is_file() and f.name != "write.lock":
            shutil.copy(f, dst / f.name)
    index = S.register(tantivy.Index.open(str(store)))
    searcher = index.searcher()
    out_store = dst / meta["store"]
    out_store.mkdir()
    out = S.register(tantivy.Index(S.make_schema(), str(out_store)))
    writer = out.writer(heap, 1)
    started, n, after = time.process_time(), 0, -1
    while True:
        page = tantivy.Query.boolean_query([
            (tantivy.Occur.Must, tantivy.Query.all_query()),
            (tantivy.Occur.Must, tantivy.Query.range_query(index.schema, "seq", tantivy.FieldType.Unsigned, after + 1, None)),
        ])
        hits = searcher.search(page, PAGE, count=False, order_by_field="seq", order=tantivy.Order.Asc).hits
        for seq, addr in hits:
            doc = searcher.doc(addr)
            rec = json.loads(doc.get_first("record"))
            # the stored record holds its terms (schema.TERMS) already: not analysed again
            doc_json = S.document_json(rec) if S.TERMS not in rec else _document_json_as_stored(rec)
            writer.add_json(S.finish_json(doc_json, bool(doc.get_first("primary")), int(seq),
                                          S.date_number(str(rec.get("date") or ""))))
            after, n = int(seq), n + 1
        if len(hits) < PAGE:
            break
    writer.commit()
    writer.wait_merging_threads()
    out.reload()
    return {"passages": n, "segments": out.searcher().num_segments, "cpu_s": round(time.process_time() - started, 1)}


def _document_json_as_stored(rec: dict) -> str:
    keep = S._with_terms
    S._with_terms = lambda r: r  # type: ignore[assignment]
    try:
        return S.document_json(rec)
    finally:
        S._with_terms = keep  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index")
    ap.add_argument("copy")
    ap.add_argument("--heap", type=int, default=HEAP)
    a = ap.parse_args(argv)
    print(json.dumps(copy(Path(a.index), Path(a.copy), a.heap)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
