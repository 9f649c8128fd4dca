"""The `paperfinder` command: parse options, call one library function, format.

Nothing here imports whoosh or spaCy: start-up stays fast, and library errors
(PaperfinderError) become one line on stderr and exit status 1.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Callable, List, Optional

import typer
from rich.console import Console

from paperfinder.errors import PaperfinderError
from paperfinder.model import citation

# all paper text printed goes through safe_text: markup escaped, no escape sequences
from paperfinder.text.safe import marked
from paperfinder.text.safe import terminal as escape

app = typer.Typer(
    help="Search and question answering over council papers of any council.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Fmt(str, Enum):
    text = "text"
    json = "json"


class RegisterFmt(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


class ExportFmt(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    md = "md"


class Sort(str, Enum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"


def default_index() -> str:
    return os.environ.get("PAPERFINDER_INDEX") or "index"


IndexOpt = typer.Option(None, "--index", help="Index folder (default: ./index or $PAPERFINDER_INDEX).")
# filters shared by search, ask, export, decisions, commitments and timeline
AuthorityOpt = typer.Option(None, "--authority", help="Council (loose: 'LBHF', 'H&F', 'hammersmith').")
PersonOpt = typer.Option(None, "--person", help="Officer or councillor named in the document.")
SinceOpt = typer.Option(None, "--since", help="Meeting/decision date on or after YYYY-MM-DD.")
UntilOpt = typer.Option(None, "--until", help="Meeting/decision date on or before YYYY-MM-DD.")
DocTypeOpt = typer.Option(None, "--doc-type", help="e.g. cabinet_report, minutes, committee_report.")
SectionTypeOpt = typer.Option(None, "--section-type", help="e.g. recommendations, financial, resolved.")
MinAmountOpt = typer.Option(None, "--min-amount", help="Passages naming at least this amount: 1000000, 1m, £1m, €500k, $2.5bn (a bare number: any currency).")
MaxAmountOpt = typer.Option(None, "--max-amount", help="Passages naming at most this amount (forms as --min-amount).")
PresentOpt = typer.Option(False, "--present", help="With --person: every passage of the meetings they attended.")
UndatedOpt = typer.Option(False, "--undated", help="With --since/--until: keep papers that state no date.")


def fail(message: str, code: int = 1) -> None:
    """One line on stderr, then exit."""
    err.print(f"[red]error:[/red] {escape(' '.join(message.split()))}", soft_wrap=True)
    sys.exit(code)


def report_errors(fn: Callable[[], None]) -> None:
    """Run a command body, turning library errors into one line and exit 1."""
    try:
        fn()
        sys.stdout.flush()
    except PaperfinderError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("interrupted; the index is as it was before this run", 130)
    except BrokenPipeError:
        # output piped into `head` and the like
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
            raise
        # output to a full device (> /dev/full): what is still buffered goes nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        fail(f"cannot write the output ({exc.strerror})", 1)


def emit_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


# ---- index ----------------------------------------------------------------------

@app.command()
def index(
    paths: List[Path] = typer.Argument(..., help="Files or folders of papers (.txt .md .html .htm .pdf)."),
    index_dir: Optional[str] = IndexOpt,
    rebuild: bool = typer.Option(False, "--rebuild", help="Start the index over (built aside, swapped in when done)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Worker processes (default: 2)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    wait: bool = typer.Option(False, "--wait", help="If another run is writing this index, wait for it instead of stopping."),
    backend: Optional[str] = typer.Option(None, "--backend", help="Search engine of a new index: whoosh (default) or tantivy "
                                          "(faster, smaller); stored in the index. On an existing index: only with --rebuild."),
    compact: bool = typer.Option(False, "--compact", help="Then write a tantivy index again as one segment, aside, swapped in "
                                 "when done: every later run adds a segment, and filtered and faceted searches cost per segment."),
) -> None:
    """Index papers; re-runs only touch files that were added, changed or removed."""

    def body() -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from paperfinder.index.build import index_paths

        target = index_dir or default_index()
        show = not quiet and err.is_terminal
        with Progress(
            TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            TextColumn("{task.description}"), console=err, disable=not show, transient=True,
        ) as bar:
            task = bar.add_task("", total=None)

            def progress(done: int, total: int, name: str) -> None:
                bar.update(task, completed=done, total=total, description=escape(Path(name).name[:40]))

            def waiting(pid) -> None:
                err.print(f"waiting for another paperfinder index writing to {escape(target)} (pid {pid}) to finish")

            report = index_paths([str(p) for p in paths], target, rebuild=rebuild, workers=workers, progress=progress,
                                 wait=wait, on_wait=waiting, backend=backend, compact=compact)
        for name, reason in report.skipped:
            err.print(f"[yellow]skipped:[/yellow] {escape(reason if name in reason else f'{name}: {reason}')}")
        if not report.changed and not rebuild:
            if report.skipped and not report.unchanged:
                err.print(f"nothing indexed: {len(report.skipped)} skipped ({report.seconds:.2f}s)")
            else:
                err.print(f"index up to date: {report.unchanged} files unchanged, nothing re-indexed ({report.seconds:.2f}s)")
        else:
            err.print(
                f"indexed into {target}: {report.added} added, {report.updated} updated, {report.removed} removed, "
                f"{report.unchanged} unchanged, {len(report.skipped)} skipped; "
                + (f"{report.retagged} tagged again for people learned elsewhere; " if report.retagged else "")
                # what this run wrote: after "1 removed", "0 documents" is not an empty index
                + f"wrote {report.documents} documents, {report.passages} passages in {report.seconds:.1f}s"
            )
            _report_watches(target, f" --index {target}" if index_dir else "")
        if report.segments is not None:
            err.print(f"compacted: the index is {_count(report.segments, 'segment')}")
        if report.faults:
            fail(f"internal error on {len(report.faults)} file(s), skipped (the rest is indexed); please report it", 2)

    report_errors(body)


def _report_watches(target: str, index_opt: str = "") -> None:
    """After an index run that changed something: one line per watch that has new passages."""
    from paperfinder.reports.watches import after_index

    try:
        news = after_index(target)
    except PaperfinderError as exc:  # the index is written: a watches problem must not fail the run
        err.print(f"[yellow]watches not checked:[/yellow] {escape(str(exc))}")
        return
    for n in news:
        err.print(f"{escape(n.watch.name)}: {_count(len(n.new), 'new passage')} in {_count(n.papers, 'paper')}"
                  f" [dim](paperfinder watch check {escape(_quoted(n.watch.name) + index_opt)})[/dim]")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name or "'" in name or "&" in name else name


# ---- search ---------------------------------------------------------------------

def _filters(authority, person, since, until, doc_type, section_type, min_amount, max_amount, kinds=None, undated=False, present=False):
    from paperfinder.search.service import Filters

    return Filters(
        authority=authority, person=person, since=since, until=until, doc_type=doc_type,
        section_type=section_type, min_amount=min_amount, max_amount=max_amount, kinds=kinds, undated=undated, present=present,
    )


def _print_hits(result) -> None:
    """Hits grouped under their document, in rank order of each document's best hit."""
    groups: dict[str, list] = {}
    for rank, h in enumerate(result.hits, start=1):
        groups.setdefault(h.doc_id, []).append((rank, h))
    for hits in groups.values():
        first = hits[0][1]
        date = first.date or "undated"
        auth = first.authority or "unknown council"
        out.print(f"[bold]{escape(first.title or first.doc_id)}[/bold]  [dim]{escape(auth)} · {date} · {first.doc_type} · {first.doc_id}[/dim]")
        for rank, h in hits:
            out.print(f"  [bold]{rank}.[/bold] [cyan]{escape(h.section)}[/cyan] [dim]({h.section_type})[/dim]")
            snippet = " ".join(h.snippet.split())
            out.print("     " + marked(snippet))
            out.print(f"     [green]{escape(h.citation())}[/green]  [dim]score {h.score:.2f}[/dim]")
            if h.also_in:
                where = "; ".join(citation(a["source"], a["line_start"], a["line_end"], a.get("page")) for a in h.also_in[:3])
                more = f" and {h.places_past(3)} more" if h.places_past(3) else ""
                out.print(f"     [dim]also in: {escape(where)}{more}[/dim]")
        out.print()


