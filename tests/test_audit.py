"""The speaker audit: each class of speaker that is not a speaker is told, a real speaker is
not; and, over the real archives (slow), the rates stay within the goals."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.audit import JUNK, audit, speaker_class

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news"


@pytest.mark.parametrize("speaker, expected", [
    ("時", "single character"), ("她", "single character"), ("他们", "pronoun"), ("她要", "pronoun"),
    ("接著", "clause word"), ("以英文", "clause word"), ("總統致詞時", "clause word"), ("司法部上个月", "clause word"),
    ("文致詞", "clause word"), ("指出中方", "reporting verb"), ("声明", "document"), ("资料照", "caption"), ("任、中", "punctuation"),
    ("蔡英文總統", "titled name"), (None, "no speaker"),
])
def test_each_class_is_told(speaker, expected):
    assert speaker_class(speaker) == expected


@pytest.mark.parametrize("speaker", ["蔡英文", "總統", "外交部", "知情人士", "路透社", "联合国", "于正义", "中国评论人", "史都華"])
def test_speakers_pass(speaker):
    assert speaker_class(speaker) is None


def test_rates_count_each_quote_once():
    docs = [{"quotes": [{"speaker": "蔡英文"}, {"speaker": "時"}, {"speaker": None}, {"speaker": "蔡英文總統"}]}]
    figures = audit(docs).figures()
    assert figures["quotes"] == 4
    assert (figures["not_a_speaker_rate"], figures["titled_name_rate"], figures["no_speaker_rate"]) == (0.25, 0.25, 0.25)
    assert set(figures["classes"]) <= set(JUNK) | {"titled name", "no speaker"}


@pytest.mark.slow
@pytest.mark.parametrize("archive", ["tw-president/tw_president_news.jsonl", "voa-zh/voa_zh_news.jsonl"])
def test_archive_speakers_within_the_goals(archive, tmp_path):
    path = NEWS / archive
    if not path.exists():
        pytest.skip("../shared is not here")
    out = tmp_path / "out.jsonl"
    subprocess.run([sys.executable, "-m", "quotes", "analyze", str(path), "--jsonl", str(out), "-q", "-j", "2"], cwd=ROOT, check=False)
    figures = audit(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()).figures()
    assert figures["not_a_speaker_rate"] <= 0.01 and figures["titled_name_rate"] <= 0.01 and figures["no_speaker_rate"] <= 0.05, figures
