"""whoosh is changed only when paperfinder opens or creates an index, never by an import."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = r"""
import importlib, json, pkgutil, sys, warnings
warnings.simplefilter("ignore")
import whoosh.filedb.compound, whoosh.codec.whoosh3

def current():
    out = {}
    for module, owner, attr in PATCHED:
        obj = importlib.import_module(module)
        obj = getattr(obj, owner) if owner else obj
        out[f"{module}.{owner}.{attr}"] = obj.__dict__[attr]
    return out

# what apply() replaces, read from the source file without importing paperfinder
import ast, pathlib
src = pathlib.Path(sys.argv[1]).read_text()
PATCHED = next(ast.literal_eval(n.value) for n in ast.parse(src).body
               if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "PATCHED")
originals = current()

import paperfinder
imported = [m.name for m in pkgutil.walk_packages(paperfinder.__path__, "paperfinder.")]
for name in imported:
    importlib.import_module(name)
after_import = current()

from paperfinder.backends.whoosh import store as whoosh_store
getattr(whoosh_store, sys.argv[2])(sys.argv[3])
after_open = current()
print(json.dumps({
    "imported": imported,
    "unchanged_by_import": {k: after_import[k] is originals[k] for k in originals},
    "changed_by_open": {k: after_open[k] is not originals[k] for k in originals},
}))
"""


def _probe(how: str, index_dir: str) -> dict:
    import paperfinder.backends.whoosh.patches as patches

    r = subprocess.run([sys.executable, "-c", PROBE, patches.__file__, how, index_dir],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_importing_paperfinder_leaves_whoosh_alone_and_opening_an_index_patches_it(corpus_index):
    out = _probe("open_index", str(corpus_index))
    assert {"paperfinder.cli", "paperfinder.backends.whoosh.backend", "paperfinder.web.app"} <= set(out["imported"])
    patched = ["whoosh.filedb.compound..BufferFile", "whoosh.codec.whoosh3.W3LeafMatcher._read_ids",
               "whoosh.codec.whoosh3.W3LeafMatcher._read_values", "whoosh.codec.whoosh3.W3LeafMatcher.skip_to"]
    assert out["unchanged_by_import"] == dict.fromkeys(patched, True)
    assert out["changed_by_open"] == dict.fromkeys(patched, True)


def test_creating_an_index_patches_whoosh(tmp_path):
    out = _probe("create_index", str(tmp_path / "new"))
    assert all(out["unchanged_by_import"].values()) and len(out["unchanged_by_import"]) == 4
    assert all(out["changed_by_open"].values())


def test_apply_is_idempotent():
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.filedb import compound

    from paperfinder.backends.whoosh import patches as whoosh_patches

    whoosh_patches.apply()
    first = (compound.BufferFile, W3LeafMatcher._read_ids, W3LeafMatcher._read_values, W3LeafMatcher.skip_to)
    whoosh_patches.apply()
    assert (compound.BufferFile, W3LeafMatcher._read_ids, W3LeafMatcher._read_values, W3LeafMatcher.skip_to) == first
    assert compound.BufferFile.__name__ == "ViewBufferFile"


def test_block_tables_belong_to_one_query(corpus_index):
    from paperfinder.backends.whoosh import matching, reading
    from paperfinder.backends.whoosh import patches as whoosh_patches
    from paperfinder.search.service import search

    assert search("children social care", corpus_index).total > 0
    assert whoosh_patches.block_ids.get() is None  # the query's table went with it
    r = reading._reading(corpus_index)
    sub, _offset = r.searcher.leaf_searchers()[0]
    reader = sub.reader()
    with whoosh_patches.remembering_blocks() as table:
        docs = matching._term_docs(reader, "text", "children")
        # the blocks whoosh decoded are in this table, and hold exactly the term's postings
        assert table and set().union(*table.values()) == docs
        assert docs == set(reader.postings("text", "children").all_ids()) and len(docs) > 10
        assert matching._term_docs(reader, "text", "children") == docs  # read again from the table
    assert whoosh_patches.block_ids.get() is None