def _print_header(result, what: str = "passages") -> None:
    parts = [f"{result.total} matching {what}"]
    if getattr(result, "match", "all words") != "all words":
        parts.append(result.match)
    if result.corrected:
        parts.append(f"showing results for [bold]{escape(result.corrected)}[/bold]; also searched {escape(result.query)}")
    if result.resolved:
        parts.append("filters: " + ", ".join(f"{k}={escape(str(v))}" for k, v in result.resolved.items()))
    other = {k: v for k, v in result.filters.items() if k not in result.resolved}
    if other:
        parts.append(", ".join(f"{k}={escape(str(v))}" for k, v in other.items()))
    left_out = getattr(result, "undated_left_out", 0)
    if left_out:
        parts.append(f"{left_out} passages of undated papers left out (--undated keeps them)")
    out.print("[dim]" + " · ".join(parts) + "[/dim]\n")


# what a facet's values are called in "and 6,049 more names"
_FACET_NOUNS = {"authority": "councils", "person": "names", "people": "names", "year": "years",
                "doc_type": "document types", "section_type": "section types", "kind": "kinds", "kinds": "kinds"}


def _print_facets(facets: dict, more: dict | None = None) -> None:
    more = more or {}
    for name, counts in facets.items():
        shown = ", ".join(f"{escape(str(k))} ({v})" for k, v in counts.items())
        out.print(f"[bold]{name}[/bold]: {shown or '(none)'}")
        left = more.get(name)
        if left:
            about = "about " if left.get("estimated") else ""
            out.print(f"  and {about}{left['values']:,} more {_FACET_NOUNS.get(name, 'values')} "
                      f"in {left['passages']:,} passages (`paperfinder facets {name}` lists every value)")
    if facets:
        out.print()


