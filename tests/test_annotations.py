"""Every public function and method of paperfinder has its parameters and return type annotated.

mypy's ``disallow_untyped_defs`` would hold private helpers to it as well (it reports 117
gaps there yet): this holds the public surface, the part other modules call.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "paperfinder"


def _unannotated(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    a = fn.args
    params = a.posonlyargs + a.args + a.kwonlyargs
    out = [p.arg for i, p in enumerate(params) if p.annotation is None and not (i == 0 and p.arg in ("self", "cls"))]
    out += ["*" + v.arg for v in (a.vararg, a.kwarg) if v is not None and v.annotation is None]
    if fn.returns is None:
        out.append("return")
    return out


def _public_functions(body: list[ast.stmt], prefix: str = ""):
    """Functions at module level and methods of public classes, dunders and _private ones left out."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            yield prefix + node.name, node
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield from _public_functions(node.body, f"{prefix}{node.name}.")


def test_the_scan_sees_the_public_functions():
    tree = ast.parse((PACKAGE / "search" / "service.py").read_text(encoding="utf-8"))
    names = {name for name, _ in _public_functions(tree.body)}
    assert {"search", "Filters.active"} <= names and not any(n.split(".")[-1].startswith("_") for n in names)


def test_every_public_function_is_annotated():
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, fn in _public_functions(tree.body):
            if gaps := _unannotated(fn):
                missing.append(f"{path.relative_to(PACKAGE.parent)}:{fn.lineno} {name}: {', '.join(gaps)}")
    assert missing == []
