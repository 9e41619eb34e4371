"""Output must not depend on the process: parallel workers run with different hash seeds."""
import os
import subprocess
import sys

from conftest import CORPUS

SCRIPT = """
import json, sys
from quotes.export import document_dict
from quotes.pipeline import analyze_file
for path in sys.argv[1:]:
    print(json.dumps(document_dict(analyze_file(path)), ensure_ascii=False, sort_keys=True))
"""


def run_with_seed(seed: str, paths: list[str]) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run([sys.executable, "-c", SCRIPT, *paths], capture_output=True, text=True, check=True, env=env).stdout


def test_same_output_whatever_the_hash_seed():
    paths = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:8]]
    assert run_with_seed("1", paths) == run_with_seed("2", paths)
