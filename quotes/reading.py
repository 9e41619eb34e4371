"""Reading and cleaning: bytes to text, and a length-preserving normalised copy.

Reading turns whatever the user hands over (a file, standard input, a record of an
archive) into text, or into one line saying why it cannot: binary files, encodings the
tool does not read, files over the size limit.  HTML pages are reduced to their text.

The engine matches on a normalised copy of the text (simplified script, full-width
clause punctuation, ASCII letters and digits).  Normalisation maps one character to
exactly one character, so an offset into the copy is the same offset into the original.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

import numpy as np
import opencc

MAX_BYTES = 50 * 1024 * 1024  # default limit per document; the CLI's --max-size changes it
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
HTML_NOTE = "offsets refer to the text extracted from the HTML page (tags, scripts and styles removed), not to its source"


class InputError(Exception):
    """A file the tool cannot read as text; the message is one line for the user."""


@dataclass
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # characters replaced because their bytes were invalid
    notes: list[str] = field(default_factory=list)  # what the reader did that the user should know
    date: str | None = None  # when the document was published, as far as it says (YYYY-MM-DD or YYYY)


# ----------------------------------------------------------------------------- bytes to text

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)  # checked first: FF FE 00 00 starts like UTF-16 LE

# Magic numbers of the binary files people drop into a news folder by mistake.
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"), (b"\x1f\x8b", "gzip archive"), (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"), (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"), (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"),
    (b"ID3", "MP3 audio"), (b"OggS", "Ogg media"), (b"\x00\x00\x01\x00", "icon"),
]

# The most frequent Chinese characters (simplified; their traditional forms are added at
# load time).  Real Chinese text, in either script, has about half its Han characters in
# this set; bytes of another encoding (Korean EUC-KR, Japanese Shift-JIS, Latin-1) read as
# GB18030 or Big5 give Han characters spread over the whole table, rarely these.
_COMMON = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过"
    "发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前"
    "开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重"
    "并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常"
    "先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报"
    "才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼"
    "书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术"
    "领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失"
    "转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技"
    "际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显"
)
# Share of Han characters in _COMMON above which a GB18030 or Big5 reading is believed.
_COMMON_SHARE = 0.3


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    return frozenset(_COMMON) | frozenset(_s2t().convert(_COMMON))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def chinese_score(text: str, sample: int = 20000) -> float:
    """How much ``text`` reads like Chinese: common Han characters over Han and stray
    non-ASCII characters (kana, Greek, box drawing, private use) of the first ``sample``."""
    common = _common_chars()
    good = seen = 0
    for ch in text[:sample]:
        if ch < "\u0080" or ch in "“”‘’…—·、，。：；！？（）《》「」『』【】\u3000":
            continue
        seen += 1
        if ch in common:
            good += 1
    return good / seen if seen else 1.0


_NO_BOM = "UTF-16 or UTF-32 text without a byte-order mark, which is not supported; save it as UTF-8"


def _bom_less_utf16(data: bytes) -> bool:
    """UTF-16 or UTF-32 text without a byte-order mark: its NUL bytes (ASCII characters'
    high bytes) fall on one parity, and it decodes to Chinese or plain text."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if min(even, odd) > max(even, odd) // 4 and not head.count(b"\x00\x00\x00"):
        return False
    for enc in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        try:
            text = head[: len(head) - len(head) % 4].decode(enc)
        except UnicodeDecodeError:
            continue
        if text and sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:2000]) > 0.95 * len(text[:2000]):
            return True
    return False


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary file ``data`` starts like, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:12] in (b"ftypisom", b"ftypmp42") or (data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI ")):
        return "media file"
    head = data[:4096]
    if b"\x00" in head:
        if _bom_less_utf16(data):
            return _NO_BOM
        return "contains NUL bytes"
    controls = sum(1 for b in head if b < 9 or 13 < b < 27 or 27 < b < 32)
    if head and controls > 0.02 * len(head):
        return "control bytes"
    return None


def _utf8_damage(data: bytes) -> tuple[str, int, int]:
    """UTF-8 decoding with replacement: (text, replaced, valid non-ASCII characters)."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    good = sum(1 for ch in text if ch > "\u007f") - text.count("\ufffd")
    return text, replaced, good


def _replacement_decode(data: bytes, encoding: str) -> tuple[str, int]:
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd")


def _decode_by_line(data: bytes) -> Decoded | None:
    """Text pasted together from files in different encodings: each line is UTF-8 up to its
    first invalid byte and GB18030 or Big5 from there when that reads as Chinese."""
    parts, used, replaced = [], {}, 0
    for line in data.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
            used["utf-8"] = used.get("utf-8", 0) + 1
            continue
        except UnicodeDecodeError as err:
            head, rest = line[: err.start].decode("utf-8"), line[err.start :]
        best = None
        for enc in ("gb18030", "big5"):
            try:
                text = rest.decode(enc)
            except UnicodeDecodeError:
                continue
            score = chinese_score(text)
            if score >= _COMMON_SHARE and (best is None or score > best[0]):
                best = (score, enc, text)
        if best is None:
            text = rest.decode("utf-8", errors="replace")
            replaced += text.count("\ufffd")
            parts.append(head + text)
        else:
            parts.append(head + best[2])
            used[best[1]] = used.get(best[1], 0) + 1
    text = "".join(parts)
    if len(used) < 2 or replaced > max(8, len(text) // 100):
        return None
    lines = ", ".join(f"{enc} {n}" for enc, n in used.items())
    return Decoded(text, "+".join(used), replaced, [f"lines in different encodings, decoded line by line ({lines} lines)"])


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode UTF-8 (BOM or not), UTF-16 with BOM, GB18030 or Big5; raise InputError otherwise.

    A few invalid byte sequences in an otherwise good file are replaced with U+FFFD and
    counted in ``replaced``; the file is refused when there are too many to trust the guess.
    """
    if data.startswith(_UTF32_BOMS):
        raise InputError(f"{name}: UTF-32 text is not supported; save it as UTF-8")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text, replaced = _replacement_decode(data, enc)
            return Decoded(text, "utf-16" if enc == "utf-16" else "utf-8-sig", replaced)
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError(f"{name}: {kind}" if kind == _NO_BOM else f"{name}: binary file ({kind}), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    # Damaged UTF-8 keeps most of its multi-byte sequences valid; GB18030 or Big5 bytes
    # almost never form valid UTF-8, so a high share of valid ones means UTF-8.
    utf8_text, utf8_replaced, utf8_good = _utf8_damage(data)
    if utf8_good >= 10 * utf8_replaced:
        return Decoded(utf8_text, "utf-8", utf8_replaced)
    candidates = []
    for enc in ("gb18030", "big5"):
        text, replaced = _replacement_decode(data, enc)
        if replaced <= max(2, len(text) // 200):  # a rare bad byte, not a wrong encoding
            candidates.append((chinese_score(text), -replaced, enc, text))
    if candidates:
        score, neg_replaced, enc, text = max(candidates)
        if score >= _COMMON_SHARE:
            return Decoded(text, enc, -neg_replaced)
    mixed = _decode_by_line(data)
    if mixed is not None:
        return mixed
    # Still more valid UTF-8 than not, or a stray bad byte or two in (mostly ASCII) text.
    if utf8_good >= 2 * utf8_replaced or utf8_replaced <= min(8, len(utf8_text) // 50):
        return Decoded(utf8_text, "utf-8", utf8_replaced)
    raise InputError(f"{name}: not UTF-8, UTF-16 (with BOM), GB18030 or Big5 text ({utf8_error.reason} at byte {utf8_error.start})")


# ----------------------------------------------------------------------------- HTML

_BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td th thead title tr ul".split()
)
_SKIPPED = frozenset("script style noscript template svg math iframe object canvas".split())
_EAST_ASIAN_BREAK = re.compile(r"(?<=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”])\s*\n\s*(?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”])")


# <meta> names and properties that carry a page's publication date, the most trusted first.
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "publishdate", "publish-date", "pubdate",
    "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date", "citation_publication_date", "date",
)
_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2}))?")


