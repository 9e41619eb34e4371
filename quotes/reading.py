"""Reading and cleaning: bytes to text, and a length-preserving normalised copy.

The engine matches on a normalised copy of the text (simplified script, full-width
clause punctuation, ASCII letters and digits).  Normalisation maps one character to
exactly one character, so an offset into the copy is the same offset into the original.
"""
from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc


class InputError(Exception):
    """A file the tool cannot read as text; the message is one line for the user."""


@dataclass
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # characters replaced because their bytes were invalid


# Tried in order after BOM detection; Big5 only after GB18030 fails, since GB18030
# accepts almost any byte sequence, we check the decoded result for plausibility.
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def _plausible_cjk(text: str) -> float:
    """Share of characters that are common CJK, ASCII or punctuation: low for mis-decoded bytes."""
    if not text:
        return 1.0
    good = 0
    for ch in text:
        o = ord(ch)
        if o < 0x80 or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or ch in "“”‘’…—·":
            good += 1
    return good / len(text)


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode UTF-8 (BOM or not), UTF-16 with BOM, GB18030 or Big5; raise InputError otherwise."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(enc), "utf-16" if enc == "utf-16" else "utf-8-sig")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausible_cjk(text), enc, text))
    if candidates:
        score, enc, text = max(candidates)
        if score > 0.9:
            return Decoded(text, enc)
    # Mostly UTF-8 with some damage: decode what can be decoded and say how much was lost.
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    if replaced <= max(8, len(text) // 50):
        return Decoded(text, "utf-8", replaced)
    raise InputError(f"{name}: not UTF-8, UTF-16, GB18030 or Big5 text ({utf8_error.reason} at byte {utf8_error.start})")


def read_file(path: str | Path) -> Decoded:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a file")
    try:
        data = p.read_bytes()
    except OSError as err:
        raise InputError(f"{p}: cannot read ({err.strerror})") from None
    return decode(data, str(p))


# Clause punctuation to full width; a comma or colon between digits stays ASCII so that
# 1,000 and 10:30 are not taken for clause breaks or headline colons.
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？", "\u3000": " "}


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _char_map(ch: str) -> str:
    if ch in _FULL_WIDTH:
        return _FULL_WIDTH[ch]
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E and ch not in "，：；（）！？":
        folded = unicodedata.normalize("NFKC", ch)
        return folded if len(folded) == 1 else ch
    return ch


def to_simplified(text: str) -> str:
    """Traditional to simplified with OpenCC, keeping the length (phrase conversions that would change it are done per character)."""
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    parts = []
    for line in text.splitlines(keepends=True):
        c = conv.convert(line)
        parts.append(c if len(c) == len(line) else "".join(_single(conv, ch) for ch in line))
    return "".join(parts)


def _single(conv: opencc.OpenCC, ch: str) -> str:
    c = conv.convert(ch)
    return c if len(c) == 1 else ch


def normalise(text: str) -> str:
    """The matching copy of ``text``: same length, simplified, full-width clause punctuation."""
    chars = [_char_map(ch) for ch in text]
    for i, ch in enumerate(text):
        if ch in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            chars[i] = ch
    return to_simplified("".join(chars))


def detect_script(text: str, simplified: str) -> str:
    """``traditional`` when enough characters change under t2s conversion, else ``simplified``."""
    changed = sum(1 for a, b in zip(text, simplified) if a != b and "\u4e00" <= a <= "\u9fff")
    han = sum(1 for a in text if "\u4e00" <= a <= "\u9fff")
    return "traditional" if han and changed / han > 0.03 else "simplified"
