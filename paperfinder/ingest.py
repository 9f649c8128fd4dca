"""Ingest: read a file (.txt/.md/.html/.htm/.pdf) into Documents.

A file becomes a list of cleaned ``Line`` records that keep their source line
numbers (so every passage can be cited as ``source:line_start-line_end``);
agenda packs are then split into their reports and each part gets the
metadata read from its own header (see ``metadata``).
"""

from __future__ import annotations

import codecs
import hashlib
import html
import os
import re
import stat
from pathlib import Path

from .errors import ReadError
from .records import Document, Line

SUPPORTED = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
MAX_FILE_BYTES = 200 * 1024 * 1024  # larger files are skipped, not loaded into memory
MAX_LINE_CHARS = 20_000  # a longer line (a PDF dumped as one line) is re-wrapped

_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}?>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*(?=\S)|(?<=\S)\*)")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_SPACES = re.compile(r"[ \u00a0\u2002\u2003\u2009\u200b]+")


def file_hash(path: str | Path) -> str:
    """Content hash of a file (sha1 hex), read in blocks."""
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# UTF-32 first: its little-endian mark starts with UTF-16's
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _bom_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 when the data starts with that encoding's byte order mark."""
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def decode_bytes(data: bytes) -> str:
    """UTF-16/32 with a byte order mark, UTF-8 (with or without BOM), else cp1252, never raising."""
    enc = _bom_encoding(data)
    if enc:
        return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_binary(data: bytes) -> bool:
    """True when a byte string is not text: NUL bytes or many control bytes."""
    sample = data[:8192]
    if _bom_encoding(sample):
        return False  # UTF-16/32 text holds NUL bytes
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return ctrl / len(sample) > 0.05


def clean_line(raw: str) -> str:
    """Plain text of one line of converted text: no HTML tags, entities, markdown marks."""
    s = raw
    if "<" in s:
        s = re.sub(r"<br\s*/?>", " ", s, flags=re.I)
        s = re.sub(r"</(p|td|th|li|div)>\s*<(p|td|th|li|div)\b", "\t<\\2", s, flags=re.I)
        s = _TAG.sub("", s)
    if "&" in s:
        s = html.unescape(s)
    if "](" in s:
        s = _MD_LINK.sub(r"\1", s)
    if "\\" in s:
        s = _ESCAPED.sub(r"\1", s)
    if "*" in s or "__" in s:
        s = _MD_EMPH.sub("", s)
    s = s.replace("\r", "")
    # tabs separate table cells: keep one tab between cells, drop empty edge cells
    if "\t" in s:
        cells = [_SPACES.sub(" ", c).strip() for c in s.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        while cells and not cells[0]:
            cells.pop(0)
        return "\t".join(cells)
    return _SPACES.sub(" ", s).strip()


def _wrap_long(text: str, width: int = 2000) -> list[str]:
    """Break an over-long line at sentence or word boundaries.

    Linear in the length of the line: each piece is found by searching the next
    ``width`` characters only, and the rest of the line is never copied.
    """
    out = []
    start, end = 0, len(text)
    while end - start > width:
        cut = text.rfind(". ", start, start + width)
        if cut < start + width // 2:
            cut = text.rfind(" ", start, start + width)
        if cut <= start:
            cut = start + width
        out.append(text[start : cut + 1].strip())
        start = cut + 1
    out.append(text[start:].strip())
    return [t for t in out if t]


def lines_from_text(text: str) -> list[Line]:
    """Cleaned non-blank lines with their 1-based line numbers.

    A very long line keeps its line number for every piece it is cut into.
    """
    out: list[Line] = []
    for no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        cleaned = clean_line(raw)
        if len(cleaned) > MAX_LINE_CHARS:
            out.extend(Line(no, part) for part in _wrap_long(cleaned))
        else:
            out.append(Line(no, cleaned))
    return out


def read_text_file(path: Path) -> list[Line]:
    data = path.read_bytes()
    if looks_binary(data):
        raise ReadError(f"{path}: not a text file (binary content)", "convert it to text or remove it")
    return lines_from_text(decode_bytes(data))


_BLOCK_TAGS = {
    "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
    "section", "article", "blockquote", "pre", "dd", "dt", "br", "td", "th", "caption",
}
_DROP_TAGS = ["script", "style", "noscript", "template", "svg", "nav", "header", "footer", "form", "iframe"]


def read_html_file(path: Path) -> list[Line]:
    """Text of a saved web page, site navigation dropped, line numbers of the HTML file."""
    from bs4 import BeautifulSoup, NavigableString, Tag, Comment

    data = path.read_bytes()
    if looks_binary(data):
        raise ReadError(f"{path}: not an HTML file (binary content)", "remove it or convert it")
    soup = BeautifulSoup(decode_bytes(data), "html.parser")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": ["navigation", "banner", "contentinfo"]}):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    title = soup.title.get_text(" ", strip=True) if soup.title else ""

    # group text by the nearest block ancestor; each group is one line of output
    groups: dict[int, list] = {}
    order: list[int] = []
    for node in root.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, Comment):
            continue
        text = str(node)
        if not text.strip():
            continue
        block = node.parent
        while isinstance(block, Tag) and block.name not in _BLOCK_TAGS and block is not root:
            block = block.parent
        key = id(block)
        if key not in groups:
            groups[key] = [block, []]
            order.append(key)
        groups[key][1].append(text)

    out: list[Line] = []
    last_no = 1
    for key in order:
        block, parts = groups[key]
        text = _SPACES.sub(" ", " ".join(p.strip() for p in parts)).strip()
        if not text:
            continue
        no = getattr(block, "sourceline", None) or last_no
        no = max(no, last_no)
        name = getattr(block, "name", "")
        if name and re.fullmatch(r"h[1-6]", name):
            text = "#" * int(name[1]) + " " + text
        if name in ("td", "th"):
            # table cells of one row become one tab-separated line
            if out and out[-1].no == no:
                out[-1] = Line(no, out[-1].text + "\t" + text)
                continue
        if out and out[-1].no == no:
            out[-1] = Line(no, out[-1].text + " " + text)
        else:
            out.append(Line(no, text))
        last_no = no
    if title and not any(l.text.startswith("# ") for l in out[:3]):
        # the page title names the paper when the page body has no heading
        out.insert(0, Line(out[0].no if out else 1, "# " + title))
    return out


