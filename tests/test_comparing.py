"""Sides, accounts and the comparator on small texts the tests write themselves."""
from quotes.comparing import similarity
from quotes.pipeline import analyze
from quotes.report import initiative, rank_one_sided

TWO_READOUTS = (
    "据新华社报道，中国外交部长王林应约与法国外长杜邦通电话。王林表示，中法应加强在气候变化领域的合作。\n\n"
    "杜邦表示，法方愿同中方加强气候合作。\n\n"
    "根据法国外交部发表的声明，杜邦说，法中双方同意深化应对气候变化的合作。\n\n"
    "声明说，王林表示，中方支持法方在乌克兰问题上的立场。\n"
)


def test_each_account_gets_its_side():
    doc = analyze(TWO_READOUTS)
    assert [q.side for q in doc.quotes] == ["中方", "中方", "法方", "法方"]
    assert {a.side for a in doc.accounts} == {"中方", "法方"}


def test_a_statement_one_side_attributes_to_the_other_is_one_sided_and_ranked_first():
    doc = analyze(TWO_READOUTS)
    status = {c.quote: c for c in doc.comparison}
    claim = doc.quotes[-1]
    assert claim.speaker == "王林" and claim.speaker_side == "中方"
    assert status[claim.id].status == "one_sided" and status[claim.id].absent_from == ["中方"]
    flagged = [c for c in doc.comparison if c.status == "one_sided"]
    ranked = sorted(flagged, key=lambda c: rank_one_sided(c, next(q for q in doc.quotes if q.id == c.quote)))
    assert ranked[0].quote == claim.id


def test_paraphrases_score_above_unrelated_statements():
    sim = similarity(["双方同意继续加强经贸沟通"], ["两国官员承诺就贸易问题保持对话", "台湾问题是中国内政"])
    assert sim[0, 0] > sim[0, 1]


def test_who_asked_for_the_call():
    assert initiative(TWO_READOUTS) == "应约"
    assert initiative("美國國務卿應俄方請求與俄外長通話") == "應俄方請求"
