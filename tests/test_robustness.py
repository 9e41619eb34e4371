"""Bad input: one clear line on stderr and a documented exit code, never a traceback; and
properties over generated and mutated Chinese text: no exception, offsets that slice the
text, the same output every time."""
import codecs
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotes import reading
from quotes.batch import Options, Source, process
from quotes.cli import app
from quotes.export import document_dict
from quotes.pipeline import analyze
from quotes.reading import InputError, decode, html_to_text, normalise

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "（台北1日讯）行政院发言人李明表示，明年将调涨基本工资。\n\n「这是对劳工的承诺。」他说。\n"
TRADITIONAL = "總統府發言人林家安今天表示，總統對此高度重視。他說：「政府會全力協助。」\n\n據中央社報導，美方稱「樂見」。\n"
KOREAN = "대한민국 정부는 오늘 서울에서 열린 회의에서 새로운 경제 정책을 발표했다. 대통령은 국민들에게 협력을 요청했다."
JAPANESE = "日本政府は本日、東京で開かれた会議で新しい経済政策を発表した。首相は国民に協力を求めた。"


def analyze_cli(*args: str):
    return runner.invoke(app, ["analyze", *args])


def one_line(result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


# ----------------------------------------------------------------------------- bad input

def test_missing_path(tmp_path):
    result = analyze_cli(str(tmp_path / "nope.txt"), "-q")
    assert result.exit_code == 1
    assert one_line(result) == f"error: {tmp_path / 'nope.txt'}: no such file"


def test_directory_where_a_file_is_expected(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(tmp_path), str(p), "-q"])
    assert result.exit_code == 1
    assert "is a directory, expected a file" in one_line(result)


