"""A first tantivy run adds the workers' spooled passages as they come (the writer's tail),
each with the primary copy planned in file order; at the end the writer claims the copies
again in file order from what the tail kept, reading back only the lines whose copy changed."""

from __future__ import annotations

import shutil

from paperfinder.backends.tantivy import backend as tantivy_backend
from paperfinder.index.build import index_paths
from paperfinder.recognise import tagging
from paperfinder.search.service import search

from .conftest import corpus_file, primaries

WESTMINSTER = corpus_file("000")



def _two_copies(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(WESTMINSTER, folder / name)
    return folder


def test_a_copy_planned_as_primary_in_a_file_that_then_fails_passes_to_the_other_copy(tmp_path, monkeypatch):
    folder = _two_copies(tmp_path)
    real = tagging.tag_documents

    def failing_for_a(docs, *args, **kwargs):
        if docs and docs[0].source.endswith("a.txt"):
            raise RuntimeError("a fault of ours in a.txt")
        return real(docs, *args, **kwargs)

    # the survey reads a.txt (its copies are planned primary), its tagging fails (workers fork with it)
    monkeypatch.setattr(tagging, "tag_documents", failing_for_a)
    monkeypatch.delenv("PAPERFINDER_STRICT", raising=False)
    kept = []
    real_add_segment = tantivy_backend.TantivyWriter.add_segment

    def spy(self, built):
        if built is not None and self._tail is not None:
            self._tail.drain()
            kept.append(list(self._tail.planned.get(built.path, [])))
        return real_add_segment(self, built)

    monkeypatch.setattr(tantivy_backend.TantivyWriter, "add_segment", spy)
    report = index_paths([folder], tmp_path / "index", workers=2, backend="tantivy")
    assert (report.added, report.passages, [s[0].rsplit("/", 1)[-1] for s in report.skipped]) == (1, 16, ["a.txt"])
    # the tail added b.txt's 16 passages as not primary (a.txt's were planned first) ...
    assert [(len(k), sum(planned for _d, planned in k)) for k in kept] == [(16, 0)]
    # ... and the writer made each the primary copy once a.txt had failed
    held = primaries(tmp_path / "index", "tantivy")
    assert len(held) == 16 and set(map(tuple, held.values())) == {("b.txt",)}
    hits = search('"Clinical Practice Team"', tmp_path / "index", limit=None).hits
    assert len(hits) == 16 and {h.source.rsplit("/", 1)[-1] for h in hits} == {"b.txt"}


def test_copies_as_planned_are_claimed_from_what_the_tail_kept(tmp_path):
    folder = _two_copies(tmp_path)
    report = index_paths([folder], tmp_path / "index", workers=2, backend="tantivy")
    assert (report.added, report.passages) == (2, 32)
    held = primaries(tmp_path / "index", "tantivy")
    assert len(held) == 16 and set(map(tuple, held.values())) == {("a.txt",)}
    hits = search('"Clinical Practice Team"', tmp_path / "index", limit=None).hits
    assert [h.source.rsplit("/", 1)[-1] for h in hits] == ["a.txt"] * 16
    assert all([c["source"].rsplit("/", 1)[-1] for c in h.also_in] == ["b.txt"] for h in hits)
