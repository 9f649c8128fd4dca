#!/usr/bin/env python3
"""Screenshots of the web page for the README (docs/screenshots/*.png).

Indexes the bundled corpus/ into a temporary folder, starts `paperfinder serve`
on a free port on 127.0.0.1 and photographs the main pages with Playwright and
Debian's Chromium, at laptop width (and the search page at phone width).

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("PAPERFINDER_CHROMIUM", "/usr/bin/chromium")
PAGES = [
    ("search", "/?q=children+social+work", {"width": 1280, "height": 860}),
    ("passage", "/doc/003_336731e94eba03ca-9dedab?p=003_336731e94eba03ca-9dedab%3A13%3A2", {"width": 1280, "height": 1000}),
    ("ask", "/ask?q=How+much+is+the+Innovation+Fund+grant%3F", {"width": 1280, "height": 600}),
    ("decisions", "/decisions?q=budget", {"width": 1280, "height": 860}),
    ("documents", "/documents", {"width": 1280, "height": 760}),
    ("search-phone", "/?q=children+social+work", {"width": 390, "height": 844}),
]


def main() -> None:
    paperfinder = [sys.executable, "-m", "paperfinder.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        subprocess.run(paperfinder + ["index", "corpus/", "--index", str(index), "-q"], cwd=ROOT, check=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(paperfinder + ["serve", "--index", str(index), "--port", str(port)], cwd=ROOT)
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            OUT.mkdir(parents=True, exist_ok=True)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM)
                for name, path, size in PAGES:
                    page = browser.new_page(viewport=size)
                    page.goto(f"http://127.0.0.1:{port}{path}")
                    page.evaluate("document.activeElement && document.activeElement.blur()")
                    page.screenshot(path=str(OUT / f"{name}.png"))
                    page.close()
                    print(f"wrote {OUT / name}.png")
                browser.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
