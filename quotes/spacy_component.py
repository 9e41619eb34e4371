"""The engine as a spaCy pipeline component: ``nlp.add_pipe("quotes")``, then ``doc._.quotes``.

The component runs the same ``analyze`` as the command line on ``doc.text`` and stores the
attributed quotes (``quotes.model.Quote``) on the Doc, plus each quote's character span as a
spaCy ``Span`` when it falls on token boundaries (``doc._.quote_spans``).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .pipeline import analyze

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
    Doc.set_extension("quote_spans", default=None)
    Doc.set_extension("quote_document", default=None)


class QuotesComponent:
    """Finds and attributes quotes in a spaCy Doc."""

    def __call__(self, doc: Doc) -> Doc:
        result = analyze(doc.text)
        doc._.quote_document = result
        doc._.quotes = result.quotes
        doc._.quote_spans = [doc.char_span(q.start, q.end, label=q.type, alignment_mode="expand") for q in result.quotes]
        return doc


@Language.factory("quotes")
def make_quotes_component(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()
