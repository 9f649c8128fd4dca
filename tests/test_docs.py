"""The README names every module (in "How it works") and every command (in "Commands")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "paperfinder"


def _section(title: str) -> str:
    """The README's ``## title`` section, up to the next ``## `` heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else len(text)]


def _module_table() -> str:
    """The rows of the module table in "How it works" (its ``| stage | module | owns |`` table)."""
    lines = _section("How it works").splitlines()
    start = lines.index("| stage | module | owns |")
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return "\n".join(rows)


def _modules() -> list[str]:
    """Every module as its path under the package (``model.py``, ``ingest/readers.py``)."""
    return sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


def _commands() -> list[str]:
    """Every command the typer app registers, as typed: "index", "watch add", ..."""
    from paperfinder.cli import app

    def name_of(info) -> str:
        return info.name or info.callback.__name__.replace("_", "-")

    def walk(typer_app, prefix: str) -> list[str]:
        out = [prefix + name_of(c) for c in typer_app.registered_commands]
        for group in typer_app.registered_groups:
            out += walk(group.typer_instance, f"{prefix}{group.name} ")
        return out

    return walk(app, "")


def test_the_module_table_is_found_and_has_rows():
    assert _module_table().count("\n") >= 10


@pytest.mark.parametrize("module", _modules())
def test_every_module_is_in_the_module_table(module):
    # a row names a module by its path, with or without the package (`paperfinder/model.py`, `ingest/readers.py`)
    assert re.search(r"`(?:paperfinder/)?" + re.escape(module) + r"`", _module_table()), \
        f"{module} is missing from the module table in the README's 'How it works'"


def test_the_commands_are_found():
    found = _commands()
    assert {"index", "search", "ask", "serve", "watch add", "watch feed"} <= set(found)
    assert len(found) == len(set(found)) >= 18


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_commands_section(command):
    assert re.search(r"\bpaperfinder " + re.escape(command) + r"\b", _section("Commands")), \
        f"`paperfinder {command}` is not shown in the README's 'Commands' section"
