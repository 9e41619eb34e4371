import codecs

import pytest

from quotes.reading import InputError, decode, decode_document, detect_script, document_date, normalise

SAMPLE = "外交部發言人表示，雙方將於明年舉行會談。"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
def test_decodes_the_common_encodings(encoding):
    decoded = decode(SAMPLE.encode(encoding))
    assert decoded.text == SAMPLE
    assert decoded.encoding.replace("-sig", "") == encoding


def test_utf8_bom_and_utf16_are_recognised():
    assert decode(codecs.BOM_UTF8 + SAMPLE.encode("utf-8")).text == SAMPLE
    assert decode(SAMPLE.encode("utf-16")).text == SAMPLE


def test_binary_input_is_refused_with_a_reason():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_a_few_broken_bytes_in_utf8_are_replaced_and_counted():
    data = ("部长说，" * 50).encode("utf-8") + b"\xff" + "好。".encode("utf-8")
    decoded = decode(data)
    assert decoded.replaced == 1
    assert decoded.text.endswith("\ufffd好。")


def test_normalise_keeps_length_and_offsets():
    text = "張部長說:「今天10:30開會,預算1,000萬。」(記者攝)ＡＢＣ"
    norm = normalise(text)
    assert len(norm) == len(text)
    assert norm.startswith("张部长说：「今天10:30开会，预算1,000万。」（记者摄）ABC")


def test_script_detection():
    assert detect_script(SAMPLE, normalise(SAMPLE)) == "traditional"
    simplified = "外交部发言人表示，双方将于明年举行会谈。"
    assert detect_script(simplified, normalise(simplified)) == "simplified"


@pytest.mark.parametrize("value, date", [
    ("2025-02-12", "2025-02-12"), ("2024/5/1T08:00:00+08:00", "2024-05-01"), ("2023年11月3日", "2023-11-03"),
    ("1996", "1996"), ("Posted 2019", "2019"), ("no date", None), ("", None), (None, None), ("120250", None),
])
def test_publication_dates_are_read_in_the_forms_pages_write_them(value, date):
    assert document_date(value) == date


def test_an_html_page_gives_its_publication_date():
    page = ('<html><head><meta property="og:title" content="x"><meta name="date" content="2020-01-01">'
            '<meta property="article:published_time" content="2024-05-01T08:00:00+08:00"></head>'
            '<body><time datetime="2019-09-09">九月</time><p>外交部發言人表示，雙方將於明年舉行會談。</p></body></html>')
    decoded = decode_document(page.encode("utf-8"), "page.html")
    assert decoded.date == "2024-05-01" and "舉行會談" in decoded.text
    only_time = page.replace("<meta name=\"date\" content=\"2020-01-01\">", "").replace(
        '<meta property="article:published_time" content="2024-05-01T08:00:00+08:00">', "")
    assert decode_document(only_time.encode("utf-8"), "page.html").date == "2019-09-09"
    assert decode_document(SAMPLE.encode("utf-8"), "a.txt").date is None