def read_pdf_file(path: Path) -> tuple[list[Line], dict[int, int]]:
    """Text layer of a PDF as lines numbered through the extracted text; line -> page map."""
    import logging
    import warnings

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

    # pypdf reports repairs it makes ("EOF marker not found") on stderr; we report per file instead
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module="pypdf")
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            # RC4 and AES (with cryptography): a PDF encrypted only to restrict printing or
            # copying opens with the empty user password and is read
            try:
                if not reader.decrypt(""):
                    raise ReadError(f"{path}: encrypted PDF (needs a password)", "save an unencrypted copy and index that")
            except (FileNotDecryptedError, NotImplementedError, DependencyError) as exc:
                raise ReadError(f"{path}: encrypted PDF ({exc})", "save an unencrypted copy and index that")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except LimitReachedError:
        raise ReadError(f"{path}: PDF expands beyond pypdf's size limit when decompressed (a compression bomb?)",
                        "not read; re-save it with a PDF tool if it is a real paper")
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, OSError, RecursionError, AttributeError, IndexError, AssertionError) as exc:
        raise ReadError(f"{path}: damaged or truncated PDF ({type(exc).__name__})", "re-download or re-save the PDF")
    if not any(p.strip() for p in pages):
        raise ReadError(
            f"{path}: PDF has no text layer (a scan)",
            "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`, and index the result",
        )
    lines: list[Line] = []
    page_of: dict[int, int] = {}
    no = 0
    for page_no, text in enumerate(pages, start=1):
        for raw in text.splitlines():
            no += 1
            if not raw.strip():
                continue
            cleaned = _SPACES.sub(" ", raw).strip()
            lines.append(Line(no, cleaned))
            page_of[no] = page_no
        no += 1  # a page break counts as a blank line between pages
    return lines, page_of