@app.command()
def search(
    query: str = typer.Argument(..., help='Words, "phrases", AND/OR/NOT, -word, title:, section:, person:, authority:, amount:>500000'),
    index_dir: Optional[str] = IndexOpt,
    limit: int = typer.Option(10, "--limit", "-n", min=0, help="How many hits to show."),
    authority: Optional[str] = AuthorityOpt,
    person: Optional[str] = PersonOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    doc_type: Optional[str] = DocTypeOpt,
    section_type: Optional[str] = SectionTypeOpt,
    min_amount: Optional[str] = MinAmountOpt,
    max_amount: Optional[str] = MaxAmountOpt,
    undated: bool = UndatedOpt,
    present: bool = PresentOpt,
    sort: Sort = typer.Option(Sort.relevance, "--sort", help="relevance, newest or oldest."),
    facet: List[str] = typer.Option([], "--facet", help="Count matches by authority, person, year, doc_type, section_type."),
    facet_top: Optional[int] = typer.Option(None, "--facet-top", min=1,
                                            help="Values listed per facet, the most frequent (default 30); the rest are counted."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
) -> None:
    """Ranked passages matching a query and filters."""

    def body() -> None:
        from paperfinder.search.service import FACET_TOP
        from paperfinder.search.service import search as run

        flt = _filters(authority, person, since, until, doc_type, section_type, min_amount, max_amount, undated=undated, present=present)
        result = run(query, index_dir or default_index(), filters=flt, limit=limit, sort=sort.value, facets=facet,
                     facet_top=facet_top or FACET_TOP)
        if fmt is Fmt.json:
            emit_json(result.to_dict())
            return
        _print_header(result)
        _print_facets(result.facets, result.facets_more)
        if not result.total:
            out.print("no matches; try fewer words, other spellings or fewer filters")
        _print_hits(result)

    report_errors(body)


@app.command()
def facets(
    field: str = typer.Argument(..., help="authority, person, year, doc_type, section_type or kind."),
    index_dir: Optional[str] = IndexOpt,
    limit: int = typer.Option(0, "--limit", "-n", min=0, help="Show only the N most frequent (0: all)."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
) -> None:
    """Every value of a field in the index with its number of passages."""

    def body() -> None:
        from paperfinder.search.service import facet_values

        values = facet_values(index_dir or default_index(), field)
        if limit:
            values = dict(list(values.items())[:limit])
        if fmt is Fmt.json:
            emit_json({"field": field, "values": values})
            return
        from rich.table import Table

        table = Table(title=f"{escape(field)}: {len(values)} values")
        table.add_column(field)
        table.add_column("passages", justify="right")
        for k, v in values.items():
            table.add_row(escape(k), str(v))
        out.print(table)

    report_errors(body)


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="A doc_id from search results."),
    index_dir: Optional[str] = IndexOpt,
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
) -> None:
    """Print a document's passages under their headings."""

    def body() -> None:
        from paperfinder.reports.show import get_document

        doc = get_document(doc_id, index_dir or default_index())
        if fmt is Fmt.json:
            emit_json(doc)
            return
        meta = doc["document"]
        out.print(f"[bold]{escape(meta.get('title') or doc_id)}[/bold]")
        facts = [meta.get("authority"), meta.get("date"), meta.get("doc_type"), meta.get("committee")]
        out.print("[dim]" + escape(" · ".join(str(f) for f in facts if f)) + "[/dim]")
        for key in ("author", "decision_maker", "item", "pack_id"):
            if meta.get(key):
                out.print(f"[dim]{key.replace('_', ' ')}: {escape(str(meta[key]))}[/dim]")
        for key in ("present", "apologies"):
            if meta.get(key):
                out.print(f"[dim]{key}: {escape(', '.join(meta[key]))}[/dim]")
        last = None
        for p in doc["passages"]:
            if p["section"] != last:
                out.print(f"\n[bold cyan]{escape(p['section'])}[/bold cyan] [dim]({p['section_type']})[/dim]")
                last = p["section"]
            out.print(f"[green]{escape(citation(p['source'], p['line_start'], p['line_end'], p.get('page'), p.get('page_end')))}[/green]")
            out.print(escape(p["text"]))

    report_errors(body)


