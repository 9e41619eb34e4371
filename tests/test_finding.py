"""The quote finder on the patterns of Chinese news, one small text each."""
from conftest import only, quotes_of


def test_direct_quote_after_cue_and_colon():
    q = only("财政部长林海峰在记者会上说：“今年的赤字会比预期小。”")
    assert (q.type, q.text, q.cue) == ("direct", "今年的赤字会比预期小。", "说")


def test_direct_quote_in_corner_brackets_with_nested_marks():
    q = only("陳主委強調：「政府不會接受所謂『一國兩制』的安排。」")
    assert q.type == "direct"
    assert q.text == "政府不會接受所謂『一國兩制』的安排。"


def test_ascii_quotation_marks():
    q = only('The minister表示: "明年将调整税率,以减轻中小企业的负担"。')
    assert q.type == "direct" and q.text.startswith("明年将调整税率")


def test_multi_paragraph_quote_is_one_quote():
    text = "王院长说：“第一，我们要把病床数量增加一倍。\n\n“第二，护理人员的薪资必须调整。\n\n“第三，偏远地区要有巡回医疗。”"
    q = only(text)
    assert q.type == "direct"
    assert q.text.startswith("第一") and q.text.endswith("巡回医疗。")


def test_unbalanced_mark_does_not_swallow_the_page():
    text = "报道标题写着“暴雨来袭\n\n气象局局长张明表示，明天降雨将会减弱。"
    q = only(text)
    assert q.type == "indirect" and q.speaker == "张明"


def test_indirect_quote_runs_on_while_the_report_continues():
    q = only("李部长表示，今年出口增长放缓。明年的情况会有所好转。")
    assert q.text == "今年出口增长放缓。明年的情况会有所好转"


def test_indirect_quote_stops_where_narration_resumes():
    found = quotes_of("李部长表示，今年出口增长放缓。对此，市场反应平淡。")
    assert [q.text for q in found] == ["今年出口增长放缓"]


def test_mixed_quote_keeps_the_marks():
    q = only("赵市长在会上说，这次改革“将彻底改变市民办事的方式”。")
    assert q.type == "mixed"
    assert q.text == "这次改革“将彻底改变市民办事的方式”"


def test_postposed_direct_quote():
    q = only("“我们没有收到任何通知，”他说。")
    assert q.type == "direct" and q.cue == "说"


def test_postposed_indirect_quote_with_named_speaker():
    text = "工会主席何立新昨天出席集会。罢工将持续到资方让步为止，何立新补充道。"
    q = only(text)
    assert q.type == "indirect" and q.speaker == "何立新"
    assert q.text == "罢工将持续到资方让步为止"


def test_split_quote_around_the_cue():
    found = quotes_of("「這是一個新的開始。」院長說，「但挑戰仍然很多。」")
    assert [q.text for q in found] == ["這是一個新的開始。", "但挑戰仍然很多。"]
    assert all(q.cue == "說" for q in found)


def test_headline_quote():
    q = only("反对党：新预算案忽视中下阶层\n\n（吉隆坡1日讯）国会今天开始辩论预算案。")
    assert (q.type, q.text, q.speaker) == ("headline", "新预算案忽视中下阶层", "反对党")


def test_headline_with_label():
    q = only("【经济前瞻】央行：通胀压力明年缓解\n\n正文在此。")
    assert q.type == "headline" and q.speaker == "央行" and q.text == "通胀压力明年缓解"


def test_book_titles_clock_times_and_ratios_are_not_quotes():
    assert quotes_of("《三体:黑暗森林》再度登上畅销榜\n\n比赛在晚上8:30开始，主队以3:1获胜。") == []


def test_words_containing_cue_characters_are_not_quotes():
    text = "他写了一部小说。据说这部作品很受欢迎。听说明年要拍成电影。产品说明书写得很清楚。"
    assert quotes_of(text) == []


def test_thanks_and_welcome_without_content_are_not_quotes():
    assert quotes_of("总统对代表团的来访表示欢迎，并对双方的合作表示感谢。") == []


def test_scare_quotes_are_not_quotes():
    assert quotes_of("不少年轻人选择“躺平”，商家则推出“发财”套餐吸引顾客。") == []


def test_frame_verb_is_not_a_quote_of_its_own():
    found = quotes_of("据新华社报道，外交部发言人陈晓表示，中方对此表示严重关切。")
    assert len(found) == 1 and found[0].speaker == "陈晓"


def test_teaser_cut_off_is_marked_truncated():
    page = (
        "主标题\n\n正文第一段。\n\n阅读全文\n\n另一则新闻标题\n\n"
        "（新加坡1日讯）交通部长表示,地铁新线将于明年通车,届时..."
    )
    q = only(page)
    assert q.truncated and q.text == "地铁新线将于明年通车,届时"


