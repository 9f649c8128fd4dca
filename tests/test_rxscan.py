"""The literals a pattern's matches all hold (``rxscan.prefilter``), by which event, body and
paper-type rules skip texts without them: no text the pattern matches is ever skipped."""

import re
from pathlib import Path

from paperfinder.ingest.metadata import _type_rules
from paperfinder.ingest.readers import read_lines
from paperfinder.recognise.bodies import _patterns
from paperfinder.text.rxscan import LiteralMask, fold, may_search, prefilter

ROOT = Path(__file__).resolve().parents[1]


def test_prefilter_of_patterns():
    # a literal stretch is read whole, each way its groups of literals can go
    assert prefilter(re.compile(r"\byours (sincerely|faithfully)\b|^dear (sir|madam)\b", re.I | re.M)) == (
        ("dear madam", "dear sir", "yours faithfully", "yours sincerely"), False)
    assert prefilter(re.compile(r"\b(has|have) (called|convened) an? meeting")) == (
        ("has called a", "has convened a", "have called a", "have convened a"), False)
    assert prefilter(re.compile(r"(?P<tier>(?i:shire))\s+(?i:of)\s+(?P<name>[A-Z]\w+)")) == (("shire",), False)
    assert prefilter(re.compile(r"\d+|council")) == (None, False)  # a branch with no word: nothing ruled out
    assert prefilter(re.compile(r"^\s*\d+[.)]?\s*to (receive|note)\b")) == (("to note", "to receive"), True)


def test_fold_and_case_odd_letters():
    rx = re.compile(r"(?i:shire)\s+of")
    assert not may_search(rx, fold("Norfolk County Council"))
    assert may_search(rx, fold("the SHIRE OF ESPERANCE"))
    # an ignore-case "s" matches "ſ", whose lower case is not "s": fold makes it "s"
    assert rx.search("ſhire of Esperance") and fold("ſhire of Esperance") == "shire of esperance"
    assert may_search(rx, fold("ſhire of Esperance"))


def test_no_match_of_a_rule_is_skipped_on_the_bundled_papers():
    rules = [rx for _k, rx in _type_rules()] + [r.rx for r in _patterns()] + [r.needs for r in _patterns() if r.needs]
    texts = []
    for path in sorted((ROOT / "corpus").iterdir()):
        lines, _pages = read_lines(path)
        texts.append("\n".join(ln.text for ln in lines))
        texts += [ln.text for ln in lines[:80]]
    hits = 0
    for t in texts:
        low = fold(t)
        for rx in rules:
            if rx.search(t):
                hits += 1
                assert may_search(rx, low), (rx.pattern[:60], t[:80])
    # the check above ran on real matches: 104 on the bundled papers now (each paper-type rule added may add some)
    assert hits >= 94


def test_one_scan_says_what_may_search_says_of_each_pattern():
    # "to note" is in "to noted"; a pattern with no literal is always tried, one with a digit
    # only where there is one
    rules = [re.compile(r"\bto note\b", re.I), re.compile(r"to noted"), re.compile(r"\d+|council"),
             re.compile(r"^\s*\d+[.)]?\s*to (receive|note)\b", re.I | re.M), re.compile(r"(?i:shire)\s+of")]
    lm = LiteralMask(rules)
    for text in ("The Council is asked to noted the report.", "1. To note the minutes", "the Shire of Esperance",
                 "To receive apologies", "2. To receive apologies", ""):
        folded = fold(text)
        assert lm.mask(folded) == sum(1 << i for i, rx in enumerate(rules) if may_search(rx, folded)), text
    assert lm.mask(fold("The Council is asked to noted the report.")) == 0b00111
    assert lm.mask(fold("2. To receive apologies")) == 0b01100
    # every line of the bundled papers, against every body rule (38 literals) and every event
    # rule (324), each set found by one pass of an Aho-Corasick automaton
    from paperfinder.recognise.events import _rules

    for rules in ([r.rx for r in _patterns()], [r.regex for rs in _rules().by_type.values() for r in rs]):
        lm = LiteralMask(rules)
        for path in sorted((ROOT / "corpus").glob("*.txt")):
            for ln in read_lines(path)[0]:
                folded = fold(ln.text)
                assert lm.mask(folded) == sum(1 << i for i, rx in enumerate(rules) if may_search(rx, folded)), ln.text


def test_one_scan_finds_literals_inside_literals_in_real_sentences():
    # the automaton reports a literal that ends inside or begins another ("to note" in "to noted",
    # "present" in "members present"), so each rule's bit is set as its own search would set it:
    # the sentences of corpus-dev's minutes copied in the fixtures, against every event rule
    from paperfinder.recognise.events import _rules
    from paperfinder.text.sentences import boundaries

    rules = [r.regex for rs in _rules().by_type.values() for r in rs]
    lm = LiteralMask(rules)
    papers = sorted((ROOT / "tests" / "fixtures" / "corpus_dev_answers8").glob("*.md"))
    assert len(papers) == 4
    checked = 0
    for path in papers:
        text = "\n".join(ln.text for ln in read_lines(path)[0])
        last = 0
        for end, nxt in boundaries(text, 0, len(text)):
            folded = fold(text[last:end])
            last = nxt
            assert lm.mask(folded) == sum(1 << i for i, rx in enumerate(rules) if may_search(rx, folded)), folded
            checked += 1
    assert checked > 300
    folded = fold("Members present: Councillors noted that the Council is asked to noted the report.")
    bits = lm.mask(folded)
    assert bits == sum(1 << i for i, rx in enumerate(rules) if may_search(rx, folded))
    assert bits != lm.free  # some rule's literal is there
