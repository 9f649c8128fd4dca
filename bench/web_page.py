#!/usr/bin/env python3
"""Time the web page's search (and other) pages over an index, as a browser asks for them.

Starts `paperfinder serve` on a free port on 127.0.0.1 over INDEX, requests each
page once to warm up, then --reps times, and prints the median and the slowest
time of each (the whole response: search, facets, rendering, transfer).

    .venv/bin/python bench/web_page.py --index bench/out/work/index [--reps 5]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/?q=children+social+work",
    "/?q=budget",
    "/?q=fostering+placements&sort=newest",
    "/?q=grant&section_type=recommendations",
    "/?q=contract&min_amount=%C2%A31m",
    "/?q=social+work&page=3",
    "/?q=childrn+servces",
    "/?q=%22partners+in+practice%22",
    "/ask?q=How+much+is+the+Innovation+Fund+grant%3F",
    "/decisions?q=budget",
    "/documents?doc_type=minutes",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "paperfinder.cli", "serve", "--index", args.index, "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        base = f"http://127.0.0.1:{port}"
        print(f"{'page':55} {'median s':>9} {'max s':>7} {'bytes':>8} status")
        for page in PAGES:
            times = []
            for i in range(args.reps + 1):
                t = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + page, timeout=120) as r:
                        body, status = r.read(), r.status
                except urllib.error.HTTPError as e:
                    body, status = e.read(), e.code
                if i:
                    times.append(time.perf_counter() - t)
            print(f"{page[:55]:55} {statistics.median(times):9.3f} {max(times):7.3f} {len(body):8} {status}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