def test_unreadable_file(tmp_path, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_text(ARTICLE, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reading, "open", refuse, raising=False)  # root reads anything, so simulate it
    result = analyze_cli(str(p), "-q")
    assert result.exit_code == 1
    assert one_line(result) == f"error: {p}: cannot read (Permission denied)"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind root")
def test_unreadable_file_for_real(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    p.chmod(0)
    result = analyze_cli(str(p), "-q")
    assert result.exit_code == 1 and "Permission denied" in one_line(result)


@pytest.mark.parametrize("content", ["", "   \n\n\t \u3000\n"])
def test_empty_file_is_an_empty_result(tmp_path, content):
    p = tmp_path / "empty.txt"
    p.write_text(content, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = analyze_cli(str(p), "--jsonl", str(out), "-q")
    assert result.exit_code == 0 and result.output == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["quotes"] == [] and doc["notes"] == ["empty document: no text"]


@pytest.mark.parametrize("data, kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "ZIP archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    (bytes(range(256)) * 4, "contains NUL bytes"),
])
def test_binary_files_are_refused(tmp_path, data, kind):
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    result = analyze_cli(str(p), "-q")
    assert result.exit_code == 1
    assert one_line(result) == f"error: {p}: binary file ({kind}), not text"


@pytest.mark.parametrize("text, encoding", [(KOREAN, "euc-kr"), (JAPANESE, "shift_jis"), (JAPANESE, "euc-jp"),
                                            ("Le président a déclaré « c'est l'été ».", "latin-1")])
def test_other_encodings_are_refused(tmp_path, text, encoding):
    p = tmp_path / "x.txt"
    p.write_bytes(text.encode(encoding))
    result = analyze_cli(str(p), "-q")
    assert result.exit_code == 1
    assert "not UTF-8, UTF-16 (with BOM), GB18030 or Big5 text" in one_line(result)


def test_utf16_without_bom_and_utf32_are_refused(tmp_path):
    for name, data in [("le.txt", ARTICLE.encode("utf-16-le")), ("32.txt", ARTICLE.encode("utf-32"))]:
        p = tmp_path / name
        p.write_bytes(data)
        result = analyze_cli(str(p), "-q")
        assert result.exit_code == 1
        assert "save it as UTF-8" in one_line(result)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_supported_encodings_read_the_same_text(encoding):
    decoded = decode(TRADITIONAL.encode(encoding))
    assert decoded.text == TRADITIONAL and decoded.replaced == 0


def test_invalid_bytes_in_utf8_are_replaced_and_counted(tmp_path):
    data = bytearray(ARTICLE.encode("utf-8") * 5)
    data[10] = 0xFF
    data[200] = 0xC0
    replaced = bytes(data).decode("utf-8", errors="replace").count("\ufffd")
    p = tmp_path / "damaged.txt"
    p.write_bytes(bytes(data))
    out = tmp_path / "out.jsonl"
    result = analyze_cli(str(p), "--jsonl", str(out), "-q")
    assert result.exit_code == 0
    notes = json.loads(out.read_text(encoding="utf-8"))["notes"]
    assert notes and notes[0].startswith(f"{replaced} undecodable characters replaced with U+FFFD (")


def test_files_pasted_together_from_two_encodings_are_read_line_by_line():
    decoded = decode(ARTICLE.encode("utf-8") + TRADITIONAL.encode("big5") + ARTICLE.encode("gb18030"))
    assert decoded.text == ARTICLE + TRADITIONAL + ARTICLE
    assert decoded.encoding == "utf-8+big5+gb18030" and decoded.replaced == 0
    assert decoded.notes and "line by line" in decoded.notes[0]


def test_damage_in_bom_files_is_replaced_not_fatal():
    assert decode(codecs.BOM_UTF8 + ARTICLE.encode("utf-8")[:-2] + b"\xff\xfe\n").replaced >= 1
    assert decode(ARTICLE.encode("utf-16") + b"\x00").replaced == 1  # an odd byte at the end


def test_real_ufffd_in_the_text_is_not_counted_as_damage():
    assert decode(("部长说，" * 30 + "\ufffd").encode("utf-8")).replaced == 0


def test_html_page_is_reduced_to_its_text():
    page = ("<!DOCTYPE html><html><head><title>行政院：调涨工资</title><style>p{color:red}</style>"
            "<script>var s = '部长说：“假的”';</script></head><body><nav>首页 &gt; 新闻</nav>"
            "<p>（台北1日讯）行政院发言人李明表示，\n明年将调涨基本工资。</p><p>「这是对劳工的承诺。」他说。<br>记者王五</p>"
            "</body></html>")
    result = process(0, Source("page.html", data=page.encode("utf-8")), Options(keep_doc=True))
    doc = result.doc
    assert doc.text == "行政院：调涨工资\n\n首页 > 新闻\n\n（台北1日讯）行政院发言人李明表示，明年将调涨基本工资。\n\n「这是对劳工的承诺。」他说。\n记者王五\n"
    assert "假的" not in doc.text and "color" not in doc.text
    assert any("offsets refer to the text extracted from the HTML" in n for n in doc.notes)
    assert [q.text for q in doc.quotes if q.type != "headline"] == ["明年将调涨基本工资", "这是对劳工的承诺。"]
    for q in doc.quotes:
        assert doc.text[q.start : q.end] == q.text


def test_file_over_the_size_limit_is_refused(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(ARTICLE * 100, encoding="utf-8")
    result = analyze_cli(str(p), "--max-size", "0.001", "-q")
    assert result.exit_code == 1
    assert "over the 1048 bytes limit per document (raise it with --max-size)" in one_line(result)
    assert analyze_cli(str(p), "--max-size", "1", "-q").exit_code == 0


def test_record_over_the_size_limit_is_refused_and_skipped(tmp_path):
    p = tmp_path / "a.jsonl"
    big = json.dumps({"id": "big", "text": ARTICLE * 100}, ensure_ascii=False)
    small = json.dumps({"id": "small", "text": ARTICLE}, ensure_ascii=False)
    p.write_text(f"{big}\n{small}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = analyze_cli(str(p), "--max-size", "0.001", "--jsonl", str(out), "-q")
    assert result.exit_code == 1 and "a.jsonl:1: record over" in one_line(result)
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["small"]


@pytest.mark.parametrize("option", ["--jsonl", "--json", "--csv", "--html"])
def test_output_that_cannot_be_written(tmp_path, option):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "no" / "such" / "out"
    result = analyze_cli(str(p), option, str(target), "-q")
    assert result.exit_code == 3
    assert one_line(result) == f"error: {target}: cannot write (No such file or directory)"
    result = analyze_cli(str(p), option, str(tmp_path), "-q")  # a folder
    assert result.exit_code == 3 and "cannot write" in one_line(result)


def test_every_bad_input_at_once_in_a_real_process(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = {
        "img.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "korean.txt": KOREAN.encode("euc-kr"),
        "noBOM.txt": ARTICLE.encode("utf-16-le"),
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    args = [str(tmp_path / n) for n in bad] + [str(tmp_path / "missing.txt"), str(tmp_path / "empty_dir"), str(good)]
    (tmp_path / "empty_dir").mkdir()
    proc = subprocess.run([sys.executable, "-m", "quotes", "analyze", *args, "--jsonl", str(tmp_path / "o.jsonl")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert "Traceback" not in proc.stderr
    assert len(lines) == 6 and all(line.startswith("error: ") for line in lines[:5])
    assert lines[5].startswith("1 documents, 2 quotes, 1 speakers, 5 errors")


# ----------------------------------------------------------------------------- properties

PIECES = [
    "外交部", "发言人", "林晓峰", "總統", "李明", "他", "她们", "美方", "中方", "记者", "据新华社报道", "據中央社報導",
    "表示", "说", "說", "指出", "强调", "認為", "声称", "呼吁", "透露", "补充道", "：", "，", "。", "、", "；", "！", "？",
    "“", "”", "「", "」", "『", "』", '"', "‘", "’", "《", "》", "【", "】", "（", "）", "……", "...", "\n", "\n\n",
    " ", "\u3000", "10:30", "1,000", "A", "的", "明年将调涨基本工资", "这是对劳工的承诺", "政府會全力協助", "\ufffd",
]
settings_fast = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
generated = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)),
                     max_size=120).map("".join)


@st.composite
def mutated(draw) -> str:
    """One of the sample articles, cut, spliced and sprinkled with marks and cue verbs."""
    text = draw(st.sampled_from([ARTICLE, TRADITIONAL, ARTICLE + TRADITIONAL]))
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 30)))
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(PIECES)) * draw(st.integers(1, 5)) + text[i:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i]
    return text


def check_document(text: str) -> None:
    doc = analyze(text)
    for q in doc.quotes:
        assert text[q.start : q.end] == q.text, (q.id, q.text)
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker_mention
        if q.cue_start is not None:
            assert 0 <= q.cue_start <= q.cue_end <= len(text)
    for s in doc.stories:
        assert 0 <= s.start <= s.end <= len(text)
    assert document_dict(analyze(text)) == document_dict(doc)  # deterministic


@settings_fast
@given(generated)
def test_generated_text_never_breaks_the_engine(text):
    check_document(text)


@settings_fast
@given(mutated())
def test_mutated_articles_never_break_the_engine(text):
    check_document(text)


@settings_fast
@given(st.text(max_size=200))
def test_normalise_keeps_the_length_of_any_text(text):
    assert len(normalise(text)) == len(text)


@settings_fast
@given(st.one_of(st.binary(max_size=300), mutated().map(lambda t: t.encode("utf-8")),
                 st.tuples(mutated(), st.sampled_from(["gb18030", "big5", "utf-16"]), st.binary(max_size=4))
                 .map(lambda x: x[0].encode(x[1], errors="replace") + x[2])))
def test_decode_reads_or_refuses_any_bytes(data):
    try:
        decoded = decode(data)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(decoded.text, str) and decoded.replaced >= 0


@settings_fast
@given(st.lists(st.sampled_from(["<p>", "</p>", "<br>", "<script>", "</script>", "<style>", "<title>", "</title>",
                                 "<head>", "<body>", "<div class=x>", "</div>", "&amp;", "&#", "<!--", "-->", "<", ">",
                                 "说：“", "”", "\n", " "] + PIECES[:20]), max_size=60).map("".join))
def test_html_extraction_never_fails(html):
    assert isinstance(html_to_text(html), str)


def test_a_speech_cut_off_at_any_character_is_analysed():
    text = ("標題\n\n總統致詞時表示，他一直強調務實外交，就是希望所有的同仁在面對對方人員時，不必怕、不必迴避，"
            "主動地把友誼的手伸過去，並且也要多多交朋友。總統也指出，政府將持續推動各項改革，但也提醒大家要注意安全。")
    for end in range(len(text) + 1):  # a text may end on a comma a coordinated verb would follow
        analyze(text[:end])


# ----------------------------------------------------------------------------- corpus-wide (slow)

def _bench(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_robustness_run_over_the_taiwan_releases_and_mutated_copies(shared):
    figures = _bench("robustness").robustness()
    assert figures["documents"] + figures["refused"] == 4600  # both archives, each article and a mutated copy
    assert figures["crashes"] == 0 and figures["offset_errors"] == 0, figures["failures"]


@pytest.mark.slow
def test_pathological_texts_finish_in_linear_time():
    module = _bench("pathological")
    for case in module.CASES:
        result = module.measure(case, limit=60)
        assert result["finished"] and result["full_seconds"] < 60, result


@pytest.mark.parametrize("unit", ["他表示，", "表示说强调指出", "有人说，「"])
def test_long_pathological_paragraphs_take_linear_time(unit):
    import time

    times = []
    for n in (500, 8000):
        started = time.perf_counter()
        analyze("新闻\n\n" + unit * n + "。\n")
        times.append(time.perf_counter() - started)
    # 16× the text: a linear engine takes about 16× the time, a quadratic one 256× (it took
    # 77× and 136× before the finder stopped rescanning the region before every cue)
    assert times[1] < 40 * max(times[0], 0.01), times
