"""The self-contained HTML report (issue 7): well-formed, escaped, loses no text, and in
headless Chromium every quote is highlighted, one-sided statements are flagged, nothing is
fetched from the network and a screenshot comes out."""
from __future__ import annotations

import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quotes.comparing import compare_documents
from quotes.export import to_json
from quotes.html_report import comparison_html, document_html, segments, write_comparison_html, write_document_html
from quotes.model import Comparison, Document, Match, Quote, Stance, Story
from quotes.pipeline import analyze, analyze_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TWO_SIDED = CORPUS / "twosided_zh_hans_cn_eu_dialogue.txt"
CHROMIUM = Path(os.environ.get("QUOTES_CHROMIUM", "/usr/bin/chromium"))

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# ----------------------------------------------------------------------------- a small DOM

class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Node | None" = None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list["Node | str"] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, pred) -> list["Node"]:
        return [n for n in self.iter() if pred(n)]

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class StrictTree(HTMLParser):
    """Builds a tree and fails on any end tag that does not close the element open last."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs), self.stack[-1]))

    def handle_endtag(self, tag):
        assert tag not in VOID, f"end tag of void element </{tag}>"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}> at {self.getpos()}"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(markup: str) -> Node:
    tree = StrictTree()
    tree.feed(markup)
    tree.close()
    assert [n.tag for n in tree.stack] == ["#root"], "unclosed elements: " + " ".join(n.tag for n in tree.stack[1:])
    return tree.root


def doctext(root: Node, index: int = 0) -> Node:
    found = root.find_all(lambda n: "doctext" in n.classes() and n.attrs.get("data-doc") == str(index))
    assert len(found) == 1
    return found[0]


def highlighted(container: Node) -> dict[str, list[Node]]:
    """Quote id → the highlighted elements that carry it (a quote cut by a story boundary has several)."""
    out: dict[str, list[Node]] = {}
    for n in container.find_all(lambda n: "data-quote-id" in n.attrs):
        out.setdefault(n.attrs["data-quote-id"], []).append(n)
    return out


_NETWORK = re.compile(
    r"""(?:\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.IGNORECASE,
)


def assert_offline(markup: str) -> None:
    assert not _NETWORK.search(markup), _NETWORK.search(markup).group()
    assert "default-src 'none'" in markup  # the Content-Security-Policy forbids every fetch


# ----------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def two_sided() -> Document:
    doc = analyze_file(TWO_SIDED)
    assert doc.comparison and any(c.status == "one_sided" for c in doc.comparison)
    return doc


@pytest.fixture(scope="module")
def pair() -> tuple[list[Document], list[Comparison]]:
    docs = [analyze_file(CORPUS / "pairs" / "call_cn_readout.txt"), analyze_file(CORPUS / "pairs" / "call_us_readout.txt")]
    return docs, compare_documents(docs, ["中方", "美方"])


# ----------------------------------------------------------------------------- fast tests

def test_document_report_is_well_formed_offline_and_loses_no_text(two_sided, tmp_path):
    out = tmp_path / "report.html"
    write_document_html(out, [two_sided])
    markup = out.read_text(encoding="utf-8")
    assert markup.startswith("<!DOCTYPE html>")
    root = parse(markup)
    assert_offline(markup)
    assert doctext(root).text() == two_sided.text
    marks = highlighted(doctext(root))
    status = {c.quote: c.status for c in two_sided.comparison}
    for q in two_sided.quotes:
        assert "".join(n.text() for n in marks[q.id]) == q.text
        assert marks[q.id][0].attrs["data-type"] == q.type
        assert marks[q.id][0].attrs.get("data-status") == status.get(q.id)
    for c in two_sided.comparison:
        if c.status == "one_sided":
            assert root.find_all(lambda n: "flag" in n.classes() and n.attrs.get("data-ref") == c.quote)


def test_segments_concatenate_to_the_text_even_with_overlaps():
    text = "甲说：“一二三四五六七八九十。”乙表示，这是测试。\n\n相关新闻：丙称，未完"
    quotes = [
        Quote("q1", "s1", "direct", text[4:14], 4, 14, cue="说", cue_start=1, cue_end=2, speaker="甲", speaker_start=0, speaker_end=1),
        Quote("q2", "s1", "indirect", text[8:20], 8, 20, cue="表示", cue_start=17, cue_end=19, speaker="乙", speaker_start=16, speaker_end=17),
        Quote("q3", "s1", "mixed", text[6:9], 6, 9),  # nested in q1
        Quote("q4", "s2", "indirect", text[28:], 28, len(text) + 5, speaker="丙", speaker_start=25, speaker_end=27,
              cue_start=26, cue_end=28),  # runs past the end; cue overlaps the speaker
        Quote("q5", "s1", "headline", "", 3, 3),  # empty
    ]
    stories = [Story("s1", "article", 0, 24), Story("s2", "teaser", 21, len(text), truncated=True)]
    doc = Document(path="<t>", text=text, stories=stories, quotes=quotes)
    assert "".join(s.text for s in segments(doc)) == text
    assert all(s.text for s in segments(doc))
    root = parse(document_html([doc]))
    assert doctext(root).text() == text
    marks = highlighted(doctext(root))
    assert "".join(n.text() for n in marks["q1"]) == quotes[0].text
    assert set(marks) == {"q1", "q2", "q4"}
    assert root.find_all(lambda n: n.attrs.get("data-kind") == "teaser" and "story-teaser" in n.classes())


