"""Rich terminal reports: per document a panel of its stories' quotes, their stances and
speakers, and the readout comparison of stories told by two sides; over many documents, the
archive summary.

- ``common``: styles, marks and the labels of a quote, shared by every part;
- ``tables``: the per-story tables (quotes, speakers, stance by speaker and target);
- ``document``: one document's panel;
- ``readout``: two or more accounts of one event side by side;
- ``summary``: the archive summary of many documents;
- ``layout`` and ``wrap``: fitting it all to the terminal's width.
"""
from .document import document_report, print_documents
from .readout import initiative, rank_one_sided, readout_report
from .summary import summary_report

__all__ = ["document_report", "print_documents", "initiative", "rank_one_sided", "readout_report", "summary_report"]