def read_lines(path: str | Path) -> tuple[list[Line], dict[int, int]]:
    """Cleaned lines of any supported file, and (for PDFs) each line's page."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext not in SUPPORTED:
        raise ReadError(f"{p}: unsupported file type '{ext}'", "use .txt, .md, .html, .htm or .pdf")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ReadError(f"{p}: cannot read ({exc.strerror or exc})", "check the path and permissions")
    if size == 0:
        raise ReadError(f"{p}: empty file", "nothing to index; remove it or add its text")
    if size > MAX_FILE_BYTES:
        raise ReadError(f"{p}: file too large ({size // (1 << 20)} MB)", "split it into smaller files")
    try:
        if ext == ".pdf":
            lines, pages = read_pdf_file(p)
        elif ext in (".html", ".htm"):
            lines, pages = read_html_file(p), {}
        else:
            lines, pages = read_text_file(p), {}
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(f"{p}: cannot read ({exc.strerror or exc})", "check the file exists and is readable")
    except RecursionError:
        raise ReadError(f"{p}: markup nested too deeply to read", "save the page as plain text and index that")
    if not lines:
        raise ReadError(f"{p}: no text found", "check the file has text in it")
    return lines, pages


def display_source(path: str | Path) -> str:
    """The path shown in citations: relative to the working folder when under it."""
    # abspath, not resolve(): a link that points at itself must not raise
    full = os.path.abspath(path)
    cwd = os.path.abspath(os.getcwd())
    rel = os.path.relpath(full, cwd)
    shown = full if rel.startswith("..") else rel
    # a name that is not UTF-8 (bytes from another system) is shown with \xNN escapes
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


def base_doc_id(path: str | Path) -> str:
    """Stable id of a file: its stem plus a short hash of its absolute path."""
    p = Path(os.path.abspath(path))
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", p.stem)[:60].strip("-") or "doc"
    return f"{stem}-{hashlib.sha1(os.fsencode(p)).hexdigest()[:6]}"


def read_documents(path: str | Path) -> list[Document]:
    """Read one file into its Documents (one, or several for an agenda pack)."""
    from .metadata import split_and_describe

    lines, pages = read_lines(path)
    return split_and_describe(lines, source=display_source(path), base_id=base_doc_id(path), page_of_line=pages)


def _not_regular(path: Path) -> str | None:
    """Why a path cannot be read as a paper (a broken link, a pipe, a device), or None."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return "cannot read: a broken or looping link" if os.path.islink(path) else f"cannot read ({exc.strerror or exc})"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a pipe, socket or device)"
    return None


def iter_files(paths: list[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Supported files under the given paths (recursive, symlink loops safe), and problems."""
    found: list[Path] = []
    problems: list[tuple[str, str]] = []
    seen_dirs: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            problems.append((str(p), "no such file or folder"))
            continue
        if not p.is_dir():
            why = _not_regular(p)
            if why:
                problems.append((str(p), why))
            elif p.suffix.lower() in SUPPORTED:
                found.append(p)
            else:
                problems.append((str(p), f"unsupported file type '{p.suffix}'"))
            continue
        def unreadable(exc: OSError) -> None:
            problems.append((str(exc.filename), f"cannot read folder ({exc.strerror or exc})"))

        for dirpath, dirnames, filenames in os.walk(p, followlinks=True, onerror=unreadable):
            real = os.path.realpath(dirpath)
            if real in seen_dirs:
                dirnames[:] = []
                problems.append((dirpath, "folder visited already (symlink loop), skipped"))
                continue
            seen_dirs.add(real)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                fp = Path(dirpath) / name
                if fp.suffix.lower() in SUPPORTED:
                    why = _not_regular(fp)
                    if why:
                        problems.append((str(fp), why))
                    else:
                        found.append(fp)
    # the same file reached twice (through a link) is indexed once
    unique: dict[str, Path] = {}
    for fp in found:
        unique.setdefault(os.path.realpath(fp), fp)
    return list(unique.values()), problems
