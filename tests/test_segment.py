"""The segmentation stage: the committed pkuseg model and the text-preserving ``cut``."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes import segment
from quotes.segment import Segmenter, normalise

SENTENCE = "外交部发言人汪文斌表示，董军强调，中方坚决反对任何形式的干涉。"


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter.load()


def test_the_committed_model_loads_with_no_dictionary(seg):
    assert (segment.models_dir() / "segmenter" / "MODEL_CARD.md").is_file()
    assert not seg.postprocesser.do_process  # pkuseg's default dictionary is off
    assert not seg.preprocesser.trie.children  # and there are no user words
    assert seg.cut("他说") == ["他", "说"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        SENTENCE,
        "他说:\"我们不会让步!\"真的吗?是的.",
        "美国总统拜登(Joe Biden)周二表示, GDP增长5.2%，达到1,000亿元（10:30）。",
        "  前导空格\n第二行\r\n\t第三行 \u3000全角空格\xa0不换行空格\x1c结尾  ",
        "發言人表示，這是謊言。「我們不會讓步」，他說。",
        "【环球时报】记者获悉……他说——这是‘谎言’。ＡＢＣ１２３，～好～",
        "😀表情🇨🇳与\u200b零宽字符",
    ],
)
def test_cut_keeps_the_input_text_exactly(seg, text):
    tokens = seg.cut(text)
    assert "".join(tokens) == text
    assert all(tokens)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("他说表示，,。.!?\"“”（）() \n\t\u3000aZ09１２年月日【】‘’…—"), max_size=40))
def test_cut_keeps_any_text(seg, text):
    assert "".join(seg.cut(text)) == text


def test_normalise_keeps_the_length():
    text = "他说:\"好!\"（１,０００）ＡＢＣ 3.5 1,000 10:30「」"
    assert len(normalise(text)) == len(text)
    assert normalise("1,000,董") == "1,000，董"


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


@pytest.mark.parametrize("text", [",董军说", "外交部发言人表示,董军强调:好!", "他说(记者)[北京]<好>!"])
def test_ascii_punctuation_is_never_glued_to_words(seg, text):
    for tok in seg.cut(text):
        kinds = {_is_punct(ch) for ch in tok}
        assert len(kinds) == 1, (tok, seg.cut(text))


def test_reporting_verbs_are_separate_tokens(seg):
    tokens = seg.cut(SENTENCE)
    assert "表示" in tokens and "强调" in tokens


@pytest.mark.parametrize("text", ["", SENTENCE, "他说：\n\n  “好。” Joe Biden 说"])
def test_spans_are_contiguous_and_cover_the_text(seg, text):
    spans = seg.spans(text)
    assert [text[a:b] for a, b in spans] == seg.cut(text)
    ends = [0] + [b for _, b in spans]
    assert [a for a, _ in spans] == ends[:-1]
    assert ends[-1] == len(text)


def test_load_nlp_segments_with_our_model(seg):
    nlp = segment.load_nlp()
    doc = nlp(SENTENCE)
    assert doc.text == SENTENCE
    assert [t.text for t in doc] == seg.cut(SENTENCE)


def test_models_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("QUOTES_MODELS", str(tmp_path))
    assert segment.models_dir() == tmp_path
    with pytest.raises(FileNotFoundError):
        Segmenter.load()


def test_conllu_reader_skips_ranges_and_empty_nodes(tmp_path):
    f = tmp_path / "x.conllu"
    f.write_text("# text = 他说\n1-2\t他说\t_\t_\n1\t他\t_\tPRON\n1.1\t_\t_\t_\n2\t说\t_\tVERB\n\n1\t好\t_\tADJ\n", encoding="utf-8")
    assert segment.read_conllu(f) == [["他", "说"], ["好"]]
    assert segment.read_conllu(f, column=3) == [["PRON", "VERB"], ["ADJ"]]  # the tags, as corpus/tools/common_nouns.py reads them


@pytest.mark.slow
def test_training_a_small_model(tmp_path: Path):
    lines = segment.DEFAULT_TRAIN.read_text(encoding="utf-8").splitlines()[:200]
    train = tmp_path / "train.txt"
    train.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores = segment.train_segmenter(train, out_dir=tmp_path / "model", iterations=1)
    assert scores["test"]["f1"] > 50
    assert (tmp_path / "model" / "MODEL_CARD.md").is_file()
    assert Segmenter(tmp_path / "model").cut(SENTENCE)
