"""Only ``paperfinder/backends/`` imports a search engine (issue 16): every other module
reaches an index through ``search.backend.SearchBackend`` and query trees."""

from __future__ import annotations

import ast
from pathlib import Path

import paperfinder

PACKAGE = Path(paperfinder.__file__).parent
ENGINES = ("whoosh", "tantivy")


def _imports(path: Path) -> list[str]:
    """Every module a file imports, at any depth (inside functions too)."""
    out: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append(node.module)
            out.extend(f"{node.module}.{a.name}" for a in node.names)
    return out


def test_no_module_outside_backends_imports_an_engine_or_a_backend():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "backends":
            continue
        bad = [m for m in _imports(path) if m.split(".")[0] in ENGINES or m.startswith("paperfinder.backends")]
        if bad:
            offenders[str(rel)] = bad
    assert offenders == {}


def test_the_walk_sees_the_backend_itself():
    # the check above would pass on an empty walk: the whoosh backend is where whoosh is imported
    found = _imports(PACKAGE / "backends" / "whoosh" / "compile.py")
    assert "whoosh" in found or any(m.startswith("whoosh.") for m in found)
