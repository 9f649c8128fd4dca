"""Compare PDF text extractors on a folder of PDFs: speed and whether lines agree.

    .venv/bin/python bench/pdf_extractors.py ../shared/corpus-dev/docs

For each PDF with a text layer: seconds per extractor (best of --repeat runs) and
whether the two give the same non-blank lines (spaces collapsed), page by page.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
import warnings
from pathlib import Path

_SPACES = re.compile(r"\s+")


def pypdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        reader.decrypt("")
    return [p.extract_text() or "" for p in reader.pages]


def pdfium_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            # pdfium joins a word hyphenated at a line end, marking the hyphen U+FFFE;
            # put the hyphen and the line break back, so lines are the paper's as pypdf gives them
            out.append(tp.get_text_range().replace("\ufffe", "-\n"))
            tp.close()
            page.close()
        return out
    finally:
        pdf.close()


def norm_lines(text: str) -> list[str]:
    return [_SPACES.sub(" ", raw).strip() for raw in text.splitlines() if raw.strip()]


def timed(fn, path: Path, repeat: int) -> tuple[float, list[str]]:
    best, pages = float("inf"), []
    for _ in range(repeat):
        t0 = time.perf_counter()
        pages = fn(path)
        best = min(best, time.perf_counter() - t0)
    return best, pages


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    files = sorted(Path(args.folder).glob("*.pdf"))
    tot_a = tot_b = 0.0
    n = same_files = pages_all = pages_same = lines_all = lines_same = 0
    for f in files:
        ta, a = timed(pypdf_pages, f, args.repeat)
        tb, b = timed(pdfium_pages, f, args.repeat)
        if not any(p.strip() for p in a) and not any(p.strip() for p in b):
            print(f"{f.name}: no text layer (both)")
            continue
        n += 1
        tot_a += ta
        tot_b += tb
        la = [norm_lines(p) for p in a]
        lb = [norm_lines(p) for p in b]
        same_pages = sum(x == y for x, y in zip(la, lb)) if len(la) == len(lb) else 0
        pages_all += len(la)
        pages_same += same_pages
        flat_a = [line for p in la for line in p]
        flat_b = [line for p in lb for line in p]
        common = len(set(flat_a) & set(flat_b))
        lines_all += len(flat_a)
        lines_same += sum(1 for line in flat_a if line in set(flat_b))
        same = la == lb
        same_files += same
        print(f"{f.name}: pypdf {ta:.3f}s pdfium {tb:.3f}s ({ta / max(tb, 1e-9):.1f}x); pages {len(la)}/{len(lb)} same {same_pages}; "
              f"lines {len(flat_a)}/{len(flat_b)} shared {common}")
        if args.verbose and not same:
            for x, y in zip(flat_a, flat_b):
                if x != y:
                    print(f"   pypdf : {x[:120]!r}\n   pdfium: {y[:120]!r}")
                    break
    print(f"\n{n} PDFs with text: pypdf {tot_a:.2f}s, pypdfium2 {tot_b:.2f}s ({tot_a / max(tot_b, 1e-9):.1f}x faster)")
    print(f"same lines on {same_files}/{n} files, {pages_same}/{pages_all} pages; {lines_same}/{lines_all} pypdf lines found in pypdfium2's text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
