"""Issue 17, ninth round: the stored record's field is analysed as no term at all, with a scan
that tries the first character only (tantivy's regex scan of every record for "\\x00" was a
quarter of the engine's indexing CPU), and the record still comes back whole from a search."""

import json
from pathlib import Path

from paperfinder.backends.tantivy import schema as S
from paperfinder.index.build import index_paths
from paperfinder.search.backend import backend_for

ROOT = Path(__file__).resolve().parents[1]
PAPER = ROOT / "corpus" / "004_a79bf05b93d54816.txt"


def test_the_record_analyser_finds_no_term_in_a_record(tmp_path):
    index_paths([PAPER], tmp_path / "idx", workers=1, backend="tantivy")
    records = list(backend_for(str(tmp_path / "idx")).iter_all())
    assert len(records) == 534
    # the record comes back whole from the stored field: the agenda's first passage, its date tagged
    first = records[0]
    assert (first["title"], first["section"], first["doc_type"], first["date"]) == (
        "Children and Education Policy and Accountability Committee", "Agenda", "agenda", "2016-11-21")
    assert first["entities"][0] == {"label": "DATE", "text": "Monday 21 November 2016", "value": "2016-11-21",
                                    "line": 7, "start": 71, "end": 94}
    none = S.analyzer(S.NO_TOKENIZER)
    for rec in records:
        stored = json.dumps(rec, ensure_ascii=False)
        assert none.analyze(stored) == []
    # a NUL in a record is written escaped by json, so the record never starts with one
    assert json.dumps({"text": "a\x00b"}) == '{"text": "a\\u0000b"}'
    assert none.analyze('{"text": "a\\u0000b"}') == []
    # tried at the first character only (tantivy's \\A): a NUL there would be its one token
    assert none.analyze("\x00{}") == ["\x00"]
    # the text's own analysers are unchanged: "4.1" stays whole, stop words and case go
    assert S.analyzer(S.TEXT_TOKENIZER).analyze("The Budget 4.1 of the Council") == ["budget", "4.1", "council"]
