#!/usr/bin/env python3
"""The common words of the UD Chinese treebank: two or three characters that it never tags as a
proper noun, seen at least twice, which a news text's subject may hold (制裁, 新闻, 部门) and the
attributor must not take for a personal name because it opens with a surname or reads as one.

    common_nouns.py [../shared/data/ud_chinese_gsdsimp] > quotes/lexicons/common_nouns.txt

Reads the simplified dev and test files and the traditional training file (converted to
simplified as the engine normalises text). The list is derived from the treebank (CC BY-SA 4.0).
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from quotes.reading import to_simplified  # noqa: E402
from quotes.segment import DEFAULT_DEV, read_conllu  # noqa: E402

_MIN_COUNT = 2
_HEADER = """# Common words of the UD Chinese GSD treebank (CC BY-SA 4.0, ../shared/data/ud_chinese_gsdsimp):
# two or three characters it never tags PROPN, seen at least twice.  A subject phrase that is one of
# them is a personal name only where the document introduced it (制裁, 新闻, 部门 are not).
# Written by corpus/tools/common_nouns.py; simplified script."""


def tagged_words(folder: Path) -> dict[str, Counter]:
    """Each word form of the treebank (simplified) and the counts of its part-of-speech tags."""
    tags: dict[str, Counter] = defaultdict(Counter)
    for path in sorted(folder.glob("*.conllu")) + sorted(folder.glob("*/*.conllu")):
        for forms, upos in zip(read_conllu(path), read_conllu(path, column=3)):
            for form, tag in zip(forms, upos):
                tags[to_simplified(form)][tag] += 1
    return tags


def common_words(tags: dict[str, Counter]) -> list[str]:
    return sorted(w for w, c in tags.items() if 2 <= len(w) <= 3 and "PROPN" not in c and sum(c.values()) >= _MIN_COUNT
                  and all("\u4e00" <= ch <= "\u9fff" for ch in w))


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DEV.parent
    if not folder.is_dir():
        sys.exit(f"common_nouns: no treebank at {folder}")
    print(_HEADER)
    print("\n".join(common_words(tagged_words(folder))))


if __name__ == "__main__":
    main()
