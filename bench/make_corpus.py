"""Build a scaled benchmark corpus from the bundled papers in ``corpus/``.

Usage::

    .venv/bin/python bench/make_corpus.py --passages 100000 --out bench/out/corpus

The output folder is reused when its manifest (``.manifest.json``) records the
same parameters, the same source files and the same generator version and the
files on disk still match it.

How a copy is made (file ``i`` is a function of ``(seed, i)`` only, so a run is
deterministic and files can be made in parallel):

* **source**: the five bundled papers are used in turn (file ``i`` copies paper
  ``i % 5``); the raw text is kept with its markup (HTML cells, markdown
  headings, tabs) and with its header block, so paperfinder's reader and
  metadata extraction see what they see in real papers.
* **councils**: every council named in the paper (found with paperfinder's own
  ``find_authorities``) is mapped, consistently within the copy, to a council
  drawn from ``paperfinder/data/authorities.csv`` (current councils whose
  written form is read back to the same canonical name; 60 of them, fixed by the
  seed). Formal forms ("London Borough of X", "Royal Borough of X", "X City
  Council") become the target's formal form, acronyms ("LBHF", "H&F", "WCC")
  its acronym alias when it has one, bare names its bare name (or formal form
  when its bare name is not taken as a council). ``*.gov.uk`` domains follow.
* **people**: "First Surname" names (first names from a fixed list, plus any
  name after "Councillor"/"Cllr") are mapped to new names drawn from fixed
  first-name and surname lists; "Councillor Surname", "first.last@" follow.
* **dates**: years 1995-2030 (not in "... Act 1989") are shifted by one offset
  per copy in [-6, +4]; "2015/16" financial years follow; "29 February"
  becomes "28 February".
* **amounts**: "£" amounts ("£0.578m", "£150k", "£1,020,000", "£ 56") are
  scaled by one factor per copy (log-uniform in [0.3, 3]) times a small
  per-amount jitter, keeping their written form (decimals, commas, suffix).
* **wording**: in text outside tags, URLs and e-mail addresses, lower-case
  words of 4+ letters are replaced with probability 3% by a synonym from a small
  fixed table, 4% by a word drawn from the corpus vocabulary (weighted by
  frequency) and 0.6% by a new word (a splice of two corpus words) from a pool
  of 40 made for that copy, so the vocabulary grows with the corpus; words that
  drive section and document types ("minutes", "resolved", ...) are kept.
* **length**: a body paragraph (a line of 120+ characters after the header)
  gets on average ``--elaborate`` (default 0.6) sentences drawn from the
  corpus appended (done first, so they are varied too). The sectioner packs
  passages to about 900 characters, so this adds bytes more than passages:
  100,000 passages are ~63 MB without it, ~68 MB (~680 bytes a passage) with
  0.6; ~150 MB takes about 220,000 passages (see the manifest).
* **order**: in the body, runs of consecutive plain paragraphs (blank-line
  separated chunks with no heading, table, tag, council name or header label)
  are shuffled with probability 0.5 per run.

Files are written as ``<out>/<council-slug>/<i:06d>_<source-stem>.txt``. The
generator counts passages with paperfinder's own reader and sectioner
(``read_documents`` + ``passages_of``) and stops once ``--passages`` is reached.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after any paperfinder snapshot that bench/run.py put first

GENERATOR_VERSION = 3
SOURCE_DIR = ROOT / "corpus"
AUTHORITIES_CSV = ROOT / "paperfinder" / "data" / "authorities.csv"
MANIFEST = ".manifest.json"
HEADER_LINES = 40  # non-blank lines at the top left alone by wording changes and shuffling

P_SYNONYM = 0.03
P_VOCAB = 0.04
P_NEWWORD = 0.006
P_SHUFFLE = 0.5
N_COUNCILS = 60
NEW_WORDS_PER_COPY = 40

FIRST_NAMES = """
Adam Alan Alex Alice Amanda Amy Andrew Angela Anji Anna Anne Barbara Ben Brian Carol Caroline Catherine Charles
Chris Claire Clare Colin Dave David Deborah Dennis Donald Elaine Eleanor Emily Emma Fiona Gary George Hannah Helen
Ian Jack Jacqui James Jane Janet Jennifer Jessica Jody Joe John Jonathan Julie Karen Kate Kim Larry Laura Linda
Lisa Louise Lucy Mandy Marcus Margaret Mark Martin Mary Matt Matthew Melvyn Michael Nadia Nahar Nandini Nicky
Nicola Paul Peter Philippa Rachael Rachel Richard Robert Ruth Sally Sam Sarah Simon Sophie Stephen Steve Sue Susan
Thomas Tim Tom Tony Vic Will William Zoe Ahmed Amir Priya Ravi Sunita Mohammed Fatima Chloe Owen Rhys Gareth Siobhan
""".split()

SURNAMES = """
Adams Ahmed Allen Atkinson Bailey Baker Barker Bell Bennett Brooks Brown Butler Campbell Carter Chapman Clark Clarke
Cole Collins Cook Cooper Cox Davies Davis Dixon Edwards Ellis Evans Fisher Fletcher Foster Fox Gibson Graham Gray
Green Griffiths Hall Harris Harrison Hill Holmes Hughes Hunt Hussain Jackson James Jenkins Johnson Jones Kaur Kelly
Kennedy Khan King Knight Lee Lewis Lloyd Marshall Martin Mason Matthews Miller Mills Mitchell Moore Morgan Morris
Murphy Murray Owen Palmer Parker Patel Pearson Phillips Powell Price Reid Reynolds Richards Richardson Roberts
Robinson Rogers Rose Russell Saunders Scott Shaw Simpson Singh Smith Spencer Stevens Stewart Taylor Thomas Thompson
Turner Walker Ward Watson Webb Wells West White Wilkinson Williams Wilson Wood Wright Young Okafor Nowak Kowalski
""".split()

SYNONYMS = {
    "provide": "deliver", "deliver": "provide", "support": "assist", "ensure": "make sure", "improve": "strengthen",
    "increase": "rise", "reduce": "lower", "significant": "substantial", "approximately": "around",
    "currently": "at present", "additional": "further", "require": "need", "required": "needed",
    "requires": "needs", "develop": "build", "developed": "built", "identify": "find", "identified": "found",
    "budget": "allocation", "funding": "resources", "services": "provision", "service": "function",
    "families": "households", "children": "young people", "young": "younger", "school": "academy",
    "schools": "academies", "programme": "initiative", "project": "scheme", "partners": "partner bodies",
    "approval": "agreement", "proposal": "plan", "proposals": "plans", "contract": "agreement",
    "outcomes": "results", "review": "assessment", "progress": "headway", "number": "count",
    "previous": "earlier", "officers": "staff", "explained": "set out", "confirmed": "stated",
    "enquired": "asked", "noted": "observed", "however": "but", "within": "inside", "across": "throughout",
    "housing": "accommodation", "practice": "practise", "update": "briefing", "approach": "method",
}
PROTECTED = {
    "minutes", "agenda", "cabinet", "committee", "council", "decision", "decisions", "resolved", "agreed",
    "recommendation", "recommendations", "recommended", "report", "noted", "action", "actions", "appendix",
    "annex", "meeting", "borough", "councillor", "summary", "purpose", "background", "financial", "legal",
    "equality", "risk", "consultation", "options", "title", "date", "author", "reasons", "implications",
    "member", "members", "decide", "approve", "approved", "will", "shall", "that", "this", "with", "from",
}

_TAGLIKE = re.compile(r"<[^<>]*>|https?://\S+|\S+@\S+|www\.\S+|\S+\.gov\.uk\S*")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")
_YEAR = re.compile(r"(?<![\d£.,])(?<!\d\d\d\d/)(?<!Act )((?:19|20)\d\d)(?:/(\d\d(?:\d\d)?))?(?!\d|,\d)")
_MONEY = re.compile(r"£(\s?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?(?:bn|m|k|million|billion)\b)?")
_GOVUK = re.compile(r"\b(lbhf|westminster|rbkc)(\.gov\.uk)", re.I)
_SENT_SPLIT = re.compile(r"(?<=[a-z)]\.)\s+(?=[A-Z])")
_LABEL = re.compile(r"^\W*(title|subject|date|report|decision|key decision|classification|wards|accountable|responsible|contact|tel|e-?mail)\b", re.I)


# ---- data drawn from the bundled corpus and the authorities table ------------------------

def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def council_pool(seed: int) -> list[dict]:
    """Current councils whose written forms paperfinder reads back to them."""
    from paperfinder.recognise.authorities import find_authorities

    rows = list(csv.DictReader(AUTHORITIES_CSV.read_text(encoding="utf-8").splitlines()))
    pool = []
    for r in rows:
        if r["status"].strip() != "current":
            continue
        canon = r["canonical"].strip()
        kind = r["kind"].strip()
        bare = r["bare"].strip().lower() in ("y", "yes", "true", "1")
        aliases = [a for a in r["aliases"].split("|") if a.strip()]
        if kind == "london_borough":
            formal = [f"London Borough of {canon}", f"{canon} Council"]
        elif kind in ("metropolitan_borough", "unitary", "district"):
            formal = [f"{canon} Council", f"{canon} Borough Council", f"{canon} District Council"]
        elif kind == "county":
            formal = [f"{canon} County Council"]
        else:
            formal = [f"{canon} Council"]
        form = next((f for f in formal if _reads_as(find_authorities, f, canon)), None)
        if not form:
            continue
        acr = next((a for a in aliases if " " not in a and sum(c.isupper() for c in a) >= 2 and len(a) <= 6
                    and _reads_as(find_authorities, f"the {a} team", canon)), None)
        short = canon if bare and _reads_as(find_authorities, f"the {canon} area", canon) else form
        pool.append({"canonical": canon, "formal": form, "acronym": acr or short, "short": short,
                     "domain": slug(canon).replace("-", "") + ".gov.uk"})
    pool.sort(key=lambda c: c["canonical"])
    rng = random.Random(f"{seed}:councils")
    # keep the London boroughs the papers come from likely, then a fixed sample of the rest
    return rng.sample(pool, min(N_COUNCILS, len(pool)))


def _reads_as(find, text: str, canon: str) -> bool:
    found = find(text)
    return len(found) == 1 and found[0][3] == canon


def load_sources() -> list[dict]:
    """The bundled papers with what the generator needs to vary them."""
    from paperfinder.recognise.authorities import find_authorities

    name_re = re.compile(r"\b(" + "|".join(FIRST_NAMES) + r") ((?:Mc|Mac|O'|De'|D')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
    cllr_re = re.compile(r"\b(?:Councillor|Cllr\.?) ([A-Z][a-z]+) ((?:Mc|Mac|O'|De'|D')?[A-Z][a-zA-Z]+)\b")
    sources = []
    for path in sorted(SOURCE_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        # "&amp;" would hide "Hammersmith &amp; Fulham" from find_authorities; "&" reads the same
        text = text.replace("&amp;", "&")
        lines = text.split("\n")
        spans = [find_authorities(l) if l.strip() else [] for l in lines]
        names = set(name_re.findall(text)) | set(cllr_re.findall(text))
        names = {(f, s) for f, s in names if s not in ("Borough", "Council", "Report", "Director", "Service", "Services")}
        sources.append({"stem": path.stem.split("_")[0], "name": path.name, "lines": lines, "spans": spans,
                        "names": sorted(names), "sha1": hashlib.sha1(text.encode()).hexdigest()})
    return sources


def corpus_stats(sources: list[dict]) -> tuple[list[str], list[int], list[str]]:
    """Vocabulary with frequencies and a pool of generic sentences, from the bundled papers."""
    words: Counter = Counter()
    sentences: list[str] = []
    for src in sources:
        for line in src["lines"]:
            plain = _TAGLIKE.sub(" ", line)
            words.update(w for w in _LOWER_WORD.findall(plain) if w not in PROTECTED)
            if len(plain) > 120 and "\t" not in line and "|" not in line and not line.lstrip().startswith("#"):
                for s in _SENT_SPLIT.split(plain.strip(" -•*")):
                    s = s.strip()
                    if 40 <= len(s) <= 300 and s[0].isupper() and s.endswith("."):
                        sentences.append(s)
    vocab = sorted(words)
    return vocab, [words[w] for w in vocab], sentences


# ---- one copy ------------------------------------------------------------------------------

def _scale_amount(m: re.Match, factor: float, rng: random.Random) -> str:
    space, digits, dec, suffix = m.group(1), m.group(2), m.group(3) or "", m.group(4) or ""
    value = float(digits.replace(",", "") + dec) * factor * rng.uniform(0.9, 1.1)
    ndec = len(dec) - 1 if dec else 0
    if "," in digits:
        out = f"{value:,.{ndec}f}"
    else:
        out = f"{value:.{ndec}f}"
    if not dec and not suffix and float(out.replace(",", "")) == 0:
        out = "1"
    return f"£{space}{out}{suffix}"


def _shift_year(m: re.Match, delta: int) -> str:
    y = int(m.group(1))
    if not 1995 <= y <= 2030:
        return m.group(0)
    out = str(y + delta)
    if m.group(2):
        nxt = m.group(2)
        if len(nxt) == 2:
            out += "/" + f"{(int(nxt) + delta) % 100:02d}"
        else:
            out += "/" + str(int(nxt) + delta)
    return out


def _splice(rng: random.Random, vocab: list[str]) -> str:
    a, b = rng.choice(vocab), rng.choice(vocab)
    return (a[: max(2, len(a) // 2)] + b[len(b) // 2 :]).lower()


def _vary_words(segment: str, rng: random.Random, vocab, weights_cum, new_words) -> str:
    def repl(m: re.Match) -> str:
        w = m.group(0)
        if w in PROTECTED:
            return w
        r = rng.random()
        if r < P_SYNONYM:
            return SYNONYMS.get(w, w)
        if r < P_SYNONYM + P_VOCAB:
            return rng.choices(vocab, cum_weights=weights_cum)[0]
        if r < P_SYNONYM + P_VOCAB + P_NEWWORD:
            return rng.choice(new_words)
        return w

    return _LOWER_WORD.sub(repl, segment)


def _outside_tags(line: str, fn) -> str:
    out, pos = [], 0
    for m in _TAGLIKE.finditer(line):
        out.append(fn(line[pos : m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(fn(line[pos:]))
    return "".join(out)


def _is_heading(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if s.startswith(("#", "**", "<")) or "\t" in line or "|" in s:
        return True
    letters = [c for c in s if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        return True
    return len(s) < 80 and not s.endswith((".", ";", ","))


def make_copy(i: int, seed: int, elaborate: float, sources, councils, vocab, weights_cum, sentences) -> tuple[str, str]:
    """(relative path, text) of copy ``i``."""
    from paperfinder.recognise.authorities import find_authorities

    rng = random.Random(f"{seed}:{i}")
    src = sources[i % len(sources)]
    lines = list(src["lines"])
    spans = list(src["spans"])

    # header region: the first HEADER_LINES non-blank lines
    nonblank = 0
    body_start = len(lines)
    for k, line in enumerate(lines):
        if line.strip():
            nonblank += 1
            if nonblank > HEADER_LINES:
                body_start = k
                break

    # 0. length: append corpus sentences to some body paragraphs
    for k in range(body_start, len(lines)):
        line = lines[k]
        if len(line) >= 120 and not _is_heading(line):
            n = int(elaborate) + (rng.random() < elaborate - int(elaborate))
            if n:
                lines[k] = line.rstrip() + " " + " ".join(rng.choice(sentences) for _ in range(n))
            spans[k] = find_authorities(lines[k])

    # 1. councils
    canon_in = []
    for sp in spans:
        for *_x, canon in sp:
            if canon not in canon_in:
                canon_in.append(canon)
    picks = rng.sample(councils, len(canon_in)) if len(canon_in) <= len(councils) else councils
    cmap = dict(zip(canon_in, picks))
    primary = cmap.get(canon_in[0]) if canon_in else rng.choice(councils)
    for k, sp in enumerate(spans):
        if not sp:
            continue
        line = lines[k]
        for s, e, surface, canon in sorted(sp, reverse=True):
            tgt = cmap.get(canon)
            if not tgt:
                continue
            if re.search(r"(?i)borough of|city of|council|corporation", surface):
                new = tgt["formal"]
            elif " " not in surface and sum(c.isupper() for c in surface) >= 2:
                new = tgt["acronym"]
            else:
                new = tgt["short"]
            if surface.isupper() and len(surface) > 6:
                new = new.upper()
            line = line[:s] + new + line[e:]
        lines[k] = line
    text = "\n".join(lines)
    domains = {"lbhf": "Hammersmith and Fulham", "westminster": "Westminster", "rbkc": "Kensington and Chelsea"}
    text = _GOVUK.sub(lambda m: (cmap.get(domains[m.group(1).lower()]) or primary)["domain"], text)

    # 2. people
    nmap = {}
    for first, last in src["names"]:
        nmap[(first, last)] = (rng.choice(FIRST_NAMES), rng.choice(SURNAMES))
    if nmap:
        by_full = {f"{f} {l}": f"{nf} {nl}" for (f, l), (nf, nl) in nmap.items()}
        by_last = {l: nl for (f, l), (nf, nl) in nmap.items()}
        by_mail = {f"{f}.{l}".lower(): f"{nf}.{nl}".lower() for (f, l), (nf, nl) in nmap.items()}
        full_re = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(by_full, key=len, reverse=True)) + r")\b")
        text = full_re.sub(lambda m: by_full[m.group(1)], text)
        last_re = re.compile(r"\b(Councillor|Cllr\.?) (" + "|".join(re.escape(k) for k in sorted(by_last, key=len, reverse=True)) + r")\b")
        text = last_re.sub(lambda m: f"{m.group(1)} {by_last[m.group(2)]}", text)
        mail_re = re.compile(r"\b(" + "|".join(re.escape(k) for k in by_mail) + r")@", re.I)
        text = mail_re.sub(lambda m: by_mail[m.group(1).lower()] + "@", text)

    # 3. dates and amounts
    delta = rng.randint(-6, 4)
    text = _YEAR.sub(lambda m: _shift_year(m, delta), text)
    text = text.replace("29 February", "28 February")
    factor = math.exp(rng.uniform(math.log(0.3), math.log(3.0)))
    text = _MONEY.sub(lambda m: _scale_amount(m, factor, rng), text)

    # 4. wording, body only
    lines = text.split("\n")
    new_words = [_splice(rng, vocab) for _ in range(NEW_WORDS_PER_COPY)]
    new_words += [w.title() for w in new_words[:10]]
    for k in range(body_start, len(lines)):
        if lines[k].strip() and not _LABEL.match(lines[k]):
            lines[k] = _outside_tags(lines[k], lambda seg: _vary_words(seg, rng, vocab, weights_cum, new_words))

    # 5. order: shuffle runs of plain paragraphs in the body
    head, body = lines[:body_start], lines[body_start:]
    chunks: list[list[str]] = []
    cur: list[str] = []
    for line in body:
        if line.strip():
            cur.append(line)
        else:
            if cur:
                chunks.append(cur)
                cur = []
            chunks.append([line])
    if cur:
        chunks.append(cur)

    def plain(chunk: list[str]) -> bool:
        if not chunk[0].strip():
            return False
        return all(not _is_heading(l) and not find_authorities(l) and not _LABEL.match(l) and "Agenda Item" not in l
                   and len(l) > 40 for l in chunk)

    out: list[list[str]] = []
    k = 0
    while k < len(chunks):
        if not plain(chunks[k]):
            out.append(chunks[k])
            k += 1
            continue
        run_idx = [k]
        j = k + 1
        # a run: plain chunks separated by single blank lines
        while j + 1 < len(chunks) and not chunks[j][0].strip() and plain(chunks[j + 1]):
            run_idx.append(j + 1)
            j += 2
        run = [chunks[x] for x in run_idx]
        if len(run) > 1 and rng.random() < P_SHUFFLE:
            rng.shuffle(run)
        for n, c in enumerate(run):
            if n:
                out.append([""])
            out.append(c)
        k = run_idx[-1] + 1
    text = "\n".join(head + [l for c in out for l in c])

    rel = f"{slug(primary['canonical'])}/{i:06d}_{src['stem']}.txt"
    return rel, text


# ---- driver ---------------------------------------------------------------------------------

_STATE: dict = {}


def _init(seed: int, elaborate: float) -> None:
    sources = load_sources()
    vocab, weights, sentences = corpus_stats(sources)
    cum, t = [], 0
    for w in weights:
        t += w
        cum.append(t)
    _STATE.update(seed=seed, elaborate=elaborate, sources=sources, councils=council_pool(seed), vocab=vocab,
                  cum=cum, sentences=sentences)


def _make_and_count(args: tuple[int, str]) -> tuple[int, str, int, int, list]:
    """Write copy i under out; return (i, rel, bytes, passages, [(authority, date, doc_type)])."""
    from paperfinder.ingest.readers import read_documents
    from paperfinder.ingest.sections import passages_of

    i, out = args
    s = _STATE
    rel, text = make_copy(i, s["seed"], s["elaborate"], s["sources"], s["councils"], s["vocab"], s["cum"], s["sentences"])
    path = Path(out) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    docs = read_documents(path)
    n = sum(len(passages_of(d)) for d in docs)
    return i, rel, path.stat().st_size, n, [(d.authority, d.date, d.doc_type) for d in docs]


def params_of(passages: int, seed: int, elaborate: float) -> dict:
    sources = sorted(SOURCE_DIR.glob("*.txt"))
    return {
        "passages": passages,
        "seed": seed,
        "elaborate": elaborate,
        "generator_version": GENERATOR_VERSION,
        "sources": {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sources},
        "authorities_csv": hashlib.sha1(AUTHORITIES_CSV.read_bytes()).hexdigest(),
    }


def fingerprint(out: Path, files: list[str]) -> str:
    h = hashlib.sha1()
    for rel in files:
        h.update(rel.encode())
        h.update(hashlib.sha1((out / rel).read_bytes()).digest())
    return h.hexdigest()


def load_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / MANIFEST).read_text())
    except (OSError, ValueError):
        return None


def ensure_corpus(out: str | Path, passages: int, seed: int = 7, elaborate: float = 0.6, workers: int = 2,
                  log=print) -> dict:
    """Make (or reuse) the corpus; return its manifest."""
    out = Path(out)
    params = params_of(passages, seed, elaborate)
    man = load_manifest(out)
    if man and man.get("params") == params:
        try:
            if fingerprint(out, man["files"]) == man["fingerprint"]:
                log(f"reusing corpus in {out} ({man['passages']} passages, {man['bytes'] / 1e6:.1f} MB)")
                return man
        except OSError:
            pass
        log(f"corpus in {out} does not match its manifest: making it again")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    t0 = time.perf_counter()
    files: list[str] = []
    total_p = total_b = 0
    docs_meta: list = []
    i = 0
    batch = 20
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(seed, elaborate)) as pool:
        while total_p < passages:
            results = list(pool.map(_make_and_count, [(k, str(out)) for k in range(i, i + batch)]))
            for _k, rel, size, n, meta in results:
                if total_p >= passages:
                    (out / rel).unlink()  # past the target: not part of the corpus
                    continue
                files.append(rel)
                total_p += n
                total_b += size
                docs_meta.extend(meta)
            i += batch
            if len(files) % 100 < batch:
                log(f"  {len(files)} files, {total_p} passages, {total_b / 1e6:.1f} MB")
    for d in sorted(out.iterdir()):
        if d.is_dir() and not any(d.iterdir()):
            d.rmdir()
    auth = Counter(a for a, _d, _t in docs_meta)
    years = Counter((d or "")[:4] for _a, d, _t in docs_meta)
    types = Counter(t for _a, _d, t in docs_meta)
    man = {
        "params": params,
        "files": files,
        "passages": total_p,
        "bytes": total_b,
        "documents": len(docs_meta),
        "bytes_per_passage": round(total_b / max(total_p, 1)),
        "seconds": round(time.perf_counter() - t0, 1),
        "authorities": dict(auth.most_common()),
        "years": dict(sorted(years.items())),
        "doc_types": dict(types.most_common()),
        "method": (__doc__ or "").strip(),
        "fingerprint": fingerprint(out, files),
    }
    (out / MANIFEST).write_text(json.dumps(man, indent=1))
    log(f"made corpus in {out}: {len(files)} files, {total_p} passages, {total_b / 1e6:.1f} MB in {man['seconds']}s")
    return man


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passages", type=int, default=100_000, help="stop once this many passages are made")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "corpus"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--elaborate", type=float, default=0.6, help="chance a body paragraph gets 1-2 extra sentences")
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    man = ensure_corpus(a.out, a.passages, a.seed, a.elaborate, a.workers)
    print(json.dumps({k: man[k] for k in ("passages", "bytes", "documents", "bytes_per_passage")}, indent=1))


if __name__ == "__main__":
    main()
