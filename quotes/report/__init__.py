"""Rich terminal reports: per document a panel of its stories' quotes, their stances and
speakers, and the readout comparison of stories told by two sides.

- ``common``: styles, marks and the labels of a quote, shared by every part;
- ``tables``: the per-story tables (quotes, speakers, stance by speaker and target);
- ``document``: one document's panel;
- ``readout``: two or more accounts of one event side by side.
"""
from .document import document_report, print_documents
from .readout import initiative, rank_one_sided, readout_report

__all__ = ["document_report", "print_documents", "initiative", "rank_one_sided", "readout_report"]
