"""Quote finder: locate speech spans, their reporting cue and where the speaker phrase is.

Works on the normalised copy of the text (same length as the original). The finder does not
decide who the speaker is; it hands the attributor a ``subject`` region: the clause(s) before
the cue, the short phrase between a quote and a postposed cue, or a label.

- ``marks``: quotation marks, nested and over several paragraphs;
- ``reported``: speech around reporting cues (direct, indirect, mixed, postposed);
- ``labels``: speech a label introduces (headlines, interview answers, transcripts).
"""
from .candidates import Candidate
from .marks import Quoted, quoted_spans
from .reported import Finder

__all__ = ["Candidate", "Finder", "Quoted", "quoted_spans"]
