"""Workers write segments in parallel: the index is the same as one process writes."""

from __future__ import annotations

import shutil

from paperfinder.backends.whoosh import store
from paperfinder.index.build import _runs_of_files, index_paths
from paperfinder.search.backend import get_backend
from paperfinder.search.service import search

from .conftest import corpus_file

WESTMINSTER = corpus_file("000")
HF = corpus_file("002")


def _primaries(index_dir) -> dict[str, list[str]]:
    """text hash -> sources holding its primary copy."""
    out: dict[str, list[str]] = {}
    for stored in get_backend("whoosh")(index_dir).iter_all():
        if stored["primary"] == "1":
            out.setdefault(stored["text_hash"], []).append(stored["source"].rsplit("/", 1)[-1])
    return out


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
    primaries = _primaries(tmp_path / "two")
    assert len(primaries) == 16 and set(map(tuple, primaries.values())) == {("a.txt",)}
    hits = search('"Clinical Practice Team"', tmp_path / "two", limit=None).hits
    assert len(hits) == 16 and {h.source.rsplit("/", 1)[-1] for h in hits} == {"a.txt"}
    assert all([c["source"].rsplit("/", 1)[-1] for c in h.also_in] == ["b.txt"] for h in hits)

    index_paths([folder], tmp_path / "one", workers=1)
    one = search('"Clinical Practice Team"', tmp_path / "one", limit=None).hits
    assert [(h.passage_id, h.score) for h in hits] == [(h.passage_id, h.score) for h in one]
    assert _primaries(tmp_path / "one") == primaries
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
    primaries = _primaries(tmp_path / "index")
    assert not [srcs for srcs in primaries.values() if len(srcs) > 1]
    assert not [srcs for srcs in primaries.values() if "b.txt" in srcs]
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
    assert not [srcs for srcs in _primaries(tmp_path / "index").values() if len(srcs) > 1]
