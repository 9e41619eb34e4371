"""The lexicon matchers: a trie pattern and the numpy-filtered scanner find the same words."""
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.lexicons import Suffixes, WordScanner, word_pattern

CHARS = "中美方不支持反对合作台湾问题的了，。😀a"
words = st.lists(st.text(alphabet=CHARS, min_size=1, max_size=4), min_size=1, max_size=30)
texts = st.text(alphabet=CHARS, max_size=200)


def by_pattern(lexicon: list[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in word_pattern(lexicon).finditer(text)]


def longest_first(lexicon: list[str], text: str) -> list[tuple[int, int, str]]:
    """The plain alternation, longest word first: what both matchers stand in for."""
    import re

    pattern = re.compile("|".join(map(re.escape, sorted(set(lexicon), key=len, reverse=True))))
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(words, texts)
def test_trie_pattern_and_scanner_match_the_longest_first_alternation(lexicon, text):
    expected = longest_first(lexicon, text)
    assert by_pattern(lexicon, text) == expected
    assert WordScanner(lexicon).finditer(text) == expected


@settings(max_examples=200, deadline=None)
@given(words, texts, st.integers(0, 200), st.integers(0, 200))
def test_a_passage_scanned_with_the_documents_marks_is_the_passage_scanned_alone(lexicon, text, i, j):
    a, b = sorted((min(i, len(text)), min(j, len(text))))
    scanner = WordScanner(lexicon)
    alone = [(x + a, y + a, w) for x, y, w in scanner.finditer(text[a:b])]
    assert scanner.finditer(text, a, b, scanner.marks(text)) == alone
    assert scanner.finditer(text, a, b) == alone


def test_scanner_examples():
    scanner = WordScanner(["支持", "支持者", "反对", "美", "美方"])
    assert scanner.finditer("美方支持者反对美") == [(0, 2, "美方"), (2, 5, "支持者"), (5, 7, "反对"), (7, 8, "美")]
    assert scanner.finditer("") == [] and scanner.finditer("支") == []
    assert WordScanner([]).finditer("支持") == []


def test_suffixes_give_the_longest_word_a_text_ends_with():
    titles = Suffixes.of(["长", "部长", "外交部长", ""])
    assert titles.longest("中国外交部长") == "外交部长"
    assert titles.longest("中国外交部长王毅", end=6) == "外交部长"
    assert titles.longest("司长") == "长" and titles.longest("王毅") is None