def test_user_text_is_escaped():
    text = '发言人"><img src=x onerror=alert(2)>表示，<script>alert(1)</script>不会得逞。他说：“<b>粗体</b> & </mark></div>”'
    doc = analyze(text)
    assert doc.quotes
    evil = Quote("q99", "s1", "direct", text[0:10], 0, 10, speaker='"><img src=x onerror=alert(3)>', role="<i>r</i>",
                 cue="</a>", source="<style>*{display:none}</style>", stance=[Stance("<u>t</u>", "oppose", 0.9)])
    doc.quotes.append(evil)
    doc.comparison = [Comparison("q99", evil.speaker, "<s>", "one_sided", ["<t>"], Match("q1", 0.1))]
    markup = document_html([doc])
    root = parse(markup)
    assert markup.count("<script") == 1  # the report's own script, nothing from the text
    for bad in ("<img", "<b>粗体", "<i>r", "<u>", "<style>*", "<s>", "</mark></div>"):
        assert bad not in markup, bad
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert not root.find_all(lambda n: n.tag in {"img", "i", "u", "s"})
    assert doctext(root).text() == text


def test_comparison_report(pair, tmp_path):
    docs, comparison = pair
    out = tmp_path / "cmp.html"
    write_comparison_html(out, docs, comparison, ["中方", "美方"])
    markup = out.read_text(encoding="utf-8")
    root = parse(markup)
    assert_offline(markup)
    status = {(c.doc, c.quote): c.status for c in comparison}
    for i, doc in enumerate(docs):
        box = doctext(root, i)
        assert box.text() == doc.text
        marks = highlighted(box)
        for q in doc.quotes:
            assert "".join(n.text() for n in marks[q.id]) == q.text
            assert marks[q.id][0].attrs.get("data-status") == status.get((i, q.id))
    rows = root.find_all(lambda n: n.tag == "tr" and "aligned" in n.classes())
    assert len(rows) >= 1 and all(len(r.find_all(lambda n: "stmt" in n.classes())) == 2 for r in rows)
    flags = root.find_all(lambda n: "flag" in n.classes() and "data-ref" in n.attrs)
    assert {(int(f.attrs["data-doc"]), f.attrs["data-ref"]) for f in flags} == {k for k, s in status.items() if s == "one_sided"}
    ranks = [int(n.attrs["data-rank"]) for n in root.find_all(lambda n: "data-rank" in n.attrs)]
    assert ranks == list(range(1, len(ranks) + 1))
    assert root.find_all(lambda n: n.tag == "table" and "stance" in n.classes())
    assert comparison_html(docs, comparison, ["中方", "美方"]).count("<script") == 1


def test_offline_check_catches_remote_references():
    for markup in ('<img src="https://x/y.png">', "<link href='//cdn/x.css'>", "a{background:url( http://x/y)}",
                   '@import "x.css";', "<script src=https://x/y.js></script>"):
        with pytest.raises(AssertionError):
            assert_offline(markup + "default-src 'none'")
    assert_offline("<p>见 https://example.org/ 与 href=&quot;https://x&quot;</p> default-src 'none'")


# ----------------------------------------------------------------------------- in the browser

def _chromium(*args: str, url: str, profile: Path) -> subprocess.Popen:
    """Headless Chromium on ``url`` with a fresh profile and every host name unresolvable."""
    cmd = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--no-default-browser-check", "--mute-audio",
        "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}", *args, url,
    ]
    profile.mkdir()
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=profile)


def _finish(proc: subprocess.Popen) -> bytes:
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    return out


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)")
def test_report_in_headless_chromium(two_sided, tmp_path):
    out = tmp_path / "report.html"
    write_document_html(out, [two_sided])
    markup = out.read_text(encoding="utf-8")
    assert_offline(markup)
    first = two_sided.quotes[0].id

    # Two browsers at once: the DOM after the page's script ran (opened from disk with a
    # quote in the URL hash), and a screenshot.
    shot = tmp_path / "report.png"
    dump = _chromium("--dump-dom", "--virtual-time-budget=2000", url=out.as_uri() + f"#d0-{first}", profile=tmp_path / "p1")
    snap = _chromium("--hide-scrollbars", "--window-size=1280,1600", f"--screenshot={shot}", url=out.as_uri(), profile=tmp_path / "p2")
    dom = parse(_finish(dump).decode("utf-8"))
    payload = to_json([two_sided])
    box = doctext(dom)
    assert box.text() == two_sided.text
    marks = highlighted(box)
    for q in payload["documents"][0]["quotes"]:
        parts = marks.get(q["id"])
        assert parts, f"{q['id']} is not highlighted"
        assert "".join(n.text() for n in parts) == q["text"]
        assert parts[0].attrs["data-type"] == q["type"]
    for c in payload["documents"][0]["comparison"]:
        assert marks[c["quote"]][0].attrs["data-status"] == c["status"]
        if c["status"] == "one_sided":
            flags = dom.find_all(lambda n: "flag" in n.classes() and n.attrs.get("data-ref") == c["quote"])
            assert flags, f"one-sided {c['quote']} is not flagged"
    # the script ran from file:// under the page's CSP: the hash opened that quote's attribution
    pop = dom.find_all(lambda n: n.attrs.get("id") == "pop")[0]
    assert "hidden" not in pop.attrs
    assert pop.text().strip().startswith(first)
    assert "active" in marks[first][0].classes()

    # The screenshot: a non-empty PNG of the requested size.
    _finish(snap)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1600)
    assert len(data) > 20_000  # a blank page compresses to a few kilobytes
