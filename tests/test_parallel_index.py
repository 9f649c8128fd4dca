"""Workers write segments in parallel: the index is the same as one process writes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from paperfinder.backends.whoosh import store
from paperfinder.index import build
from paperfinder.index.build import _runs_of_files, _shrinking_runs, index_paths
from paperfinder.search.backend import get_backend
from paperfinder.search.service import search

from .conftest import CORPUS, corpus_file, primaries

WESTMINSTER = corpus_file("000")
HF = corpus_file("002")



def _folder(tmp_path, *names_and_sources):
    folder = tmp_path / "papers"
    folder.mkdir()
    for name, src in names_and_sources:
        shutil.copy(src, folder / name)
    return folder


def test_a_text_in_two_workers_files_has_one_primary_copy(tmp_path):
    folder = _folder(tmp_path, ("a.txt", WESTMINSTER), ("b.txt", WESTMINSTER))
    # the same size, so each worker writes one of them
    assert [[i for i, _ in run] for run in _runs_of_files(list(enumerate([(str(folder / "a.txt"),), (str(folder / "b.txt"),)])), 2)] == [[0], [1]]
    report = index_paths([folder], tmp_path / "two", workers=2)
    assert (report.added, report.passages) == (2, 32)
    held = primaries(tmp_path / "two", "whoosh")
    assert len(held) == 16 and set(map(tuple, held.values())) == {("a.txt",)}
    hits = search('"Clinical Practice Team"', tmp_path / "two", limit=None).hits
    assert len(hits) == 16 and {h.source.rsplit("/", 1)[-1] for h in hits} == {"a.txt"}
    assert all([c["source"].rsplit("/", 1)[-1] for c in h.also_in] == ["b.txt"] for h in hits)

    index_paths([folder], tmp_path / "one", workers=1)
    one = search('"Clinical Practice Team"', tmp_path / "one", limit=None).hits
    assert [(h.passage_id, h.score) for h in hits] == [(h.passage_id, h.score) for h in one]
    assert primaries(tmp_path / "one", "whoosh") == held
    facets = ["authority", "doc_type", "section_type", "year", "kind"]
    two_f, one_f = (search("funding", tmp_path / d, facets=facets).facets for d in ("two", "one"))
    assert two_f == one_f and sum(two_f["section_type"].values()) == search("funding", tmp_path / "one", limit=None).total


def test_columns_read_segment_by_segment_are_whooshs(tmp_path):
    folder = _folder(tmp_path, ("a.txt", HF), ("b.txt", WESTMINSTER))  # the larger first: one each
    index_paths([folder], tmp_path / "index", workers=2)
    ix = store.open_index(tmp_path / "index")
    with ix.reader() as r:
        assert not r.is_atomic()  # two segments
        for field in ("filekey", "section_type", "people_col"):
            cr = r.column_reader(field)
            whooshs = [v.decode("utf-8") if isinstance(v, bytes) else (v or "") for v in (cr[d] for d in range(r.doc_count_all()))]
            assert store._read_column(r, field) == whooshs


def test_a_changed_file_that_fails_keeps_its_primary_copies(tmp_path):
    """The worker expects a.txt to be replaced; it is not (unreadable now), so b.txt's copies stay copies."""
    folder = _folder(tmp_path, ("a.txt", WESTMINSTER), ("c.txt", HF))
    index_paths([folder], tmp_path / "index", workers=2)
    (folder / "a.txt").write_bytes(b"\x00\x01binary\x00" * 4000)
    shutil.copy(WESTMINSTER, folder / "b.txt")
    report = index_paths([folder], tmp_path / "index", workers=2)
    assert report.added == 1 and [s for s, _ in report.skipped if s.endswith("a.txt")]
    held = primaries(tmp_path / "index", "whoosh")
    assert not [srcs for srcs in held.values() if len(srcs) > 1]
    assert not [srcs for srcs in held.values() if "b.txt" in srcs]
    hits = search('"Clinical Practice Team"', tmp_path / "index", limit=None).hits
    assert hits and {h.source.rsplit("/", 1)[-1] for h in hits} == {"a.txt"}
    assert all([c["source"].rsplit("/", 1)[-1] for c in h.also_in] == ["b.txt"] for h in hits)


def test_removing_the_primary_file_promotes_the_copy_in_the_other_workers_segment(tmp_path):
    folder = _folder(tmp_path, ("a.txt", WESTMINSTER), ("b.txt", WESTMINSTER))
    index_paths([folder], tmp_path / "index", workers=2)
    (folder / "a.txt").unlink()
    report = index_paths([folder], tmp_path / "index", workers=2)
    assert report.removed == 1
    hits = search('"Clinical Practice Team"', tmp_path / "index", limit=None).hits
    assert hits and {h.source.rsplit("/", 1)[-1] for h in hits} == {"b.txt"}
    assert not [srcs for srcs in primaries(tmp_path / "index", "whoosh").values() if len(srcs) > 1]


def _index_identity():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import index_identity
    finally:
        sys.path.pop(0)
    return index_identity


def test_runs_are_cut_smaller_as_the_files_run_out():
    costs = [400.0, 100, 100, 100, 100, 100, 100, 100]
    runs = _shrinking_runs(list(enumerate([(f"{i}.txt",) for i in range(8)])), 4, costs, 100)
    assert [[i for i, _ in run] for run in runs] == [[0], [1, 2], [3, 4], [5], [6], [7]]


@pytest.mark.parametrize("backend", ["whoosh", "tantivy"])
def test_runs_handed_to_whichever_worker_is_free_make_the_index_one_worker_makes(tmp_path, monkeypatch, backend):
    # the bundled papers, the largest first and one twice (a text in two runs); with tantivy
    # every run is cut as small as it can be, so two workers write five runs, each as it
    # comes free; whoosh cuts one run a worker, by the passages counted
    monkeypatch.setattr(build, "SMALLEST_RUN", 1)
    papers = sorted(CORPUS.glob("*.txt"))
    folder = _folder(tmp_path, ("a.txt", papers[4]), *((f"{n}.txt", p) for n, p in zip("bcde", papers[:4])), ("f.txt", papers[0]))
    two = index_paths([folder], tmp_path / "two", workers=2, backend=backend)
    one = index_paths([folder], tmp_path / "one", workers=1, backend=backend)
    assert (two.added, two.passages) == (one.added, one.passages) == (6, 637)
    assert _index_identity().compare(str(tmp_path / "one"), str(tmp_path / "two")) == []
    # the passages in file order, and the text both b.txt and f.txt hold searched through b.txt's copy
    in_order = [r["passage_id"] for r in get_backend(backend)(tmp_path / "two").iter_all()]
    assert in_order == [r["passage_id"] for r in get_backend(backend)(tmp_path / "one").iter_all()]
    hits = search('"Clinical Practice Team"', tmp_path / "two", limit=None).hits
    assert len(hits) == 16 and {h.source.rsplit("/", 1)[-1] for h in hits} == {"b.txt"}
    if backend == "whoosh":
        with store.open_index(tmp_path / "two").reader() as r:
            assert len(r.leaf_readers()) == 2  # a segment a run: a.txt (534 passages of 637), the rest
