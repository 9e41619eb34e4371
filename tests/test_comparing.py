"""Sides, accounts and the comparator on small texts the tests write themselves."""
import numpy as np
import pytest

from quotes.comparing import Statement, align, perspective, similarity
from quotes.model import Quote
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


def _statement(qid: str, side: str, text: str, speaker: str, kind: str = "person", party: str | None = None) -> Statement:
    quote = Quote(id=qid, story="s1", type="indirect", text=text, start=0, end=len(text), speaker=speaker,
                  speaker_kind=kind, speaker_side=party, source="新闻稿", side=side, side_reason="frame")
    return Statement(quote, side)


def _status(statements: list[Statement]) -> dict[str, tuple[str, str]]:
    return {c.quote: (c.status, c.best_match.quote) for c in align(statements)}


def test_the_story_s_own_parties_are_blanked_and_third_parties_kept():
    quote = Quote(id="q1", story="s1", type="direct", text="我们愿同美国和俄罗斯加强沟通", start=0, end=14, speaker_side="中方")
    text = perspective(quote, ["中方", "美方"])
    assert "我们" not in text and "美国" not in text and "俄罗斯" in text and "加强沟通" in text


def test_statements_that_share_only_the_parties_names_are_one_sided():
    status = _status([
        _statement("q1", "中方", "中方坚决反对美方对台军售", "王林", party="中方"),
        _statement("q2", "美方", "中方愿同美方扩大农产品贸易", "王林", party="中方"),
    ])
    assert status["q1"][0] == status["q2"][0] == "one_sided"


def test_two_different_people_do_not_make_one_statement():
    text = "日方愿与中方加强各层级交往，为两国领导人会晤创造条件"
    first = _statement("q1", "中方", text, "森田健一", party="日方")
    assert _status([first, _statement("q2", "日方", text, "小川", party="日方")])["q1"][0] == "one_sided"
    # the same person, named short in the other account
    assert _status([first, _statement("q2", "日方", text, "森田", party="日方")])["q1"] == ("matched", "q2")


def test_a_joint_outcome_matches_whoever_it_is_put_to():
    status = _status([
        _statement("q1", "中方", "双方同意继续加强经贸沟通", "王林", party="中方"),
        _statement("q2", "美方", "两国官员承诺就贸易问题保持对话", "杜邦", party="美方"),
    ])
    assert status["q1"] == ("matched", "q2")


def test_the_counterpart_is_the_same_speaker_s_paraphrase_not_another_s_closer_wording():
    status = _status([
        _statement("q1", "中方", "法方愿同中方深化应对气候变化的合作", "杜邦", party="法方"),
        _statement("q2", "法方", "法方希望在气候领域与中国开展更多合作", "杜邦", party="法方"),
        _statement("q3", "法方", "法方愿同中方深化应对气候变化的合作", "勒费弗尔", party="法方"),
    ])
    assert status["q1"] == ("matched", "q2")
    assert status["q3"][0] == "one_sided"


def test_with_three_sides_a_statement_is_matched_by_its_counterpart_in_any_one_account():
    # 中方 and 韩方 word the joint outcome alike, 日方 differently: 日方's statement is still
    # the counterpart of 韩方's (each the other's best in the other's account)
    status = _status([
        _statement("q1", "中方", "三方一致同意加快自贸协定谈判进程，尽早举行新一轮谈判", "商务部", kind="organization"),
        _statement("q2", "日方", "三国部长确认将继续就自贸协定进行讨论", "经济产业省", kind="organization"),
        _statement("q3", "韩方", "三方同意加快自贸协定谈判进程，尽快举行新一轮磋商", "产业通商资源部", kind="organization"),
    ])
    assert status["q1"] == ("matched", "q3") and status["q3"] == ("matched", "q1")
    assert status["q2"][0] == "matched"


def test_tfidf_cosine_is_scikit_learns_tfidf_vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from quotes.comparing import char_ngrams, tfidf_cosine

    a = ["双方同意加强经贸合作。", "中方  坚决反对\n单边制裁", "ABC 公司表示关切"]
    b = ["两国同意深化经贸合作", "abc公司表示关切。", ""]
    both = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True).fit_transform(a + b)
    expected = cosine_similarity(both[: len(a)], both[len(a) :])
    got = tfidf_cosine([char_ngrams(t, 2, 3) for t in a], [char_ngrams(t, 2, 3) for t in b])
    assert got.shape == (3, 3) and np.allclose(got, expected)
    assert got[2, 1] > 0.5 and got[0, 0] > got[0, 1]  # case and white space do not count
    assert not tfidf_cosine([[]], [[]]).any()


