import quotes.spacy_component  # noqa: F401  (registers the factory when not installed)
from quotes.segment import load_nlp


def test_component_puts_quotes_on_the_doc():
    nlp = load_nlp()
    nlp.add_pipe("quotes")
    doc = nlp("外交部发言人林晓峰表示，中方已提出严正交涉。")
    assert [q.speaker for q in doc._.quotes] == ["林晓峰"]
    assert doc._.quote_spans[0].text.startswith("中方已提出严正交涉")


def test_library_api_and_component_agree():
    from quotes import analyze

    text = "“我们不会让步，”部长说。"
    nlp = load_nlp()
    nlp.add_pipe("quotes")
    assert [q.text for q in nlp(text)._.quotes] == [q.text for q in analyze(text).quotes]
