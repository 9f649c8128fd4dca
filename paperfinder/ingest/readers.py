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
import pickle
import re
import stat
import zlib
from pathlib import Path

from paperfinder.errors import ReadError
from paperfinder.model import Document, Line, Passage

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
        # text pasted from a web page keeps its line breaks as <br /> and its signs as
        # entities (&pound;): they are read as the page shows them, each piece on its line
        pieces = _BR.split(raw) if "<" in raw else [raw]
        for piece in pieces:
            if "&" in piece and _ENTITY.search(piece):
                piece = html.unescape(piece)
            if not piece.strip():
                continue
            cleaned = clean_line(piece)
            if len(cleaned) > MAX_LINE_CHARS:
                out.extend(Line(no, part) for part in _wrap_long(cleaned))
            else:
                out.append(Line(no, cleaned))
    return out


_BR = re.compile(r"<br\s*/?>", re.I)
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,5}|#x[0-9A-Fa-f]{2,4});")


def read_text_file(path: Path) -> list[Line]:
    data = path.read_bytes()
    if looks_binary(data):
        raise ReadError(f"{path}: not a text file (binary content)", "convert it to text or remove it")
    return lines_from_text(decode_bytes(data))


# elements that end a paragraph of a web page; text inside them is a passage's line
_BLOCK_TAGS = {
    "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl",
    "section", "article", "main", "blockquote", "pre", "dd", "dt", "caption", "figcaption",
    "address", "header", "footer", "aside", "nav", "form", "fieldset", "legend", "details",
    "summary", "center", "hr", "figure", "body", "html", "thead", "tbody", "tfoot",
}
# never shown as text on the page
_INVISIBLE_TAGS = [
    "head", "script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
    "canvas", "button", "select", "textarea", "input", "map",
]
# site chrome wherever it sits: menus, search boxes, cookie and consent banners
_CHROME_ROLES = {"navigation", "search", "menu", "menubar", "alert", "alertdialog", "dialog"}
_CHROME_NAME = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
# page-level header/footer/sidebar, dropped unless they belong to the content's own article
_PAGE_PARTS = ["header", "footer", "aside"]
_PAGE_ROLES = {"banner", "contentinfo", "complementary"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WS = re.compile(r"\s+")
# a numbered paragraph inside a long run of text ("... the meeting. 5.2.1 Planning Update.")
_INNER_PARA = re.compile(r"(?<=[.:;!?)]\s)(?=\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[A-Z])")
LONG_BLOCK_CHARS = 1200  # a web page paragraph longer than this is cut where the paper numbers one


def _is_chrome(tag) -> bool:
    if tag.name == "nav":
        return True
    attrs = tag.attrs or {}
    role = str(attrs.get("role", "")).lower()
    if role in _CHROME_ROLES:
        return True
    if "hidden" in attrs or _HIDDEN_STYLE.search(str(attrs.get("style", ""))):
        return True
    classes = attrs.get("class") or []
    name = " ".join(classes if isinstance(classes, list) else [str(classes)]) + " " + str(attrs.get("id", ""))
    return bool(_CHROME_NAME.search(name))


def _content_root(soup):
    """The element holding the page's own text: main, a lone article, #content, .entry-content."""
    from bs4 import Tag

    root = soup.find("main") or soup.find(attrs={"role": "main"})
    if root is None:
        for finder in (
            lambda: soup.find(id=re.compile(r"^(content|main|main-content|primary)$", re.IGNORECASE)),
            lambda: soup.find(class_=re.compile(r"^(entry-content|post-content|article-content|page-content)$", re.IGNORECASE)),
        ):
            root = finder()
            if root is not None:
                break
    scope = root if isinstance(root, Tag) else soup
    articles = scope.find_all("article")
    if len(articles) == 1:
        # one article inside the main area: what sits beside it (a copyright line, related links) is the site's
        return articles[0]
    return root if isinstance(root, Tag) else (soup.body or soup)


def _page_part(tag, root) -> bool:
    """Is this header/footer/aside the page's (dropped) rather than its article's (kept)?"""
    for anc in tag.parents:
        if anc is root:
            return root.name not in ("article", "main") and root.get("role") != "main"
        if anc.name in ("article", "main") or anc.get("role") == "main":
            return False
    return True


def _split_long(text: str) -> list[str]:
    """A very long paragraph cut where the paper numbers a paragraph, then at sentences."""
    if len(text) <= LONG_BLOCK_CHARS:
        return [text]
    out: list[str] = []
    for part in _INNER_PARA.split(text):
        part = part.strip()
        if part:
            out.extend(_wrap_long(part, width=LONG_BLOCK_CHARS) if len(part) > 2 * LONG_BLOCK_CHARS else [part])
    return out


class _PageText:
    """Collects a web page's text into lines: one per block element, table row or <br> line."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[str] = []  # raw text of the line being collected
        self.no: int | None = None  # source line of its first visible character
        self.heading = 0  # level of the heading being collected
        self.cells: list[list[str]] | None = None  # the table row being collected
        self.row_no: int | None = None
        self.para = True  # the next line starts a paragraph

    def text(self, raw: str, line: int) -> None:
        stripped = raw.lstrip()
        if not stripped:
            if self.parts or (self.cells and self.cells[-1]):
                self._target().append(" ")
            return
        at = line + raw[: len(raw) - len(stripped)].count("\n")
        if self.cells is not None:
            if self.row_no is None:
                self.row_no = at
            if not self.cells:
                self.cells.append([])
            self.cells[-1].append(raw)
            return
        if self.no is None:
            self.no = at
        self.parts.append(raw)

    def _target(self) -> list[str]:
        return self.cells[-1] if self.cells else self.parts

    def flush(self, para: bool = True) -> None:
        """End the line in hand; ``para``: the next one starts a new paragraph (else a <br> line)."""
        text = _WS.sub(" ", "".join(self.parts)).strip()
        if text and self.no is not None:
            if self.heading:
                self.lines.append(Line(self.no, "#" * self.heading + " " + text, True))
            else:
                for k, piece in enumerate(_split_long(text)):
                    self.lines.append(Line(self.no, piece, self.para if k == 0 else False))
            self.para = False
        self.parts, self.no = [], None
        if para:
            self.para = True

    def start_row(self) -> None:
        if self.parts:  # text before the row (in a table, outside any cell)
            self.flush()
        self.cells, self.row_no = [], None

    def start_cell(self) -> None:
        if self.cells is not None:
            self.cells.append([])

    def end_row(self) -> None:
        cells = [_WS.sub(" ", "".join(c)).strip() for c in self.cells or []]
        cells = [c for c in cells if c]
        if cells and self.row_no is not None:
            # a table's rows are lines of one paragraph, so the table stays together
            self.lines.append(Line(self.row_no, "\t".join(cells), self.para))
            self.para = False
        self.cells, self.row_no = None, None


def _page_lines(root) -> list[Line]:
    """Walk the content element in document order (without recursion: pages nest deeply)."""
    from bs4 import (
        Comment,
        Declaration,
        Doctype,
        NavigableString,
        ProcessingInstruction,
        Tag,
    )

    page = _PageText()
    line = root.sourceline or 1
    rows = 0  # table rows open; a table nested in a cell stays in that cell
    pre = 0
    stack: list = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, NavigableString):
            raw = str(node)
            if not isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
                if pre:
                    for k, piece in enumerate(raw.split("\n")):
                        if k:
                            page.flush(para=False)
                        page.text(piece, line + k)
                else:
                    page.text(raw, line)
            line += raw.count("\n")
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if leaving:
            if name == "tr":
                rows -= 1
                if rows == 0:
                    page.end_row()
            elif name == "pre":
                pre -= 1
                page.flush()
            elif rows == 0 and (name in _BLOCK_TAGS or name in ("td", "th")):
                page.flush()
                if re.fullmatch(r"h[1-6]", name):
                    page.heading = 0
            continue
        if node.sourceline:
            line = node.sourceline
        if name == "br":
            if rows:
                page.text(" ", line)
            elif pre == 0:
                page.flush(para=False)
            continue
        if name == "tr":
            rows += 1
            if rows == 1:
                page.start_row()
        elif name in ("td", "th"):
            if rows == 1:
                page.start_cell()
        elif rows == 0 and name in _BLOCK_TAGS:
            page.flush()
            if re.fullmatch(r"h[1-6]", name):
                page.heading = int(name[1])
            elif name == "pre":
                pre += 1
        elif rows and name in _BLOCK_TAGS:
            page.text(" ", line)  # a paragraph inside a table cell: a space, the row stays one line
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    page.flush()
    if page.cells is not None:
        page.end_row()
    return page.lines


def read_html_file(path: Path) -> list[Line]:
    """Text of a saved web page, one line per paragraph, heading, list item or table row.

    Lines carry the source line where their text starts (several may share one
    when the page's source is a single line) and whether a paragraph break comes
    before them. Site chrome (navigation, page header and footer, sidebars,
    cookie banners, scripts) is left out: the page's own semantics say what it
    is (nav/header/footer/aside, ARIA roles), and the main content element
    (main, a lone article, #content, .entry-content) when the page has one.
    """
    from bs4 import BeautifulSoup

    data = path.read_bytes()
    if looks_binary(data):
        raise ReadError(f"{path}: not an HTML file (binary content)", "remove it or convert it")
    soup = BeautifulSoup(decode_bytes(data), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_INVISIBLE_TAGS):
        tag.decompose()
    for tag in [t for t in soup.find_all(True) if _is_chrome(t)]:
        if not tag.decomposed:
            tag.decompose()
    root = _content_root(soup)
    page_parts = root.find_all(_PAGE_PARTS) + root.find_all(attrs={"role": list(_PAGE_ROLES)})
    for tag in page_parts:
        if not tag.decomposed and _page_part(tag, root):
            tag.decompose()
    out = _page_lines(root)
    if title and not any(l.text.startswith("# ") for l in out[:3]):
        # the page title names the paper when the page body has no heading
        out.insert(0, Line(out[0].no if out else 1, "# " + _WS.sub(" ", title), True))
    return out


# pdfium inflates a stream whole, holding about twice its size: a few KB that inflate
# to gigabytes (a compression bomb) would exhaust memory before any error could be given
MAX_STREAM_BYTES = 200 << 20
_STREAM = re.compile(rb"stream\r?\n")


def _check_inflated_size(path: Path) -> None:
    """Raise ReadError when a Flate stream of the PDF inflates beyond MAX_STREAM_BYTES.
    Streams are inflated in bounded chunks and thrown away, so this check itself
    needs little memory; streams that are not zlib data stop at their first bytes."""
    data = path.read_bytes()
    for m in _STREAM.finditer(data):
        d = zlib.decompressobj()
        pos, size, pending = m.end(), 0, b""
        try:
            while True:
                if not pending:
                    if d.eof or pos >= len(data):
                        break
                    pending, pos = data[pos : pos + 65536], pos + 65536
                out = d.decompress(pending, 1 << 20)
                if not out and d.unconsumed_tail == pending:
                    break  # no progress: not a stream zlib can read further
                pending = d.unconsumed_tail
                size += len(out)
                if size > MAX_STREAM_BYTES:
                    raise ReadError(
                        f"{path}: PDF expands beyond {MAX_STREAM_BYTES >> 20} MB in one stream when decompressed (a compression bomb?)",
                        "not read; re-save it with a PDF tool if it is a real paper",
                    )
        except zlib.error:
            continue


def _pdf_pages(path: Path) -> list[str]:
    """Text of each page of a PDF (pdfium: Chrome's PDF engine; see the README for why)."""
    import pypdfium2 as pdfium

    _check_inflated_size(path)

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        # pdfium opens files whose user password is empty itself; any other needs the password
        if "password" in str(exc).lower():
            raise ReadError(f"{path}: encrypted PDF (needs a password)", "save an unencrypted copy and index that") from None
        raise ReadError(f"{path}: damaged or truncated PDF ({exc})", "re-download or re-save the PDF") from None
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            # pdfium joins a word hyphenated at a line end into one line, marking the
            # hyphen U+FFFE: the hyphen and the line break go back, so lines are the paper's
            pages.append(textpage.get_text_range().replace("\ufffe", "-\n"))
            textpage.close()
            page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise ReadError(f"{path}: damaged PDF ({exc})", "re-download or re-save the PDF") from None
    finally:
        pdf.close()


def read_pdf_file(path: Path) -> tuple[list[Line], dict[int, int]]:
    """Text layer of a PDF as lines numbered through the extracted text; line -> page map."""
    pages = _pdf_pages(path)
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
            cleaned = _SPACES.sub(" ", raw.replace("\x00", "")).strip()
            if not cleaned:
                continue
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
        raise ReadError(f"{p}: cannot read ({exc.strerror or exc})", "check the path and permissions") from exc
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
        raise ReadError(f"{p}: cannot read ({exc.strerror or exc})", "check the file exists and is readable") from exc
    except RecursionError:
        raise ReadError(f"{p}: markup nested too deeply to read", "save the page as plain text and index that") from None
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
    lines, pages = read_lines(path)
    return documents_of(path, lines, pages)


def documents_of(path: str | Path, lines: list[Line], pages: dict[int, int]) -> list[Document]:
    """The Documents of a file's lines (one, or several for an agenda pack)."""
    from paperfinder.ingest.metadata import split_and_describe

    return split_and_describe(lines, source=display_source(path), base_id=base_doc_id(path), page_of_line=pages)


def pack_documents(docs: list[Document], passages: list[Passage], hashes: list[str] | None = None,
                   headers: list | None = None) -> bytes:
    """A file's Documents (with their lines) and passages as one compressed blob, to hand
    from the process that read and sectioned the file to the one that tags and indexes it,
    so the file is not read (a PDF parsed), described or sectioned twice; ``hashes``: each
    passage's ``text_hash``, when the packer made them, so they are not made twice either;
    ``headers``: what was read of each document's header blocks (``people_of_documents``)."""
    return zlib.compress(pickle.dumps((docs, passages, hashes, headers), protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack_documents(blob: bytes) -> tuple[list[Document], list[Passage], list[str] | None, list | None]:
    # made by pack_documents in this run's own worker processes, never read from outside
    docs, passages, hashes, headers = pickle.loads(zlib.decompress(blob))
    return docs, passages, hashes, headers


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