def test_every_quote_carries_a_cue_class():
    from quotes.lexicons import load

    classes = {c.cue_class for c in load().cues.values()} | {"unknown"}
    text = "伊党：我们更适合领导国盟\n\n外交部发言人说，会谈富有成果。“我们欢迎对话，”他强调。部长扬言，绝不让步。"
    found = quotes_of(text)
    assert {q.cue_class for q in found} <= classes
    by_cue = {q.cue: q.cue_class for q in found}
    assert by_cue == {None: "unknown", "说": "neutral", "强调": "emphatic", "扬言": "distancing"}


def test_a_cue_closing_its_paragraph_with_a_colon_introduces_the_next_paragraphs_quotation():
    text = ("長照預算凍結\n\n立法院今天通過決議，凍結部分長照預算。\n\n衛福部晚間發布新聞稿表示：\n\n"
            "「本部尊重立法院的決議，將儘速提出專案報告。\n\n「長照是全民的託付，本部會持續檢討。」\n\n記者另外採訪民眾。\n")
    found = quotes_of(text)
    assert len(found) == 1
    q = found[0]
    assert (q.speaker, q.cue, q.type) == ("衛福部", "表示", "direct")
    assert q.text.startswith("本部尊重") and q.text.endswith("本部會持續檢討。")


def test_content_clause_may_follow_a_cue_on_its_own_subject():
    q = only("发言人赵立首先表示自己不了解有关情况。")
    assert (q.type, q.text, q.speaker) == ("indirect", "自己不了解有关情况", "赵立")
    assert only("俄方周三坚决否认他们与电缆断裂有任何关联。").text == "他们与电缆断裂有任何关联"


def test_an_adverbial_clause_on_a_pronoun_is_no_content():
    found = quotes_of("在回答他是否会连任的问题的时候，部长笑着回答说：“现在谈这个太早。”")
    assert [(q.type, q.text) for q in found] == [("direct", "现在谈这个太早。")]


def test_relayed_report_with_a_pronoun_subject_keeps_the_relayer_as_source():
    q = only("英国金融时报说，中国驻瑞典大使馆也表示他们没有相关信息。")
    assert (q.text, q.speaker, q.source) == ("他们没有相关信息", "中国驻瑞典大使馆", "英国金融时报")


def test_reported_clause_stops_at_a_sentence_about_its_speaker():
    found = quotes_of("海军司令部表示，相关船只停在附近海域。但它没有提及船只停留的原因。")
    assert [q.text for q in found] == ["相关船只停在附近海域"]
    found = quotes_of("财政部长林海表示，明年将推出减税方案。林海访美一旦成行，将是十年来首位访美的财长。")
    assert [q.text for q in found] == ["明年将推出减税方案"]


def test_headline_label_ending_in_a_reporting_verb():
    q = quotes_of("五角大楼点名多家企业，中国学者反驳：出于政治目的\n\n正文如下。")[0]
    assert (q.type, q.speaker, q.cue, q.text) == ("headline", "中国学者", "反驳", "出于政治目的")


def test_a_contrasted_attribution_ends_the_reported_clause_before_it():
    found = quotes_of("尽管美国认为解放军会为2027年做好准备，但翁教授说，动手的条件是否成熟多半是猜测。")
    assert [(q.speaker, q.text) for q in found] == [("美国", "解放军会为2027年做好准备"), ("翁教授", "动手的条件是否成熟多半是猜测")]


def test_a_title_reports_with_its_verb_directly():
    found = quotes_of("中国称若美国打压中国记者将对等反制\n\n正文说明一些情况。")
    assert [(q.type, q.speaker, q.cue, q.text) for q in found] == [("indirect", "中国", "称", "若美国打压中国记者将对等反制")]


def test_a_title_part_opening_on_its_verb_reports_the_first_part_s_subject():
    found = quotes_of("北京对莫斯科威胁继续保持沉默 反指美国渲染战争\n\n正文说明一些情况。")
    assert [(q.speaker, q.text) for q in found] == [("北京", "美国渲染战争")]
    found = quotes_of("接見貝里斯總督　總統盼深化兩國各項合作　促成更緊密夥伴關係\n\n正文說明一些情況。")
    assert [q.text for q in found] == ["深化兩國各項合作\u3000促成更緊密夥伴關係"]


