"""Small JSON files kept beside the index (metadata, caches, corrections, numbering):
each replaced in one rename, so a reader sees the old file or the new one, never half.

The temporary file is ``NAME.tmp`` beside it: on a failed write (a full disk) it is
removed and the old file stays, and one a killed run left behind is removed by the
next index writer, which clears the index folder's ``*.tmp``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_json(path: Path, data: Any, indent: int | None = None, sort_keys: bool = False, ensure_ascii: bool = True) -> None:
    """Replace ``path`` with ``data`` as JSON in one rename."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(data, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        try:
            os.remove(tmp)  # removing never needs free space
        except FileNotFoundError:
            pass
        raise