def document_date(value: object) -> str | None:
    """A publication date as ``YYYY-MM-DD`` (or ``YYYY`` when only the year is readable) from
    the forms pages and archives write it in: 2025-02-12, 2025/2/12T08:00, 2025年2月12日."""
    m = _DATE.search(str(value)) if value else None
    if m is None:
        return None
    year, month, day = m.groups()
    if month and 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return year


class _TextExtractor(HTMLParser):
    """Visible text of a page: the title, paragraphs from block elements, lines from <br>;
    and the page's publication date from its <meta> tags or its first <time datetime>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dates: dict[str, str] = {}  # a name of _DATE_META, or "time", → its value
        self.skip = 0  # depth inside script, style and the like
        self.in_head = self.in_title = False
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("meta", "time"):
            self._date(tag, dict(attrs))
        if tag in _SKIPPED:
            self.skip += 1
        elif tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False  # also when </head> was left out
        elif tag == "title":
            self.in_title = True
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.pre += tag == "pre"
            self.parts.append("\n\n")

    def _date(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "time":
            self.dates.setdefault("time", attrs.get("datetime") or "")
            return
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if name in _DATE_META and attrs.get("content"):
            self.dates.setdefault(name, attrs["content"])

    def date(self) -> str | None:
        """The most trusted date the page gives."""
        for name in (*_DATE_META, "time"):
            found = document_date(self.dates.get(name))
            if found:
                return found
        return None

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
            self.parts.append("\n\n")
        elif tag in _BLOCKS:
            self.pre = max(0, self.pre - (tag == "pre"))
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skip or (self.in_head and not self.in_title):
            return
        if self.pre:
            self.parts.append(data)
            return
        # Source line breaks inside a paragraph are not breaks; between Han characters
        # they are not even spaces (CSS segment-break rules for East Asian text).
        data = _EAST_ASIAN_BREAK.sub("", data)
        self.parts.append(re.sub(r"\s+", " ", data))


def html_page(html: str) -> tuple[str, str | None]:
    """The visible text of an HTML page, paragraphs separated by a blank line, and its
    publication date (see :func:`document_date`) when it gives one."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [ln.strip() for ln in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n", parser.date()


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, paragraphs separated by a blank line."""
    return html_page(html)[0]


_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S)


def looks_like_html(text: str, name: str = "") -> bool:
    """An HTML page by its suffix or by how it starts."""
    return name.lower().endswith(HTML_SUFFIXES) or bool(_HTML_START.match(text[:4096]))


def finish_text(decoded: Decoded, name: str = "<input>") -> Decoded:
    """What every document goes through after decoding: an HTML page is reduced to its text."""
    if looks_like_html(decoded.text, name):
        decoded.text, date = html_page(decoded.text)
        decoded.date = decoded.date or date
        decoded.notes.append(HTML_NOTE)
    if not decoded.text.strip():
        decoded.notes.append("empty document: no text")
    return decoded


def decode_document(data: bytes, name: str = "<input>") -> Decoded:
    """Bytes of one document to its text: decoded, and an HTML page reduced to its text."""
    return finish_text(decode(data, name), name)


# ----------------------------------------------------------------------------- files

def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_limited(fh: BinaryIO, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read at most ``max_bytes`` from ``fh``; InputError when there is more."""
    data = fh.read(max_bytes + 1) if max_bytes > 0 else fh.read()
    if max_bytes > 0 and len(data) > max_bytes:
        raise InputError(f"{name}: larger than the {megabytes(max_bytes)} limit per document (raise it with --max-size)")
    return data


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file, with one-line errors for what users get wrong."""
    p = Path(path)
    try:
        st = os.stat(p)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{p}: no such file") from None
    except OSError as err:
        raise InputError(f"{p}: cannot read ({err.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{p}: is a directory, expected a file")
    if stat.S_ISREG(st.st_mode) and max_bytes > 0 and st.st_size > max_bytes:
        raise InputError(f"{p}: {megabytes(st.st_size)}, over the {megabytes(max_bytes)} limit per document (raise it with --max-size)")
    try:
        with open(p, "rb") as fh:
            return read_limited(fh, str(p), max_bytes)  # a pipe or device has no size to check first
    except OSError as err:
        raise InputError(f"{p}: cannot read ({err.strerror})") from None


def read_file(path: str | Path, max_bytes: int = MAX_BYTES) -> Decoded:
    """Read and decode one document file (HTML pages to their text)."""
    return decode_document(read_bytes(path, max_bytes), str(path))


# ----------------------------------------------------------------------------- normalisation

# Clause punctuation to full width; a comma or colon between digits stays ASCII so that
# 1,000 and 10:30 are not taken for clause breaks or headline colons.
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？", "\u3000": " "}
_KEEP_FULL = "，：；（）！？"
_NUMERIC_SEPARATOR = re.compile(r"[,:]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _char_map(ch: str) -> str:
    if ch in _FULL_WIDTH:
        return _FULL_WIDTH[ch]
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E and ch not in _KEEP_FULL:
        folded = unicodedata.normalize("NFKC", ch)
        return folded if len(folded) == 1 else ch
    return ch


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    """``_char_map`` as a str.translate table (the per-character loop was a hot spot)."""
    chars = list(_FULL_WIDTH) + [chr(o) for o in range(0xFF01, 0xFF5F)]
    return {ord(ch): _char_map(ch) for ch in chars if _char_map(ch) != ch}


def to_simplified(text: str) -> str:
    """Traditional to simplified with OpenCC, keeping the length (phrase conversions that would change it are done per character)."""
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    parts = []
    for line in text.splitlines(keepends=True):
        c = conv.convert(line)
        parts.append(c if len(c) == len(line) else "".join(map(_simplified_char, line)))
    return "".join(parts)


@lru_cache(maxsize=4096)
def to_traditional(text: str) -> str:
    """Simplified to traditional with OpenCC (names shown in a traditional document's script)."""
    return _s2t().convert(text)


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@lru_cache(maxsize=8192)
def _simplified_char(ch: str) -> str:
    """One character in the simplified script, itself when OpenCC would make it longer or shorter."""
    c = _t2s().convert(ch)
    return c if len(c) == 1 else ch


def normalise(text: str) -> str:
    """The matching copy of ``text``: same length, simplified, full-width clause punctuation."""
    out = text.translate(_char_table())
    chars = None
    last = len(text) - 1
    for m in _NUMERIC_SEPARATOR.finditer(text):
        i = m.start()
        if 0 < i < last and text[i - 1].isdigit() and text[i + 1].isdigit():
            chars = chars if chars is not None else list(out)
            chars[i] = text[i]
    return to_simplified("".join(chars) if chars is not None else out)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A name as names are compared (filters, the archive summary): simplified script, blanks
    collapsed, letter case folded, so that 賴清德 is 赖清德 and US is us."""
    return normalise(" ".join(name.split())).casefold()


def detect_script(text: str, simplified: str) -> str:
    """``traditional`` when enough characters change under t2s conversion, else ``simplified``."""
    # compared as code-point arrays: a per-character loop was a hot spot on long archives
    a = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    b = np.frombuffer(simplified.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    han = (a >= 0x4E00) & (a <= 0x9FFF)
    n_han = int(han.sum())
    return "traditional" if n_han and int((han & (a != b)).sum()) / n_han > 0.03 else "simplified"