@app.command()
def documents(
    index_dir: Optional[str] = IndexOpt,
    authority: Optional[str] = AuthorityOpt,
    person: Optional[str] = PersonOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    doc_type: Optional[str] = DocTypeOpt,
    undated: bool = UndatedOpt,
    present: bool = PresentOpt,
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
) -> None:
    """The indexed papers with their metadata (what the index holds, and what it read)."""

    def body() -> None:
        from paperfinder.reports.show import list_documents

        flt = _filters(authority, person, since, until, doc_type, None, None, None, undated=undated, present=present)
        docs = list_documents(index_dir or default_index(), flt)
        if fmt is Fmt.json:
            emit_json({"total": len(docs), "documents": docs})
            return
        from rich.table import Table

        table = Table(title=f"{len(docs)} documents")
        for col in ("date", "authority", "type", "title", "source", "passages"):
            table.add_column(col, justify="right" if col == "passages" else "left")
        for d in docs:
            fixed = " (corrected)" if d["corrected"] else ""
            about = f" (about {', '.join(d['about'])})" if d["about"] else ""
            table.add_row(
                d["date"] or "undated", escape((d["authority"] or "unknown") + about), d["doc_type"] or "",
                escape((d["title"] or "")[:70] + fixed), escape(d["source"] + (f" ({d['pages']} pp.)" if d.get("pages") else "")),
                str(d["passages"]),
            )
        out.print(table)

    report_errors(body)