def test_a_title_report_ends_before_a_labelled_part_and_a_readout_is_no_verb():
    found = quotes_of("众院通过决议谴责北京侵蚀香港法治 佩洛西：聚焦追究责任\n\n正文说明一些情况。")
    assert [(q.type, q.text) for q in found] == [("indirect", "北京侵蚀香港法治"), ("headline", "聚焦追究责任")]
    assert quotes_of("两国外长会谈 俄方通报多出乌克兰内容\n\n正文说明一些情况。") == []


def test_a_name_in_marks_after_a_verb_inside_a_report_is_no_relay():
    q = only("總統指出，今年10月政府提出「產業結構優化」的具體行動計畫，期能達到轉型目標。")
    assert q.speaker == "總統" and q.text.startswith("今年10月政府提出")


def test_a_report_relayed_with_ti_chu():
    q = only("新闻稿说，金承宪提出，希望中方改善韩国企业在华经营环境。")
    assert (q.speaker, q.text) == ("金承宪", "希望中方改善韩国企业在华经营环境")


def test_a_verb_of_speech_after_an_object_clause_opens_its_own_quote():
    found = quotes_of("美国国务院指责当局迫害少数民族，说这是种族灭绝。")
    assert [(q.cue, q.text, q.speaker) for q in found] == [("指责", "当局迫害少数民族", "美国国务院"), ("说", "这是种族灭绝", "美国国务院")]
    assert len(quotes_of("總統表示，臺美關係密切，希望雙方持續合作。")) == 1


def test_a_quotation_then_a_turn_to_another_voice_is_direct():
    found = quotes_of("台湾媒体《风传媒》报道，“4月8日将会进行马习二会”，不过基金会执行长萧旭岑说，行程还在安排中。")
    assert [(q.type, q.text) for q in found] == [("direct", "4月8日将会进行马习二会"), ("indirect", "行程还在安排中")]


def test_a_long_headline_label_ending_on_its_verb_names_its_subject():
    found = quotes_of("北京向美国众院议长麦卡锡喊话：不要访问台湾\n\n正文说明一些情况。")
    assert [(q.type, q.speaker, q.cue, q.text) for q in found] == [("headline", "北京", "喊话", "不要访问台湾")]


def test_a_report_runs_on_over_figures_the_speaker_cites_and_stops_at_the_visitors_list():
    text = ("總統表示，我國核電廠一直安全運轉。根據國際原子能總署公布的評比，臺灣名列第6。"
            "總統說，未來政府將繼續努力。訪賓一行尚包括美國電力研究院顧問馬基斯。")
    assert [q.text for q in quotes_of(text)] == ["我國核電廠一直安全運轉。根據國際原子能總署公布的評比，臺灣名列第6", "未來政府將繼續努力"]


def test_a_speech_summarised_after_its_heading_is_quoted_paragraph_by_paragraph():
    text = "總統今天接見得獎農民。\n\n總統談話內容經整理後重點為：\n\n今天是農民節，感到格外的高興。\n\n農業是維繫整體經濟的重要產業。\n"
    found = quotes_of(text)
    assert [q.text for q in found] == ["今天是農民節，感到格外的高興", "農業是維繫整體經濟的重要產業"]


def test_a_report_runs_on_over_a_sentence_opening_on_a_name_in_marks():
    q = only("副總統指出，臺灣已經順利完成選舉。「哈德遜研究所」是美國重要智庫，長期支持臺灣。")
    assert q.text.endswith("長期支持臺灣")


def test_a_report_stops_before_the_list_of_who_attended():
    q = only("總統說，自由經濟示範區能做好規劃再整體推出。立法委員廖國棟及外貿協會董事長王志剛等均與會。")
    assert q.text == "自由經濟示範區能做好規劃再整體推出"


def test_an_unnamed_source_contrasted_after_a_report_speaks_for_itself():
    found = quotes_of("2006年的一个政府报告说，环境破坏损失相当于GDP的3%，但是批评人士相信实际的数字更高。")
    assert [(q.speaker, q.text) for q in found][-1] == ("批评人士", "实际的数字更高")
    assert len(quotes_of("普京多次表示，两国关系跌到低点，但他还是希望能够与拜登合作。")) == 1


def test_a_hope_coordinated_after_a_report_goes_on_with_it():
    q = only("惠特利部長強調，美國與各國不僅是朋友，也期盼能持續合作。")
    assert q.text == "美國與各國不僅是朋友，也期盼能持續合作"


def test_a_spokesperson_said_and_and_said_are_cues():
    assert [(q.speaker, q.cue) for q in quotes_of("外交部发言人称，中方坚决反对。")] == [("外交部发言人", "称")]
    assert [q.text for q in quotes_of("美方并称，将继续支持。")] == ["将继续支持"]
    assert quotes_of("两人并称为“双雄”。") == []
