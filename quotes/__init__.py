"""quotes: quote attribution and stance analysis for Chinese-language news.

>>> from quotes import analyze
>>> doc = analyze("外交部发言人林晓峰表示，中方已提出严正交涉。")
>>> [(q.speaker, q.text) for q in doc.quotes]
[('林晓峰', '中方已提出严正交涉')]
"""
from .pipeline import analyze, analyze_file

__all__ = ["analyze", "analyze_file"]