@app.command()
def correct(
    file: Path = typer.Argument(..., help="The paper's file, as indexed."),
    index_dir: Optional[str] = IndexOpt,
    date: Optional[str] = typer.Option(None, "--date", help="Meeting/decision date, YYYY-MM-DD."),
    authority: Optional[str] = typer.Option(None, "--authority", help="The body whose paper it is."),
    doc_type: Optional[str] = typer.Option(None, "--doc-type", help="e.g. minutes, agenda, committee_report, letter."),
    title: Optional[str] = typer.Option(None, "--title", help="The paper's title."),
    clear: bool = typer.Option(False, "--clear", help="Remove this file's corrections (with other options: replace them)."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
) -> None:
    """Set a paper's metadata by hand; kept beside the index and applied on every re-index."""

    def body() -> None:
        from paperfinder.index.corrections import describe
        from paperfinder.reports.show import correct_file

        res = correct_file(index_dir or default_index(), file, {"date": date, "authority": authority, "doc_type": doc_type, "title": title}, clear=clear)
        if fmt is Fmt.json:
            emit_json(res)
            return
        if res["corrected"]:
            out.print(f"{escape(res['source'])}: {escape(describe(res['corrected']))} (re-indexed)")
        else:
            out.print(f"{escape(res['source'])}: no corrections; metadata as read from the paper (re-indexed)")

    report_errors(body)


@app.command()
def entities(
    file: Path = typer.Argument(..., help="A paper (.txt .md .html .pdf)."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
    index_dir: Optional[str] = typer.Option(
        None, "--index", help="Also recognise the people this index's papers name (default: ./index or $PAPERFINDER_INDEX, if there is one)."),
) -> None:
    """The entities indexing would tag in one file."""

    def body() -> None:
        from paperfinder.recognise.tagging import entities_of_file

        source, ents = entities_of_file(file, index_dir or default_index(), required=index_dir is not None)
        if fmt is Fmt.json:
            emit_json({"source": source, "entities": [e.to_dict() for e in ents]})
            return
        from rich.table import Table

        table = Table(title=f"{source}: {len(ents)} entities")
        for col in ("line", "label", "text", "value / canonical", "kind", "role"):
            table.add_column(col)
        for e in ents:
            val = e.canonical if e.label in ("PERSON", "AUTHORITY") else e.value
            if e.label == "MONEY" and isinstance(e.value, (int, float)):
                val = f"{e.currency or 'GBP'} {e.value:,.2f}".rstrip("0").rstrip(".")
            table.add_row(str(e.line or ""), e.label, escape(e.text), escape(str(val if val is not None else "")), e.kind or "", escape(e.role or ""))
        out.print(table)

    report_errors(body)




@app.command()
def ask(
    question: str = typer.Argument(..., help="A plain question, e.g. 'How much is the Centre Director budget?'"),
    index_dir: Optional[str] = IndexOpt,
    authority: Optional[str] = AuthorityOpt,
    person: Optional[str] = PersonOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    doc_type: Optional[str] = DocTypeOpt,
    section_type: Optional[str] = SectionTypeOpt,
    min_amount: Optional[str] = MinAmountOpt,
    max_amount: Optional[str] = MaxAmountOpt,
    undated: bool = UndatedOpt,
    present: bool = PresentOpt,
    sure: bool = typer.Option(False, "--sure", help="Answer only when answers as sure were right 9 times in 10 on questions "
                              "nobody tuned for (fewer answers; the closest passages otherwise)."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
) -> None:
    """Answer a question with the passage quoted and cited."""

    def body() -> None:
        from paperfinder.answer.retrieval import ask as run

        flt = _filters(authority, person, since, until, doc_type, section_type, min_amount, max_amount, undated=undated, present=present)
        ans = run(question, index_dir or default_index(), filters=flt, sure=sure)
        if fmt is Fmt.json:
            emit_json(ans.to_dict())
            return
        if ans.narrowed:
            out.print(f"[dim]searched {escape(ans.narrowed)}, the meeting the question names[/dim]")
        if ans.answer is None:
            out.print(f"[yellow]Not sure[/yellow] (confidence {ans.confidence:.2f}). The closest passages:\n")
            _print_hits(_as_result(ans.evidence[:3]))
            return
        out.print(f"[bold green]{escape(ans.answer)}[/bold green]  [dim]({ans.answer_type}, confidence {ans.confidence:.2f})[/dim]")
        if ans.evidence:
            h = ans.evidence[0]
            if ans.sentence:
                out.print("  “" + marked(ans.sentence) + "”")
            out.print(f"  [bold]{escape(h.title)}[/bold] [dim]{escape(h.authority or '')} · {h.date or 'undated'} · {escape(h.section)}[/dim]")
            out.print(f"  [green]{escape(h.citation())}[/green]")

    report_errors(body)


def _as_result(hits):
    from types import SimpleNamespace

    return SimpleNamespace(hits=hits)


@app.command()
def export(
    query: str = typer.Argument(..., help="As for search; '' exports every passage."),
    output: str = typer.Option(..., "--output", "-o", help="File to write, or - for standard output."),
    fmt: ExportFmt = typer.Option(ExportFmt.csv, "--format", help="csv, jsonl or md."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    index_dir: Optional[str] = IndexOpt,
    authority: Optional[str] = AuthorityOpt,
    person: Optional[str] = PersonOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    doc_type: Optional[str] = DocTypeOpt,
    section_type: Optional[str] = SectionTypeOpt,
    min_amount: Optional[str] = MinAmountOpt,
    max_amount: Optional[str] = MaxAmountOpt,
    undated: bool = UndatedOpt,
    present: bool = PresentOpt,
    kind: Optional[str] = typer.Option(None, "--kind", help="Only decision or commitment passages."),
    sort: Sort = typer.Option(Sort.relevance, "--sort", help="relevance, newest or oldest."),
) -> None:
    """Write every matching passage, with citation and entities, to CSV, JSON Lines or Markdown."""

    def body() -> None:
        from paperfinder.reports.export import export as run

        flt = _filters(authority, person, since, until, doc_type, section_type, min_amount, max_amount, [kind] if kind else None,
                       undated=undated, present=present)
        n = run(query, index_dir or default_index(), fmt.value, output, filters=flt, force=force, sort=sort.value)
        if output != "-":
            err.print(f"wrote {n} passages to {output}")

    report_errors(body)


def _events_command(kind: str):
    def command(
        query: str = typer.Argument("", help="Words to look for (optional)."),
        index_dir: Optional[str] = IndexOpt,
        limit: int = typer.Option(30, "--limit", "-n", min=1, help="How many to show."),
        offset: int = typer.Option(0, "--offset", min=0, help="Skip the first N (page through with --limit)."),
        show_all: bool = typer.Option(False, "--all", help="Include procedural business (adjournments, apologies, the agenda, last minutes)."),
        authority: Optional[str] = AuthorityOpt,
        person: Optional[str] = PersonOpt,
        since: Optional[str] = SinceOpt,
        until: Optional[str] = UntilOpt,
        doc_type: Optional[str] = DocTypeOpt,
        section_type: Optional[str] = SectionTypeOpt,
        min_amount: Optional[str] = MinAmountOpt,
        max_amount: Optional[str] = MaxAmountOpt,
        undated: bool = UndatedOpt,
        present: bool = PresentOpt,
        sort: Optional[Sort] = typer.Option(None, "--sort", help="relevance (default with words), newest (default without), oldest."),
        fmt: RegisterFmt = typer.Option(RegisterFmt.text, "--format", help="text, json, or csv (a spreadsheet's rows: > register.csv)."),
    ) -> None:
        def body() -> None:
            from paperfinder.reports.registers import default_order, list_events

            flt = _filters(authority, person, since, until, doc_type, section_type, min_amount, max_amount, undated=undated, present=present)
            order = sort.value if sort else default_order(query)
            total, events = list_events(kind, query, index_dir or default_index(), filters=flt, sort=order, procedural=show_all)
            page = events[offset : offset + limit]
            if fmt is RegisterFmt.csv:
                _events_csv(page)
                return
            if fmt is RegisterFmt.json:
                emit_json({"query": query, "kind": kind, "passages": total, "total": len(events), "offset": offset,
                           "events": [e.to_dict() for e in page]})
                return
            more = f"; --offset {offset + limit} for more" if offset + limit < len(events) else ""
            out.print(f"[dim]showing {len(page)} of {len(events)} {kind}s (from {total} matching passages, by {order}){more}[/dim]\n")
            for e in page:
                _print_event(e)

        report_errors(body)

    command.__doc__ = f"List the {kind}s in matching passages, with date, body, amount and citation."
    return command


def _events_csv(events) -> None:
    """A register or timeline as CSV on standard output, one row an event."""
    from paperfinder.reports.export import write_events_csv

    # (with a byte-order mark, as export's CSV files, so a spreadsheet reads "£" and "€")
    sys.stdout.write("\ufeff")
    write_events_csv(events, sys.stdout)


def _print_event(e, one_line: bool = False) -> None:
    money = e.money_text()
    votes = e.votes or {}
    facts = [e.date or "undated", e.who(), e.outcome or e.status or "",
             ("proposed by " + e.proposer) if e.proposer else "", ("seconded by " + e.seconder) if e.seconder else "",
             (f"{votes['for']} for, {votes['against']} against" + (f", {votes['abstaining']} abstaining" if "abstaining" in votes else "")) if votes else "",
             ("due " + e.due) if e.due else "", ("owner " + e.owner) if e.owner else "", money]
    out.print(f"[bold]{escape(' · '.join(f for f in facts if f))}[/bold]  [dim]{e.kind}[/dim]")
    out.print("  " + escape(e.text if len(e.text) < 400 else e.text[:400] + "…"))
    out.print(f"  [dim]{escape(e.title)}[/dim]  [green]{escape(e.source)}:{e.line}[/green]\n")


app.command("decisions")(_events_command("decision"))
app.command("commitments")(_events_command("commitment"))


@app.command()
def timeline(
    query: str = typer.Argument(..., help="A programme, service or subject, e.g. 'Partners in Practice'."),
    index_dir: Optional[str] = IndexOpt,
    authority: Optional[str] = AuthorityOpt,
    person: Optional[str] = PersonOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    doc_type: Optional[str] = DocTypeOpt,
    section_type: Optional[str] = SectionTypeOpt,
    min_amount: Optional[str] = MinAmountOpt,
    max_amount: Optional[str] = MaxAmountOpt,
    undated: bool = UndatedOpt,
    present: bool = PresentOpt,
    fmt: RegisterFmt = typer.Option(RegisterFmt.text, "--format", help="text, json, or csv (a spreadsheet's rows: > timeline.csv)."),
) -> None:
    """Decisions, commitments and amounts about a subject, in date order, one line each."""

    def body() -> None:
        from paperfinder.reports.registers import timeline as run

        flt = _filters(authority, person, since, until, doc_type, section_type, min_amount, max_amount, undated=undated, present=present)
        events = run(query, index_dir or default_index(), filters=flt)
        if fmt is RegisterFmt.json:
            emit_json({"query": query, "events": [e.to_dict() for e in events]})
            return
        if fmt is RegisterFmt.csv:
            _events_csv(events)
            return
        if not events:
            out.print("no decisions, commitments or amounts found; try other words")
        for e in events:
            money = e.money_text()
            text = e.text if len(e.text) < 160 else e.text[:157] + "…"
            out.print(
                f"{e.date or 'undated':10}  {e.kind:10}  {escape(text)}"
                + (f"  [bold]{money}[/bold]" if money else "")
                + f"  [green]{escape(e.source)}:{e.line}[/green]"
            )

    report_errors(body)


# ---- watch ----------------------------------------------------------------------

watch_app = typer.Typer(
    help="Saved searches that say what is new: add, list, remove, check, feed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(watch_app, name="watch")


@watch_app.command("add")
def watch_add(
    name: str = typer.Argument(..., help="A short name, e.g. Aylesbury."),
    query: str = typer.Argument(..., help="As for search; '' watches every passage the filters allow."),
    index_dir: Optional[str] = IndexOpt,
    authority: Optional[str] = AuthorityOpt,
    person: Optional[str] = PersonOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    doc_type: Optional[str] = DocTypeOpt,
    section_type: Optional[str] = SectionTypeOpt,
    min_amount: Optional[str] = MinAmountOpt,
    max_amount: Optional[str] = MaxAmountOpt,
    undated: bool = UndatedOpt,
    present: bool = PresentOpt,
    kind: Optional[str] = typer.Option(None, "--kind", help="Only decision or commitment passages."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
) -> None:
    """Save a search; what matches it now counts as seen."""

    def body() -> None:
        from paperfinder.reports.watches import add_watch

        flt = _filters(authority, person, since, until, doc_type, section_type, min_amount, max_amount,
                       [kind] if kind else None, undated=undated, present=present)
        watch, total = add_watch(index_dir or default_index(), name, query, flt)
        if fmt is Fmt.json:
            emit_json(watch.to_dict() | {"matching": total})
            return
        out.print(f"watch {escape(watch.name)} added ({escape(watch.describe())}): "
                  f"{_count(total, 'passage')} {'matches' if total == 1 else 'match'} now, counted as seen")

    report_errors(body)


@watch_app.command("list")
def watch_list(
    index_dir: Optional[str] = IndexOpt,
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
) -> None:
    """The saved searches, with how many matching passages each has not seen."""

    def body() -> None:
        from paperfinder.reports.watches import list_watches

        found = list_watches(index_dir or default_index())
        if fmt is Fmt.json:
            emit_json({"watches": [w.to_dict() for w in found]})
            return
        if not found:
            out.print("no watches; add one with `paperfinder watch add NAME QUERY`")
            return
        from rich.table import Table

        table = Table(title=f"{_count(len(found), 'watch').replace('watchs', 'watches')}")
        for col in ("name", "search", "new", "last checked"):
            table.add_column(col, justify="right" if col == "new" else "left")
        for s in found:
            table.add_row(escape(s.watch.name), escape(s.watch.describe()), str(s.unseen), s.watch.checked or "never")
        out.print(table)

    report_errors(body)


@watch_app.command("remove")
def watch_remove(
    name: str = typer.Argument(..., help="The watch's name."),
    index_dir: Optional[str] = IndexOpt,
) -> None:
    """Delete a saved search."""

    def body() -> None:
        from paperfinder.reports.watches import remove_watch

        watch = remove_watch(index_dir or default_index(), name)
        out.print(f"watch {escape(watch.name)} removed")

    report_errors(body)


@watch_app.command("check")
def watch_check(
    name: Optional[str] = typer.Argument(None, help="One watch (default: every watch)."),
    index_dir: Optional[str] = IndexOpt,
    peek: bool = typer.Option(False, "--peek", help="Show what is new without marking it seen."),
    fmt: Fmt = typer.Option(Fmt.text, "--format", help="text or json."),
) -> None:
    """The passages each watch matches that indexing added or changed since it was last checked; then they count as seen."""

    def body() -> None:
        from paperfinder.reports.watches import check

        news = check(index_dir or default_index(), name, peek=peek)
        if fmt is Fmt.json:
            emit_json({"watches": [n.to_dict() for n in news]})
            return
        if not news:
            out.print("no watches; add one with `paperfinder watch add NAME QUERY`")
        for n in news:
            if not n.new:
                out.print(f"[bold]{escape(n.watch.name)}[/bold]: nothing new [dim]({escape(n.watch.describe())})[/dim]")
                continue
            out.print(f"[bold]{escape(n.watch.name)}[/bold]: {_count(len(n.new), 'new passage')} in {_count(n.papers, 'paper')}"
                      f" [dim]({escape(n.watch.describe())})[/dim]\n")
            _print_hits(_as_result(n.new))
        if peek and any(n.new for n in news):
            out.print("[dim]--peek: not marked as seen[/dim]")

    report_errors(body)


@watch_app.command("feed")
def watch_feed(
    name: str = typer.Argument(..., help="The watch's name."),
    output: str = typer.Option(..., "--output", "-o", help="Atom file to write (replaced), or - for standard output."),
    index_dir: Optional[str] = IndexOpt,
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="How many of the latest matches."),
) -> None:
    """Write an Atom feed of a watch's latest matches (nothing is marked seen)."""

    def body() -> None:
        from paperfinder.reports.watches import atom_feed, write_feed

        if output == "-":
            sys.stdout.write(atom_feed(index_dir or default_index(), name, limit=limit) + "\n")
            return
        n = write_feed(index_dir or default_index(), name, output, limit=limit)
        err.print(f"wrote {_count(n, 'entry').replace('entrys', 'entries')} to {escape(output)}")

    report_errors(body)


@app.command()
def serve(
    index_dir: Optional[str] = IndexOpt,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8080, "--port", min=1, max=65535, help="Port to listen on."),
) -> None:
    """A local web page over the index: search, passages, ask, registers, timeline, export, documents."""

    def body() -> None:
        from paperfinder.web.app import serve as run

        run(index_dir or default_index(), host=host, port=port, say=lambda line: err.print(escape(line)))

    report_errors(body)


def main() -> None:
    """Console entry point: usage errors become one line and exit status 1, as for any user error."""
    try:
        rv = app(standalone_mode=False)
    except Exception as exc:  # click's exception classes move between typer releases: match by name
        names = {c.__name__ for c in type(exc).__mro__}
        ctx = getattr(exc, "ctx", None)
        if "NoArgsIsHelpError" in names:
            out.print(ctx.get_help() if ctx else "see `paperfinder --help`")
            sys.exit(0)
        if "UsageError" in names:
            cmd = ctx.command_path if ctx else "paperfinder"
            fail(f"{exc.format_message()} (see `{cmd} --help`)")  # type: ignore[attr-defined]  # a click UsageError, matched by name
        if "Abort" in names:
            fail("interrupted", 130)
        if os.environ.get("PAPERFINDER_DEBUG"):
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (set PAPERFINDER_DEBUG=1 to see where)", 2)
    sys.exit(rv if isinstance(rv, int) else 0)


if __name__ == "__main__":
    main()