def test_analysis_does_not_import_scikit_learn():
    import subprocess
    import sys

    code = ("import sys; from quotes.pipeline import analyze; "
            "analyze('新华社报道，中方表示，愿同俄方加强合作。\\n据塔斯社报道，俄方表示，愿同中方深化合作。'); "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


AGENCY_COPY = (
    "中国外交部发言人周明表示，中方愿意与梵方加强沟通。\n\n"
    "梵蒂冈国务卿罗西枢机表示，希望在亚洲增设办事处。\n\n"
    "台湾外交部表示，台湾会持续观察各方的动向。他说，台梵往来密切。\n\n"
    "两名美国官员说，华盛顿的立场不会改变。一名研究中国问题的学者说，这一变化值得留意。\n\n"
    "罗西随后说，对话可能会有进展。\n"
)


def test_agency_copy_puts_each_speaker_on_the_side_the_mention_names():
    doc = analyze(AGENCY_COPY)
    sides = [(q.speaker, q.side) for q in doc.quotes]
    assert sides[:4] == [("周明", "中方"), ("罗西", "梵方"), ("台湾外交部", "台方"), ("台湾外交部", "台方")]
    assert ("两名美国官员", "美方") in sides and ("一名研究中国问题的学者", None) in sides
    assert sides[-1] == ("罗西", "梵方")  # the bare name keeps the party its fuller mention named


def test_what_all_parties_should_do_is_the_speaker_s_own_voice():
    from quotes.comparing import _voice

    said = Quote(id="q1", story="s1", type="indirect", text="三国应携手维护供应链稳定", start=0, end=12, speaker="崔明", speaker_kind="person")
    agreed = Quote(id="q2", story="s1", type="indirect", text="三方一致同意加快谈判进程", start=0, end=12, speaker="崔明", speaker_kind="person")
    assert (_voice(said), _voice(agreed)) == ("崔明", None)


def test_words_before_a_bare_name_are_not_its_party():
    text = ("印度国防部长夏尔马表示，边境部队已提高戒备。中国外交部发言人周明说，中方希望印方保持克制。\n\n"
            "在与美国防长会谈后，夏尔马说，印度不会退让。\n")
    assert [(q.speaker, q.side) for q in analyze(text).quotes] == [("夏尔马", "印方"), ("周明", "中方"), ("夏尔马", "印方")]


def test_a_denial_is_no_counterpart_of_what_it_denies():
    text = ("美国商务部说，这几家中国企业向军方提供了芯片。\n\n"
            "中国外交部发言人周明表示，这几家企业否认向军方提供了芯片。\n")
    doc = analyze(text)
    statuses = {c.quote: c.status for c in doc.comparison}
    assert statuses and all(s == "one_sided" for s in statuses.values())


ACCOUNTS_IN_ADVERBIALS = (
    "三国部长在巴淡岛会面。\n\n"
    "新加坡贸工部的文告说，黄明在会上表示，新加坡会是区域绿色电力长期而稳定的买家。\n\n"
    "马来西亚投资部的文告则把重点放在经济特区。文告说，阿兹曼表示，马方希望引进首批投资。\n\n"
    "在印尼经济部发布的版本中，苏托莫强调，电力出口必须与本地制造挂钩。\n\n"
    "苏托莫还提出，三国应建立烟霾预警机制。\n"
)


def test_an_account_named_in_an_adverbial_or_an_opening_sentence_is_the_account_in_force():
    quotes = analyze(ACCOUNTS_IN_ADVERBIALS).quotes
    assert [(q.speaker, q.side) for q in quotes] == [("黄明", "新方"), ("阿兹曼", "马方"), ("苏托莫", "印尼方"), ("苏托莫", "印尼方")]
    text = "按照中方的说法，霍华德表示，澳方愿推进自贸协定升级。\n\n中国商务部发言人何林说，中方坚决反对澳方的调查。\n\n澳大利亚外交部长霍华德说，澳方不会改变立场。\n"
    assert [(q.speaker, q.source, q.side) for q in analyze(text).quotes] == [
        ("霍华德", "中方", "中方"), ("何林", None, "中方"), ("霍华德", None, "澳方")]


def test_an_outlet_citing_a_person_carries_the_person_s_account_not_its_country_s():
    text = ("菲律宾总统阿基诺表示，中国应当尊重仲裁结果。\n\n"
            "“只要他们撤走船只，我们就恢复对话，”路透社援引阿基诺的话说。\n\n"
            "中国外交部发言人周明说，中方坚决反对菲方的炒作。\n")
    quotes = analyze(text).quotes
    assert [(q.speaker, q.source, q.side) for q in quotes][1] == ("阿基诺", "路透社/阿基诺", "菲方")


def test_a_headline_packing_place_and_party_does_not_give_the_party():
    text = ("金正日平壤会晤李明\n\n正在对朝鲜访问的中国全国人大副委员长李明对金正日说，中方重视两国关系。\n\n"
            "朝鲜领导人金正日表示，朝方愿同中方加强合作。\n")
    assert [(q.speaker, q.speaker_side) for q in analyze(text).quotes] == [("李明", "中方"), ("金正日", "朝方")]


def test_what_another_party_agreed_matches_that_party_s_own_offer_whoever_reports_it():
    status = _status([
        _statement("q1", "中方", "中方愿同欧方建立出口管制对话机制", "孙立", party="中方"),
        _statement("q2", "欧盟", "中方在峰会上同意设立出口管制对话机制", "霍夫曼", party="欧盟"),
    ])
    assert status["q1"] == ("matched", "q2")


def test_an_unnamed_official_does_not_speak_for_a_named_one():
    status = _status([
        _statement("q1", "越方", "美方将积极考虑越南市场经济地位的请求", "海恩斯", party="美方"),
        _statement("q2", "美方", "市场经济地位的认定由商务部依法进行，总统没有作出承诺", "一名白宫官员", kind="anonymous", party="美方"),
    ])
    assert status["q1"][0] == status["q2"][0] == "one_sided"


def test_a_capital_in_a_longer_mention_is_where_someone_is_not_whom_they_speak_for():
    text = ("俄罗斯外交部说，俄方愿意为商船提供安全保证。乌克兰总统办公室说，乌方将开放三个港口。\n\n"
            "伦敦一家航运咨询机构的分析师汉娜·布鲁克斯说，各方的表述互相矛盾。\n\n莫斯科表示，俄方不会让步。\n")
    sides = [(q.speaker, q.side) for q in analyze(text).quotes]
    assert sides[2] == ("布鲁克斯", None) and sides[3] == ("莫斯科", "俄方")


def test_two_files_read_as_one_party_the_one_on_weaker_evidence_is_the_other_party():
    from quotes.accounts import pair_accounts

    taiwan = analyze("据台湾外交部新闻稿，林志明部长表示，台美关系坚实。\n\n林志明说，感谢美方长期支持。\n")
    american = analyze("美国参议员约翰逊说，美国欢迎台湾扩大对美投资。\n\n约翰逊表示，国会将审议相关协定。\n\n"
                       "据台湾外交部新闻稿，林志明部长表示，欢迎访团来访。\n")
    sides = [(a.side, a.reason) for a in pair_accounts([taiwan, american])]
    assert sides == [("台方", "frame"), ("美方", "mentions")]


def test_a_title_naming_a_body_a_topic_of_study_and_a_private_outlet_give_no_party():
    text = ("韩联社则援引韩国总统室一名官员的话说，劳工问题占用了相当长的时间。\n\n"
            "首尔一所大学的日本问题学者崔允浩说，两份通报高度一致。\n\n"
            "据意大利媒体报道，教廷官员表示，对话将继续。\n\n日本外务省发言人说，日方重视对话。\n")
    quotes = analyze(text).quotes
    assert (quotes[0].speaker, quotes[0].source) == ("韩国总统室一名官员", "韩联社/韩国总统室一名官员")
    assert quotes[1].speaker_side is None
    assert quotes[2].side != "意方"


def test_a_country_s_private_newspaper_relays_no_account_of_that_country():
    text = ("据英国金融时报报道，美国前总统卡尔德威尔表示，美国可能重新加入该组织。\n\n"
            "卡尔德威尔说，会费太不公平。\n\n英国外交部发言人说，英方欢迎美国的决定。\n")
    quotes = analyze(text).quotes
    assert [q.side for q in quotes if q.speaker == "卡尔德威尔"] == ["美方", "美方"]  # his own party's, not the paper's country's


def test_two_parties_each_saying_their_own_piece_in_their_own_account_are_two_statements():
    status = _status([
        _statement("q1", "菲方", "菲方将增派船只前往黄岩岛附近海域，确保渔民安全作业", "海事委员会", kind="organization", party="菲方"),
        _statement("q2", "中方", "菲方船只擅自闯入黄岩岛附近海域，中方依法予以驱离", "刘振邦", party="中方"),
    ])
    assert status["q1"][0] == status["q2"][0] == "one_sided"


def test_an_unnamed_source_named_again_keeps_the_party_it_was_introduced_with():
    text = ("两名美国官员说，美国已向乌克兰提供远程导弹。\n\n这位官员表示，这些导弹是军援方案的一部分。\n\n"
            "俄罗斯国防部说，俄军摧毁了一座弹药库。\n")
    assert [q.speaker_side for q in analyze(text).quotes] == ["美方", "美方", "俄方"]


def test_a_turn_to_the_other_account_holds_for_its_paragraph_and_a_body_s_spokesperson_speaks_for_it():
    text = ("（首尔综合电）国防部5日表示，两国防长同意恢复热线。\n\n"
            "国防部说，朴正勋指出，日本巡逻机低空接近。对此，东京方面的版本是，朴正勋表示韩方愿意通过协商查明事实。\n\n"
            "朴正勋在会谈中还说：“韩日安保合作不能因为个别事件而动摇。”\n\n"
            "国防部发言人全夏允说，驱逐舰当时只开启了对海搜索雷达。\n")
    sides = [q.side for q in analyze(text).quotes]
    assert sides == ["韩方", "韩方", "日方", "韩方", "韩方"]


def test_a_party_s_own_body_telling_a_joint_outcome_is_its_readout():
    text = ("（首尔综合电）国防部5日表示，国防部长官朴正勋与日本防卫大臣中村隆举行会谈，两人同意尽快恢复两国国防部门之间的热线。\n\n"
            "日本防卫省当晚公布的会谈概要说，两国防长确认将尽早恢复防卫当局之间的热线。\n")
    comparison = analyze(text).comparison
    assert [c.status for c in comparison] == ["matched", "matched"]


def test_a_paragraph_opening_on_the_other_party_s_minister_turns_to_that_party_s_account():
    text = ("日本外相森田和韩国外长朴成浩周四进行了通话。\n\n"
            "日本外务省的声明说，双方现在应该尽快解决渔业纠纷。\n\n"
            "韩国外长朴成浩对日本外相森田说，两国恢复首脑互访大大改善了关系。\n")
    assert [q.side for q in analyze(text).quotes] == ["日方", "韩方"]


def test_a_joint_outcome_in_a_later_clause_is_no_party_s_own_piece():
    status = _status([
        _statement("q1", "印方", "所有争议海域的巡逻一旦停止，双方将共同努力恢复渔场的秩序与稳定", "印度外交部", kind="organization", party="印方"),
        _statement("q2", "中方", "两国巡逻船撤离之后海上局面趋于缓和，如今正该恢复渔场的秩序与稳定", "周明", party="中方"),
    ])
    assert status["q1"][0] == "matched"


def test_a_capital_s_ministry_is_that_capital_s_not_the_generic_spokesperson_s():
    text = ("韩国外交部表示，联合海上演练是应对威胁的必要手段。\n\n"
            "“这次演练纯属防御性质，”首尔的外交部发言人对路透社说。\n\n俄罗斯外交部长沃尔科夫说，这些演练只会加剧紧张。\n")
    assert [q.speaker_side for q in analyze(text).quotes] == ["韩方", "韩方", "俄方"]


def test_a_ministry_named_without_its_country_is_the_dateline_s_government():
    text = ("（首尔综合报导）两国18日举行视频会谈，由经济部次长朴志勋与美国国务院经济次卿贝克主持。\n\n"
            "根据经济部新闻稿，朴志勋在会中表示，双方同意扩大半导体合作。\n\n"
            "而美国国务院发表的声明称，贝克在会中敦促对方加强出口管制。\n\n外交部发言人金允熙说，合作不针对第三国。\n")
    assert [(q.speaker, q.side) for q in analyze(text).quotes] == [("朴志勋", "韩方"), ("贝克", "美方"), ("金允熙", "韩方")]
    # two capitals in the dateline, or a foreign agency's dateline, place it nowhere: the generic
    # spokesperson is the lexicon's
    for dateline in ("（首尔、北京综合报导）", "（某通讯社首尔18日电）", "〔驻美特派员某某／首尔报导〕"):
        assert analyze(text.replace("（首尔综合报导）", dateline)).quotes[-1].speaker_side == "中方"
    # the paper's own reporter at home places it as its own report does
    assert analyze(text.replace("（首尔综合报导）", "〔记者某某／首尔报导〕")).quotes[-1].speaker_side == "韩方"


SIDES_OF_SPEAKERS = {
    # a person is not named inside a country (罗斯 in 俄罗斯); an officer of a body the story quoted
    # speaks for its party, named with or without it
    "officer": ("美国商务部周四宣布对俄罗斯的新出口管制。商务部长罗斯在声明中说，这些措施会保护国家安全。\n\n"
                "商务部一位高级官员说，新规下周生效。\n\n俄罗斯外交部发言人马林说，俄方将作出回应。\n",
                [("美国商务部", "美方"), ("罗斯", "美方"), ("商务部一位高级官员", "美方"), ("马林", "俄方")]),
    # a state outlet introduced, an organ opening the sentence before a bare name, a possessive party
    "state outlet": ("尼泊尔总理卡德加表示，政府将提前举行选举。\n\n中国官媒光明时报评论说，外部势力不应干涉邻国内政。\n\n"
                     "中国外交部对有关批评进行了反驳。周林在例行记者会上说，中方从不干涉别国内政。\n\n"
                     "报道说，尼泊尔的外交部周五表示，尼方欢迎各国的善意。\n",
                     [("卡德加", "尼方"), ("中国官媒光明时报", "中方"), ("周林", "中方"), ("外交部", "尼方")]),
    # the Chinese state's organs named without 中国 (中央外事办公室, 国务院台湾事务办公室)
    "state organ": ("俄罗斯安全会议秘书索科夫周二在北京表示，两国将扩大防务合作。\n\n"
                    "中央外事办公室主任梁国栋说，两国关系保持高水平运行。\n",
                    [("索科夫", "俄方"), ("梁国栋", "中方")]),
    # a private agency carries no party's account
    "private agency": ("美联社说，日本首相石川是自民党内的改革派。\n\n中国外交部发言人王明表示，中方愿与日方改善关系。\n",
                       [("美联社", None), ("王明", None)]),
}


@pytest.mark.parametrize("case", SIDES_OF_SPEAKERS)
def test_each_speaker_gets_the_side_its_mention_or_its_body_names(case):
    text, expected = SIDES_OF_SPEAKERS[case]
    assert [(q.speaker, q.side) for q in analyze(text).quotes] == expected


def test_another_party_s_reply_and_a_voice_heard_before_speak_outside_the_account_in_force():
    text = ("台湾驻美代表林美华表示，双方沟通一直很顺畅。\n\n"
            "白宫发表声明说，美国安全顾问史密斯与中国外长王东会谈。\n\n"
            "林美华说，美国对台湾的支持会更强。\n\n"
            "中国国防部星期二发表声明称，边境演习是例行安排。美国国务院回应称，中国的演习加剧了紧张。\n")
    sides = [(q.speaker, q.source, q.side) for q in analyze(text).quotes]
    assert sides[2] == ("林美华", None, "台方")
    assert sides[-1] == ("美国国务院", None, "美方")


def test_a_delegation_issues_the_statement_its_account_is_named_by():
    q = analyze("根据中国代表团发表的新闻稿，刘明重申，中方将以建设性姿态参与磋商。\n").quotes[0]
    assert (q.speaker, q.source) == ("刘明", "中国代表团新闻稿")


def test_a_civil_body_described_with_a_country_carries_no_side_and_its_inner_quote_keeps_the_speaker_s():
    text = ("中国外交部发言人周明表示，双方协议运作良好。\n\n"
            "据关注中国人权的对华救助协会报导，去年十月，也就是协议续约后一个月，教廷在声明里表示“震惊和失望”，"
            "指责中国当局违反了协议。\n")
    quotes = analyze(text).quotes
    assert [(q.speaker, q.side) for q in quotes][1:] == [("教廷", "梵方"), ("教廷", "梵方")]


def test_a_file_of_a_ministry_at_home_is_that_government_s_account():
    from quotes.accounts import account_of

    doc = analyze("（首尔综合报导）两国外长昨晚通电话，讨论了半岛局势。\n\n"
                  "根据外交部新闻稿，外长朴志勋在通话中表示，双方将加强合作。\n")
    assert (account_of(doc).side, account_of(doc).reason) == ("韩方", "frame")


def test_an_account_named_by_its_paper_with_no_de_is_the_frame_in_force():
    text = ("（首尔综合报导）会后经济部和美国商务部分别发布新闻稿，重点各不相同。\n\n"
            "根据经济部新闻稿，朴志勋在会中表示，双方将深化半导体合作。\n\n"
            "美国商务部的声明则说，贝克敦促对方加强出口管制。\n")
    assert [(q.speaker, q.source, q.side) for q in analyze(text).quotes] == [
        ("朴志勋", "经济部新闻稿", "韩方"), ("贝克", "美国商务部声明", "美方")]


def test_a_statement_told_in_three_accounts_points_on_to_the_next_telling():
    status = _status([
        _statement("q1", "日方", "三国同意设立联合救灾协调中心，每年举行一次部长级会议", "日本外务省", kind="organization"),
        _statement("q2", "韩方", "三方同意建立联合救灾协调中心，并每年召开部长级会议", "韩国外交部", kind="organization"),
        _statement("q3", "越方", "三国部长一致同意成立救灾协调中心，部长级会议每年一次", "越南外交部", kind="organization"),
    ])
    assert status["q2"] == ("matched", "q3") and status["q1"][0] == status["q3"][0] == "matched"


def _reported(qid: str, side: str, text: str, speaker: str) -> Statement:
    """A body's statement on its speaker's side, outside any readout frame."""
    quote = Quote(id=qid, story="s1", type="indirect", text=text, start=0, end=len(text), speaker=speaker,
                  speaker_kind="organization", side=side, side_reason="speakers")
    return Statement(quote, side)


BARE_MINISTER = (
    "（综合消息）中国农业农村部部长陈立平3日在北京会见到访的新西兰农业部长奥康纳。\n\n"
    "农业农村部网站发布的消息说，陈立平表示，两国应扩大乳制品和种业合作。\n\n"
    "消息说，奥康纳表示，新方愿同中方深化农业科技交流。\n\n"
    "消息说，双方同意年内举行农业联委会会议。\n\n"
    "奥康纳说，她在会见中提出了新西兰猕猴桃检疫标准的问题，希望尽快解决。\n")


def test_a_paragraph_opening_bare_on_the_other_minister_after_the_paper_s_paragraphs_leaves_the_account():
    quotes = analyze(BARE_MINISTER).quotes
    assert [(q.speaker, q.side) for q in quotes] == [("陈立平", "中方"), ("奥康纳", "中方"), ("农业农村部", "中方"), ("奥康纳", "新西兰方")]
    # the same voice going on (奥康纳还说) stays in the account that just quoted her
    going_on = analyze(BARE_MINISTER.replace("消息说，双方同意年内举行农业联委会会议。\n\n奥康纳说", "奥康纳还说")).quotes
    assert going_on[-1].source is not None


def test_a_delegation_s_leader_and_statement_speak_for_the_delegation_s_country():
    text = ("加拿大议员团访台 林正德：盼深化合作\n\n"
            "（台北综合报导）由外交委员会主席马丁·布朗率领的加拿大众议院访问团日前访台，获总统林正德接见。\n\n"
            "根据总统府发布的新闻稿，总统林正德表示，台加应扩大能源合作。新闻稿说，布朗表示，加拿大支持台湾参与国际民航组织。\n\n"
            "访团在渥太华发表的声明则说，此行旨在了解台湾的绿能产业。“台湾是加拿大在亚洲的重要伙伴，”布朗说。\n")
    quotes = analyze(text).quotes
    assert [(q.speaker, q.speaker_side) for q in quotes if q.type != "headline"][:2] == [("林正德", "台方"), ("布朗", "加方")]
    assert [q.side for q in quotes if q.source and "声明" in q.source] == ["加方", "加方"]


def test_one_person_in_the_other_readout_and_in_his_own_words_is_one_statement():
    own_words = Quote(id="q4", story="s1", type="direct", text="两国的矿产合作要落到实处，年底前应该拿出一份清单", start=0, end=24,
                      speaker="卡尔森", speaker_kind="person", speaker_side="瑞典方", side="瑞典方", side_reason="speakers")
    status = _status([
        _statement("q1", "中方", "中方愿同瑞方加强绿色能源合作，为两国企业创造更好的环境", "罗建华", party="中方"),
        _statement("q2", "中方", "瑞方希望同中方深化关键矿产合作，尽快商定具体清单", "卡尔森", party="瑞典方"),
        _statement("q3", "瑞典方", "瑞典欢迎更多中国游客，签证手续将进一步简化", "卡尔森", party="瑞典方"),
        Statement(own_words, "瑞典方"),
    ])
    assert status["q2"] == ("matched", "q4")
    assert status["q1"][0] == status["q3"][0] == "one_sided"


def test_a_scholar_or_an_analyst_speaks_for_no_party_whatever_the_country():
    text = ("日本外务省发言人森本说，日方愿同韩方加强对话。\n\n韩国外交部发言人金敏说，韩方欢迎日方的表态。\n\n"
            "首尔大学国际关系学者朴振宇说，两国关系仍然脆弱。\n\n一位日本经济分析人士说，贸易摩擦短期内难以化解。\n")
    assert [(q.speaker, q.speaker_side, q.side) for q in analyze(text).quotes][2:] == [
        ("朴振宇", None, None), ("一位日本经济分析人士", None, None)]


JOINT_OUTCOMES = {
    # two readouts' joint outcomes in other words
    "agreed": ([("q1", "中方", "双方同意年内举行新一轮渔业磋商，并保持热线畅通", "中国外交部"),
                ("q2", "中方", "中方愿同对方加强海上执法合作，共同打击非法捕捞", "中国海警局"),
                ("q3", "印尼方", "印尼欢迎中国企业参与渔业加工，双方渔业合作潜力巨大", "印尼海洋部"),
                ("q4", "印尼方", "两国部长同意尽快重启渔业联合委员会会议，就海上问题保持沟通", "印尼外交部")], "q4"),
    # what two armies have done, told by two spokespeople
    "done": ([("q1", "中方", "中越两国边防部队已在北仑河口完成联合巡逻，并交换了巡逻记录", "中国国防部"),
              ("q2", "中方", "中方坚决反对任何一方在争议地区修建道路", "中国国防部"),
              ("q3", "越方", "两军已在北仑河口一带结束为期三天的联合巡逻，巡逻期间未发生任何摩擦", "越南国防部"),
              ("q4", "越方", "越方欢迎更多中国游客经陆路口岸入境", "越南国防部")], "q3"),
}


@pytest.mark.parametrize("case", JOINT_OUTCOMES)
def test_two_accounts_joint_outcomes_in_other_words_are_one_statement(case):
    told, counterpart = JOINT_OUTCOMES[case]
    status = _status([_reported(*statement) for statement in told])
    assert status["q1"] == ("matched", counterpart) and status["q2"][0] == "one_sided"


ACCOUNTS_IN_FORCE = {
    # a readout of a ministry named without its country, under a foreign agency's dateline, speaks
    # for the party of the first speaker it relays (a later 越南外交部 places it nowhere)
    "unplaced ministry": ("（某通讯社首尔5日电）韩国外长朴志勋4日与越南外长阮文平通电话。\n\n"
                          "据外交部网站发布的消息，朴志勋表示，两国应扩大半导体与能源合作。消息说，阮文平表示，越方愿意深化两国伙伴关系。\n\n"
                          "而越南外交部公布的消息则说，阮文平敦促韩方增加对越投资。\n",
                          [("朴志勋", "韩方"), ("阮文平", "韩方"), ("阮文平", "越方")]),
    # an organ's news opening a sentence turns to its account
    "organ's news": ("（综合讯）两国交通部长周一在首尔会谈。\n\n韩国国土交通部发表的新闻稿说，朴正浩敦促中方开放更多航线。\n\n"
                     "中国交通运输部的消息则侧重港口合作。消息说，刘海峰表示，中方愿同韩方共建绿色航运走廊。\n",
                     [("朴正浩", "韩方"), ("刘海峰", "中方")]),
    # a paper named with its issuer opening a sentence is the account in force, not the statement the lead announced
    "paper with its issuer": ("（某通讯社首尔5日电）两国渔业会谈4日结束。韩国海洋水产部今天发布新闻稿，日本水产厅也在东京发表声明。\n\n"
                              "海洋水产部新闻稿指出，会谈在务实的气氛中进行。新闻稿说，崔永洙表示，韩方希望扩大共同渔区。\n\n"
                              "水产厅声明说，佐藤纯表示，日方将加强对非法捕捞的监管。\n",
                              [("海洋水产部", "韩方"), ("崔永洙", "韩方"), ("佐藤纯", "日方")]),
    # the other party's denial ends the account just opened
    "denial": ("韩国外交部发言人金敏说，两国将加强渔业合作。\n\n"
               "据首尔方面透露，日方已同意放宽水产品进口限制。东京随即否认作出这一承诺。日本内阁官房长官佐藤纯说，相关问题仍在研究。\n",
               [("金敏", "韩方"), ("东京", "日方"), ("佐藤纯", "日方")]),
}


@pytest.mark.parametrize("case", ACCOUNTS_IN_FORCE)
def test_each_quote_is_on_the_side_of_the_account_in_force(case):
    text, expected = ACCOUNTS_IN_FORCE[case]
    assert [(q.speaker, q.side) for q in analyze(text).quotes] == expected


def test_an_office_after_its_country_in_a_chain_speaks_for_that_country():
    # 国务卿 alone is the American office; after 梵蒂冈圣座 it is the Holy See's
    q = analyze("梵蒂冈圣座国务卿马里奥枢机周二在研讨会上表示，希望双方继续对话。\n").quotes[0]
    assert (q.speaker, q.speaker_side) == ("马里奥", "梵方")


def test_a_broadcaster_named_for_its_country_gives_no_side_to_whom_it_calls():
    doc = analyze("据中国外交部消息，王林表示，中方愿加强合作。\n\n美国外交部发言人杜邦说，美方欢迎对话。\n\n"
                  "美国之音致电当地议员陈立德，陈立德说，议会下月1日会进行表决。\n")
    assert next(q for q in doc.quotes if q.speaker == "陈立德").speaker_side is None  # not 美方 from 美国之音



def test_a_delegation_s_readout_telling_first_of_the_host_is_still_the_delegation_s():
    text = ("德國議員訪台\n\n（台北綜合報導）由德國聯邦議院副主席柯恩斯率領的訪問團日前訪台，獲總統王大明在總統府接見。"
            "訪團返抵柏林後也發表書面聲明。\n\n根據總統府發布的新聞稿，總統表示，兩國同為民主國家。\n\n"
            "訪團的聲明則把重心放在經貿。聲明提到，台灣總統在會面中談及，企業設廠將帶動交流。\n\n"
            "「兩國的經貿合作很重要，」柯恩斯說，「我們會繼續合作。」\n\n聲明說，訪團已邀請台灣議員明年回訪。\n")
    sides = [q.side for q in analyze(text).quotes if q.source == "訪團聲明"]
    assert sides == ["德方"] * 4  # its own member more often than the host: the delegation's account


def test_a_party_heard_once_by_its_own_voice_is_a_bystander_of_a_story_two_others_tell():
    text = ("标题\n\n据泰国外交部网站消息，泰国外长巴颂表示，两国将扩大合作。巴颂说，泰方支持对话。巴颂还说，两国应加强协调。\n\n"
            "据越南外交部网站刊发的消息，越南外长阮文安表示，越方愿意加强沟通。阮文安说，双方应尽快会晤。阮文安还说，越方欢迎泰方投资。\n\n"
            "老挝驻泰国大使馆在社交媒体上说，这次会谈“很有意义”。\n")
    assert [q.side for q in analyze(text).quotes] == ["泰方"] * 3 + ["越方"] * 3 + [None]


def test_hong_kong_s_government_is_a_party_of_its_own():
    doc = analyze("港府发言人周二表示，特区政府不会执行任何单边制裁，一切依法处理。\n"
                  "美国国务院发言人则表示，美方对港府的决定深感失望，呼吁当局重新考虑。\n")
    assert [q.side for q in doc.quotes] == ["港方", "美方"]


def test_another_party_replying_in_a_later_paragraph_leaves_the_account_in_force():
    text = ("根据特区政府发出的新闻稿，局长林志华说，双方同意加强金融合作。\n\n"
            "英国总领事馆随后发表的声明称，部长柯伟明对新闻自由表达关注。\n\n"
            "特区政府一名发言人当晚回应指，英方干预香港事务，政府强烈反对。\n")
    assert [q.side for q in analyze(text).quotes] == ["港方", "英方", "港方"]


def test_two_accounts_bodies_telling_the_same_outcome_are_matched():
    doc = analyze("马来西亚外交部发出文告表示，两国将联手打击边境走私。文告又说，下一次部长会议将在年底前于马来西亚首都召开。\n\n"
                  "印尼外交部的声明则指出，外国种植园企业同样必须为火灾负责。声明又说，第二次部长会议订于12月在马来西亚首都召开。\n")
    talks = [q for q in doc.quotes if "会议" in q.text]
    status = {c.quote: c.status for c in doc.comparison}
    assert len(talks) == 2 and all(status[q.id] == "matched" for q in talks)
    assert all(status[q.id] == "one_sided" for q in doc.quotes if q not in talks)  # each body's own point


def test_the_other_minister_at_the_call_is_told_in_the_account_a_paragraph_opened():
    lede = "美越防长通话\n\n美国国防部长柯林斯周二与越南国防部长阮文德举行视频通话。\n\n"
    readout = lede + "美国国防部发表的通话纪要说，柯林斯表示，美方将继续协助越南提升海上执法能力。\n\n"
    rest = ("越南国防部长阮文德表示，越南奉行独立自主的国防政策。\n\n"
            "柯林斯在视频通话中还说，美方尊重越南的政治制度。他并表示，美方愿意在训练方面给予支持。\n")
    assert [q.side for q in analyze(readout + rest).quotes] == ["美方", "越方", "越方", "越方"]
    # with no readout of his own told before, the minister at the call speaks for his own party
    assert [q.side for q in analyze(lede + rest).quotes] == ["越方", "美方", "美方"]


def test_the_countries_named_as_a_count_agree_jointly():
    from quotes.comparing import _shared_position

    said = lambda text: _shared_position(Quote(id="q1", story="1", type="direct", text=text, start=0, end=len(text)))
    assert said("三个国家已经讲定，联合小组秋天先开一次会")
    assert said("两个国家同意扩大合作") and not said("三个月后再谈")
