"""The quote finder on the patterns of Chinese news, one small text each."""
import pytest
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


def test_quotation_after_a_closed_speech_sentence_and_a_space_goes_on_with_its_speaker():
    found = quotes_of("“工期不会再拖，”工程处长吴立新说。 “我们下个月完工。”")
    assert [(q.text, q.speaker) for q in found] == [("工期不会再拖，", "吴立新"), ("我们下个月完工。", "吴立新")]



def test_a_split_quote_s_second_sentence_goes_on_with_its_speaker_when_narration_follows():
    found = quotes_of("“工期不会再拖，”工程处长吴立新说。“我们下个月完工，请市民放心。”吴立新曾负责机场扩建。")
    assert [(q.text, q.speaker) for q in found] == [("工期不会再拖，", "吴立新"), ("我们下个月完工，请市民放心。", "吴立新")]


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
    text = "农会：我们反对削减补贴\n\n外交部发言人说，会谈富有成果。“我们欢迎对话，”他强调。部长扬言，绝不让步。"
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
    q = only("每日邮报说，某国驻英国大使馆也表示他们不了解此事。")
    assert (q.text, q.speaker, q.source) == ("他们不了解此事", "某国驻英国大使馆", "每日邮报")


def test_reported_clause_stops_at_a_sentence_about_its_speaker():
    found = quotes_of("海军司令部表示，相关船只停在附近海域。但它没有提及船只停留的原因。")
    assert [q.text for q in found] == ["相关船只停在附近海域"]
    found = quotes_of("财政部长林海表示，明年将推出减税方案。林海访美一旦成行，将是十年来首位访美的财长。")
    assert [q.text for q in found] == ["明年将推出减税方案"]
    # in news copy the name comes with its original spelling, a date and an occasion before the verb
    found = quotes_of("财政部长林海（Lin Hai）周五在接受电台采访时表示，明年将推出减税方案。林海访美一旦成行，将是首位访美的财长。")
    assert [q.text for q in found] == ["明年将推出减税方案"]
    found = quotes_of("财政部长林海表示，明年将推出减税方案。在当晚的电视节目中，林海把这一方案形容为一剂强心针。")
    assert [q.text for q in found] == ["明年将推出减税方案"]


def test_headline_label_ending_in_a_reporting_verb():
    q = quotes_of("五角大楼点名多家企业，中国学者反驳：出于政治目的\n\n正文如下。")[0]
    assert (q.type, q.speaker, q.cue, q.text) == ("headline", "中国学者", "反驳", "出于政治目的")


def test_a_contrasted_attribution_ends_the_reported_clause_before_it():
    found = quotes_of("尽管海军认为新舰会在年底前服役，但林教授说，交付时间多半会推迟。")
    assert [(q.speaker, q.text) for q in found] == [("海军", "新舰会在年底前服役"), ("林教授", "交付时间多半会推迟")]


def test_a_title_reports_with_its_verb_directly():
    found = quotes_of("日本称若对方限制渔船将采取对等措施\n\n正文说明一些情况。")
    assert [(q.type, q.speaker, q.cue, q.text) for q in found] == [("indirect", "日本", "称", "若对方限制渔船将采取对等措施")]


def test_a_title_part_opening_on_its_verb_reports_the_first_part_s_subject():
    found = quotes_of("东京对邻国试射保持低调 反指对方夸大威胁\n\n正文说明一些情况。")
    assert [(q.speaker, q.text) for q in found] == [("东京", "对方夸大威胁")]
    found = quotes_of("接見帛琉訪團　總統盼擴大農業合作　嘉惠兩國人民\n\n正文說明一些情況。")
    assert [q.text for q in found] == ["擴大農業合作\u3000嘉惠兩國人民"]


def test_a_title_report_ends_before_a_labelled_part_and_a_readout_is_no_verb():
    found = quotes_of("议会通过决议谴责政府拖欠薪资 议长：必须追究责任\n\n正文说明一些情况。")
    assert [(q.type, q.text) for q in found] == [("indirect", "政府拖欠薪资"), ("headline", "必须追究责任")]
    assert quotes_of("两国外长会谈 俄方通报多出乌克兰内容\n\n正文说明一些情况。") == []


def test_a_name_in_marks_after_a_verb_inside_a_report_is_no_relay():
    q = only("部長指出，今年政府提出「智慧農業推廣」的具體方案，期能提高產值。")
    assert q.speaker == "部長" and q.text.startswith("今年政府提出")


def test_a_report_relayed_with_ti_chu():
    q = only("新闻稿说，朴正浩提出，希望对方简化签证手续。")
    assert (q.speaker, q.text) == ("朴正浩", "希望对方简化签证手续")


def test_a_verb_of_speech_after_an_object_clause_opens_its_own_quote():
    found = quotes_of("人权团体指责当局拘押记者，说这是压制新闻自由。")
    assert [(q.cue, q.text, q.speaker) for q in found] == [("指责", "当局拘押记者", "人权团体"), ("说", "这是压制新闻自由", "人权团体")]
    assert len(quotes_of("總統表示，臺美關係密切，希望雙方持續合作。")) == 1


def test_a_quotation_then_a_turn_to_another_voice_is_direct():
    found = quotes_of("地方媒体《晨报》报道，“下月将举行双边峰会”，不过部长办公室主任周全说，行程还在安排中。")
    assert [(q.type, q.text) for q in found] == [("direct", "下月将举行双边峰会"), ("indirect", "行程还在安排中")]


def test_a_long_headline_label_ending_on_its_verb_names_its_subject():
    found = quotes_of("东京向邻国外长金敏哲喊话：不要参加阅兵\n\n正文说明一些情况。")
    assert [(q.type, q.speaker, q.cue, q.text) for q in found] == [("headline", "东京", "喊话", "不要参加阅兵")]


def test_a_report_runs_on_over_figures_the_speaker_cites_and_stops_at_the_visitors_list():
    text = ("部長表示，我國港口效率持續提升。根據世界銀行公布的排名，臺灣位居第8。"
            "部長說，政府將持續投資。訪賓一行尚包括港務協會理事長柯林。")
    assert [q.text for q in quotes_of(text)] == ["我國港口效率持續提升。根據世界銀行公布的排名，臺灣位居第8", "政府將持續投資"]


def test_a_speech_summarised_after_its_heading_is_quoted_paragraph_by_paragraph():
    text = "局長今天接見志工代表。\n\n局長談話內容經整理後重點為：\n\n今天是志工日，感到非常欣慰。\n\n志願服務是社會進步的力量。\n"
    found = quotes_of(text)
    assert [q.text for q in found] == ["今天是志工日，感到非常欣慰", "志願服務是社會進步的力量"]


def test_a_report_runs_on_over_a_sentence_opening_on_a_name_in_marks():
    q = only("部長指出，新制度已經上路。「青年創業基金」是政府的重要政策，未來將持續擴大。")
    assert q.text.endswith("未來將持續擴大")


def test_a_report_stops_before_the_list_of_who_attended():
    q = only("部長說，新港區將分期完成建設。市議員李安及商會理事長陳東等均與會。")
    assert q.text == "新港區將分期完成建設"


def test_an_unnamed_source_contrasted_after_a_report_speaks_for_itself():
    found = quotes_of("上月的一份政府统计说，物价涨幅回落到了2%，但是批评人士认为实际的涨幅更高。")
    assert [(q.speaker, q.text) for q in found][-1] == ("批评人士", "实际的涨幅更高")
    assert len(quotes_of("部长多次表示，两国贸易陷入停滞，但他还是希望能够重启谈判。")) == 1


def test_a_hope_coordinated_after_a_report_goes_on_with_it():
    q = only("柯林部長強調，兩國不僅是貿易夥伴，也期盼能擴大投資。")
    assert q.text == "兩國不僅是貿易夥伴，也期盼能擴大投資"


def test_a_spokesperson_said_and_and_said_are_cues():
    assert [(q.speaker, q.cue) for q in quotes_of("外交部发言人称，中方坚决反对。")] == [("外交部发言人", "称")]
    assert [q.text for q in quotes_of("美方并称，将继续支持。")] == ["将继续支持"]
    assert quotes_of("两人并称为“双雄”。") == []


def test_a_report_ends_where_a_clause_with_its_own_subject_and_verb_of_speech_begins():
    found = quotes_of("部長表示，新港區將分期完成建設，他說，這是政府的長期承諾。")
    assert [q.text for q in found] == ["新港區將分期完成建設", "這是政府的長期承諾"]
    q = quotes_of("部長表示，港區的收入不如預期，不過，院長表示，明年可望轉虧為盈。")[0]
    assert q.text == "港區的收入不如預期"  # the turn (不過) belongs to what follows


def test_the_time_of_the_attribution_that_follows_is_no_report_of_its_own():
    found = quotes_of("法新社报道说，上个月底，卫生部长陈美玲表示，她不认为有修法的必要。")
    assert [(q.speaker, q.source, q.text) for q in found] == [("陈美玲", "法新社", "她不认为有修法的必要")]
    q = only("院長接著指出，在年終記者會上，她特地提到，盼望朝野能夠理性對話。")
    assert q.speaker == "院長"  # 他 is the speaker himself: no relay


def test_a_report_does_not_run_on_into_the_speech_announced_in_full_or_what_the_speaker_also_did():
    q = quotes_of("院長表示，市府將增設托育中心。院長致詞內容為：謝謝大家的蒞臨。")[0]
    assert q.text == "市府將增設托育中心"
    q = quotes_of("院長表示，兩市的觀光往來日益熱絡。對於友市多年的協助，院長也表達謝意。")[0]
    assert q.text == "兩市的觀光往來日益熱絡"
    q = quotes_of("部長表示，聯合救災訓練有助於累積經驗。因此，他也盼望明年能邀請更多國家參加。")[0]
    assert q.text == "聯合救災訓練有助於累積經驗"


def test_a_paper_before_cheng_is_a_paper_and_its_verb_not_a_report_heard():
    found = quotes_of("韩国总统室的书面通报说，李正勋指出，历史问题必须解决。\n\n通报称，两国领导人一致同意恢复对话。\n")
    assert [q.speaker for q in found] == ["李正勋", "韩国总统室"]
    assert quotes_of("據報稱，男子當場死亡。") == []


def test_the_occasion_after_an_inner_speaker_does_not_make_the_subject_too_long_to_relay():
    found = quotes_of("报道说，星衡科技首席执行官李国栋在上海半导体论坛上坦言，国产设备能做到五成就很不错。")
    assert [(q.speaker, q.text) for q in found] == [("李国栋", "国产设备能做到五成就很不错")]


def test_a_party_opening_the_content_of_a_bare_verb_is_its_subject_clause():
    q = only("孟宪章阐述了中方立场，表示中方始终站在和平一边。")
    assert (q.speaker, q.text) == ("孟宪章", "中方始终站在和平一边")


def test_appeals_after_a_bare_comma_coordinate_unless_a_hope_goes_on():
    found = quotes_of("马克龙敦促欧盟制裁违规的企业，呼吁建立监督机制，并要求冻结相关资产。")
    assert [q.text for q in found] == ["欧盟制裁违规的企业", "建立监督机制", "冻结相关资产"]
    q = only("總統希望佐佐木議員繼續深化兩國友誼，籲請該國國會支持我國加入區域經貿協定。")
    assert q.text == "佐佐木議員繼續深化兩國友誼，籲請該國國會支持我國加入區域經貿協定"


def test_a_report_stops_where_the_reporter_turns_to_commentators_or_an_outlet():
    q = quotes_of("《纽约时报》报道说，在美国的中国游客人数开始回升。有些分析人士将这归因于签证政策放宽。")[0]
    assert q.text == "在美国的中国游客人数开始回升"
    q = quotes_of("总统表示，去年两国关系稳定发展。许多民众都表达支持，也深深觉得两国是好朋友。")[0]
    assert q.text.endswith("也深深觉得两国是好朋友")


def test_an_event_name_inside_an_adverbial_before_the_cue_is_no_speech():
    found = quotes_of("林美玲副市長今日上午接見「2031國際水資源論壇」與會外賓時表示，市府持續推動節水措施。")
    assert [q.text for q in found] == ["市府持續推動節水措施"]
    q = only("“我们不会让步。”他在接受采访时说。")
    assert q.text == "我们不会让步。"


def test_points_announced_by_a_report_ending_on_a_colon_are_the_speaker_s():
    text = ("總統昨晚款待里長代表\n\n王總統立德先生昨天晚上在官邸款待里長代表，總統致詞表示，下週就是端午連假。\n\n"
            "總統說，這一年我們在社區照顧方面完成不少工作，包括：\n\n"
            "第一、我們完成了全島的交通路網。\n\n第二、偏遠地區的醫療設施，全面更新。\n\n記者會隨後結束。\n")
    found = quotes_of(text)
    assert [q.text for q in found][-2:] == ["我們完成了全島的交通路網", "偏遠地區的醫療設施，全面更新"]
    assert {q.speaker for q in found} == {"王立德"}


def test_a_postposed_subject_may_open_with_a_country_whose_first_character_is_locative():
    q = only("“双方同意深化经贸合作，扩大相互投资，”中国商务部发表的一份声明说。")
    assert q.type == "direct" and q.speaker == "中国商务部"


def test_a_report_stops_where_others_decline_to_comment():
    q = quotes_of("美联社报道说，一位资深外交官表示，日本正在考虑新的制裁措施。此外，外务省和俄罗斯大使馆都拒绝置评。")[0]
    assert q.text == "日本正在考虑新的制裁措施"


def test_a_greeting_that_opens_a_speech_is_narration_and_the_speech_follows():
    text = ("林會長致詞時首先歡迎各位貴賓蒞臨。去年秋天協會曾到南部參訪，今年則帶來更多成員，希望兩地交流不斷。"
            "林會長也提到，雙方合作越來越密切。\n")
    found = [(q.speaker, q.cue, q.text) for q in quotes_of(text)]
    assert found[0] == ("林會長", "致詞", "去年秋天協會曾到南部參訪，今年則帶來更多成員，希望兩地交流不斷")
    assert found[1][1] == "提到" and len(found) == 2  # the greeting itself is no quote


def test_a_report_stops_at_a_semicolon_where_the_speaker_takes_up_another_verb():
    text = ("張文明副總統今日接見訪團。副總統說，該市議會去年通過決議肯定雙方合作，她為此致謝；"
            "另外，她亦期許訪團持續協助我國爭取國際參與。副總統又說，兩國關係密切；雙方希望進一步合作。\n")
    found = [(q.cue, q.text) for q in quotes_of(text)]
    assert found[0] == ("說", "該市議會去年通過決議肯定雙方合作，她為此致謝")
    assert found[1] == ("期許", "訪團持續協助我國爭取國際參與")
    assert found[2] == ("說", "兩國關係密切；雙方希望進一步合作")  # the speech's own subject hands nothing over


def test_a_postposed_cue_may_close_on_whom_it_told():
    text = "“我们希望对方尽快回到谈判桌，双方都需要展现诚意，”李文华星期五在电话中告诉本台记者。\n"
    found = [(q.speaker, q.cue, q.type, q.text) for q in quotes_of(text)]
    assert found == [("李文华", "告诉", "direct", "我们希望对方尽快回到谈判桌，双方都需要展现诚意，")]


def test_a_noun_object_of_a_denial_is_no_quote_but_a_clause_is():
    assert quotes_of("该国政府始终否认这些说法及批评。\n") == []
    assert quotes_of("对方在集会上猛烈抨击东京。\n") == []
    found = [(q.cue, q.text) for q in quotes_of("日方否认这一调查是公正的。该国外交部否认本国与油管遭破坏一事有任何牵连。\n")]
    assert found == [("否认", "这一调查是公正的"), ("否认", "本国与油管遭破坏一事有任何牵连")]


def test_a_verb_joined_with_shuo_is_one_cue():
    found = [(q.speaker, q.cue, q.text) for q in quotes_of("外长张明警告说，一旦局势升级，邻国可能会关闭海峡。\n")]
    assert found == [("张明", "警告说", "一旦局势升级，邻国可能会关闭海峡")]
    found = [(q.cue, q.text) for q in quotes_of("发言人王平指责说，对方十余次非法飞越领空，称“这种行为司空见惯。”\n")]
    assert found[0] == ("指责说", "对方十余次非法飞越领空")


def test_a_short_sentence_in_marks_in_the_first_person_is_the_speaker_s_own():
    text = "林志明總統今日出席農業論壇。總統表示，政府將加碼投入資源，讓農業走向世界。「我們一起努力吧」。\n"
    found = [(q.speaker, q.type, q.text) for q in quotes_of(text)]
    assert found == [("林志明", "indirect", "政府將加碼投入資源，讓農業走向世界"), ("林志明", "direct", "我們一起努力吧")]


def test_a_term_in_marks_inside_a_clause_is_no_speech_before_a_speaker():
    assert quotes_of("總統首先針對社會關注「校園午餐加價」議題說明政府的做法。\n") == []
    text = "他们应该“向对方表明，持续打压不会换来合作，”人权团体主任王文说。\n"
    assert [(q.speaker, q.type) for q in quotes_of(text)] == [("王文", "direct")]


def test_an_appeal_to_a_group_with_nothing_asked_is_no_quote():
    assert quotes_of("陳資政特別以一句古語來期勉與會人士。\n") == []


def test_a_cue_between_two_quotations_closes_the_first_and_opens_the_second():
    text = "“我们最担心的是疫情扩散。”专家李明对本台说：“现在必须先把情况厘清。”\n"
    found = [(q.speaker, q.text) for q in quotes_of(text)]
    assert found == [("李明", "我们最担心的是疫情扩散。"), ("李明", "现在必须先把情况厘清。")]


def test_a_pasted_link_is_no_headline():
    text = "網友熱議\n\n有人说，这不公平。\n\n原文網址 https://example.com/post/123\n\n学者：这是常态\n"
    quotes = quotes_of(text)
    assert not any("example.com" in q.text for q in quotes)
    assert any(q.type == "headline" and q.text == "这是常态" for q in quotes)


def test_a_sentence_opening_on_a_belief_goes_on_with_the_speech_and_one_on_a_wish_does_not():
    text = "市長王大同表示，兩市的學生互訪逐年增加。{}明年兩市還會合辦更多活動。\n"
    assert [q.text for q in quotes_of(text.format("相信"))] == ["兩市的學生互訪逐年增加。相信明年兩市還會合辦更多活動"]
    assert [(q.speaker, q.cue) for q in quotes_of(text.format("期盼"))] == [("王大同", "表示"), ("王大同", "期盼")]


def test_expected_to_is_no_report_but_a_forecast_before_a_comma_is():
    assert quotes_of("该法案预计将于下月生效。\n") == []
    assert [(q.speaker, q.cue) for q in quotes_of("研究机构预计，今年经济将增长百分之五。\n")] == [("研究机构", "预计")]
    text = "市长王大同表示，两市合作日益密切，交流成果丰硕。预计明年将有更多学生互访。\n"
    assert [q.text for q in quotes_of(text)] == ["两市合作日益密切，交流成果丰硕。预计明年将有更多学生互访"]


def test_a_postposed_speaker_may_stand_after_a_long_description_and_occasion():
    text = "“我会竭尽所能保卫国家，”现年67岁的前防卫大臣王大明星期四在党部举行的竞选大会上的十分钟演说中表示。\n"
    assert [(q.speaker, q.type) for q in quotes_of(text)] == [("王大明", "direct")]


def test_a_sentence_running_into_the_speech_that_closes_it_is_a_mixed_quote():
    text = "这项政策反映了政府试图将自己塑造成“改革者”的努力，并“回应了选民长期以来的诉求，”分析师李小华说。\n"
    [q] = quotes_of(text)
    assert (q.speaker, q.type) == ("李小华", "mixed") and q.text.startswith("这项政策反映了")
    [q] = quotes_of("对此，“我们会继续努力，”王大明说。\n")  # a connective is no part of the speech
    assert (q.type, q.text) == ("direct", "我们会继续努力，")


def test_a_speech_verb_takes_a_committed_verb_phrase_directly_but_not_a_gesture():
    assert [(q.speaker, q.text) for q in quotes_of("外交部长王大明表示将继续推动两国合作。\n")] == [("王大明", "将继续推动两国合作")]
    assert quotes_of("外交部长王大明表示感谢。\n") == []
    assert quotes_of("该机构预计将于下月发布报告。\n") == []  # not a speech verb: "is expected to"


def test_a_ruling_is_reported_and_an_expectation_as_a_noun_is_not():
    assert [(q.speaker, q.cue) for q in quotes_of("法院裁定，被告的罪名成立。\n")] == [("法院", "裁定")]
    assert quotes_of("這次展覽的人數不僅超乎預期，也創下新高。\n") == []


def test_said_takes_a_clause_with_no_comma_but_a_gesture_is_no_speech():
    assert [(q.speaker, q.text) for q in quotes_of("外交部发言人王明说这并没有带来任何不便。\n")] == [("王明", "这并没有带来任何不便")]
    assert quotes_of("总统王大明对代表团一行表示诚挚的欢迎。\n") == []
    assert quotes_of("总统王大明在会上发表演说后接受提问。\n") == []


def test_a_quotation_right_after_another_goes_on_with_its_speech():
    text = "“代价再高我们也不怕，”发言人李华说。“我们不会退让，”“我们会以行动回应行动。”\n"
    assert [(q.speaker, q.text) for q in quotes_of(text)][-1] == ("李华", "我们会以行动回应行动。")


def test_said_before_is_a_cue():
    assert [(q.speaker, q.text) for q in quotes_of("总统王大明说过，他对邻国不抱幻想。\n")] == [("王大明", "他对邻国不抱幻想")]


def test_data_that_shows_speaks_for_who_issued_it_but_a_person_who_finds_says_nothing():
    q = only("海关总署周二公布的数据显示，上月出口同比下降百分之五。\n")
    assert (q.speaker, q.cue) == ("海关总署", "显示")
    assert quotes_of("他发现，房间里没有人。\n") == []


def test_data_the_speaker_cites_does_not_cut_his_speech():
    q = only("财政部长林海峰说，根据民调显示，多数选民支持减税，政府会照办。\n")
    assert q.speaker == "林海峰" and q.text.endswith("政府会照办")


def test_a_cue_after_youguan_or_a_light_verb_is_a_noun():
    assert quotes_of("交通部对有关批评进行了回应。\n") == []


def test_a_quotation_closed_by_an_outlet_citing_someone_s_words_is_theirs():
    q = only("“没有任何国家支持这种主张，”路透社引述防长王大明的话。\n")
    assert (q.speaker, q.text) == ("王大明", "没有任何国家支持这种主张，")
    assert q.source.startswith("路透社")


def test_cheng_takes_content_opening_on_a_title_but_an_emphasis_on_a_titled_topic_is_no_speech():
    assert [(q.speaker, q.text) for q in quotes_of("总统李明称《和平宣言》是两国关系的新起点。\n")] == [("李明", "《和平宣言》是两国关系的新起点")]
    assert quotes_of("总统李明强调《和平宣言》之重要性。\n") == []


def test_a_party_s_or_one_s_own_thing_as_object_is_no_speech():
    assert quotes_of("该公司否认美国的说法。\n") == []
    assert quotes_of("他谈到自己的感受。\n") == []
    assert [q.text for q in quotes_of("美国宣布将向乌克兰提供新的军援。\n")] == ["将向乌克兰提供新的军援"]


NO_SPEECH = {
    "a cue before 后 closes a time clause": "议会驳回了内阁提出的覆议要求后，新法随即生效。",
    "a section label": "时间点：向邻国释放讯息",
    "a cue after 包括": "他发布多篇帖子，包括批评邻国的军事行动。",
    "a vote": "议员王明投票支持宣布被告无罪。",
    "a cue after 其, a noun": "今年的采购额只略高于其承诺数额的三成。",
    "a cue before its verdict": "院长李华在议会表决宣布对部长的指控不成立后离席。",
    "a cue inside 在…过程中": "在质疑投票结果的过程中，她与同事密切合作。",
    "a cue after a causative": "官方媒体大力宣传此事，使许多居民相信政府不会停课。",
    "a noun cue a verb completes": "今年已有三千人完成资格认定，可以参加下一期的培训课程。",
}


@pytest.mark.parametrize("text", NO_SPEECH.values(), ids=NO_SPEECH.keys())
def test_no_speech(text):
    assert quotes_of(text + "\n") == []


ONE_QUOTE = {
    # a postposed cue spaced out from its full stop still closes the quote
    "spaced full stop": ("“新线路下个月就会通车，乘客不必再绕路，” 交通局长郑国平说 。",
                         {"type": "direct", "speaker": "郑国平", "text": "新线路下个月就会通车，乘客不必再绕路，"}),
    # spaces inside the marks are no part of a direct quote
    "spaces in the marks": ("“ 渔获量连续三年下降，我们必须减少捕捞天数。 ”渔业署长周文昌说。",
                            {"text": "渔获量连续三年下降，我们必须减少捕捞天数。"}),
    # a cue that modifies a noun inside a report names no inner speaker
    "cue modifying a noun": ("海洋研究所的报告显示，该国远未达到其承诺的减排目标。",
                             {"speaker": "海洋研究所", "text": "该国远未达到其承诺的减排目标"}),
    # a noun cue a verb keeps or breaks is no cue
    "noun cue kept": ("林海指出，富裕国家应履行减排融资承诺，不能只要求穷国加快减排。", {"speaker": "林海", "cue": "指出"}),
    # a finding takes its clause directly
    "finding": ("某国司法部认定该公司多年来向境外转移了大量资金。",
                {"speaker": "某国司法部", "cue": "认定", "text": "该公司多年来向境外转移了大量资金"}),
}


@pytest.mark.parametrize("case", ONE_QUOTE)
def test_one_quote(case):
    text, expected = ONE_QUOTE[case]
    q = only(text + "\n")
    assert {field: getattr(q, field) for field in expected} == expected


def test_a_term_in_marks_opening_a_report_gives_way_to_the_next_speaker():
    found = quotes_of("市长对此回应「再看看吧」的说法，总统表示，各界近来讨论很多。\n")
    assert [(q.speaker, q.text) for q in found] == [("市长", "「再看看吧」的说法"), ("总统", "各界近来讨论很多")]


def test_a_topic_phrase_ending_in_a_noun_cue_is_no_new_speaker():
    q = only("总统说，该基金会是东京知名的智库，对于多项议题的政策建议，也受到政府重视。\n")
    assert q.speaker == "总统" and q.text.endswith("也受到政府重视")


def test_a_noun_object_before_another_speaker_s_report_is_no_quote():
    found = quotes_of("部长谴责这次袭击，但发言人随后表示，“我们不希望局势继续升级。”\n")
    assert [(q.speaker, q.text) for q in found] == [("发言人", "我们不希望局势继续升级。")]


def test_in_agency_copy_a_dated_event_after_a_report_is_the_reporter_s_background():
    found = quotes_of("部长说，他将尽快结束这场争端。邻国2019年5月退出该协定，谈判由此中断。\n")
    assert [q.text for q in found] == ["他将尽快结束这场争端"]
    found = quotes_of("部长说，他将尽快结束这场争端。我们在2019年已经提出方案。\n")
    assert [q.text for q in found] == ["他将尽快结束这场争端。我们在2019年已经提出方案"]  # the speaker's own dates go on
    found = quotes_of("航空局宣布，将暂停两家外国航空公司的航班。这一决定是在对方取消航班之后作出的。\n")
    assert [q.text for q in found] == ["将暂停两家外国航空公司的航班"]  # the act reported, named by the reporter
    found = quotes_of("部長說，他將盡快結束這場爭端。鄰國2019年5月退出該協定，談判由此中斷。\n")
    assert found[0].text.endswith("談判由此中斷")  # a Taiwan release's run-on is left as it was


def test_a_pronoun_placed_at_an_event_opens_a_new_report():
    found = quotes_of("议员说，证据表明被告有罪。他在市政厅前的一场集会上敦促支持者继续抗争。\n")
    assert [q.text for q in found] == ["证据表明被告有罪", "支持者继续抗争"]


def test_in_agency_copy_a_pronoun_reporting_again_after_a_comma_is_a_quote_of_its_own():
    found = quotes_of("卡伦呼吁，两国应尽快商签投资协定，她说这会为双方带来好处。\n")
    assert [q.text for q in found] == ["两国应尽快商签投资协定", "这会为双方带来好处"]
    for text in ("议员表示，他在任内打算离开该联盟时，他们要求他留下。\n", "议员表示，考虑到两国供应链的紧密程度，他认为制裁必须谨慎。\n"):
        assert len(quotes_of(text)) == 1  # a time or circumstance clause before the pronoun belongs to its report


def test_in_agency_copy_a_sentence_leading_to_a_later_report_does_not_run_on():
    found = quotes_of("两国军方周一证实，对方舰艇驶入了争议海域。东京对此态度谨慎，防卫大臣表示两国应当继续沟通。\n")
    assert [q.text for q in found] == ["对方舰艇驶入了争议海域", "两国应当继续沟通"]


def test_in_agency_copy_the_speaker_s_verb_after_a_contrast_reports_again_but_not_the_content_s_subject_s():
    found = quotes_of("发言人仍然指责邻国侵权挑衅，但又表示本国不会关上对话的大门。\n")
    assert [q.text for q in found] == ["邻国侵权挑衅", "本国不会关上对话的大门"]
    found = quotes_of("通讯社指出，甲国一直拒绝证实此事，但是承认两国合作包含敏感领域。\n")
    assert [q.text for q in found] == ["甲国一直拒绝证实此事，但是承认两国合作包含敏感领域"]


def test_after_an_account_a_speaker_may_hold_the_office_described_and_a_name_in_its_own_script():
    q = only("某社报道称，国家海洋委员会负责渔业谈判的高级主任魏岚（Wei Lan）在受访时指出，两国一直在深化合作。\n")
    assert (q.speaker, q.source, q.text) == ("魏岚", "某社", "两国一直在深化合作")


def test_in_agency_copy_a_sentence_telling_how_much_later_something_happened_ends_a_report():
    found = quotes_of("某社说，一条海底电缆周日被切断。次日，另一条光缆也遭到破坏。\n")
    assert [q.text for q in found] == ["一条海底电缆周日被切断"]
    found = quotes_of("某社说，一条海底电缆周日被切断。两天后，另一条光缆也遭到破坏。\n")
    assert [q.text for q in found] == ["一条海底电缆周日被切断"]
    # the time after an act, no content of it
    assert quotes_of("标题\n\n1995年部长认定的继任者及其家人。在部长宣布三天后，继任者和家人被带走。\n") == []


def test_a_cue_after_a_light_verb_is_a_noun():
    assert quotes_of("会后，甲国防长向记者作了说明，乙国政府也发表了声明。\n") == []


def test_in_agency_copy_a_coordinated_cue_after_an_adverb_of_emphasis_reports_again():
    found = quotes_of("外长石田呼吁构建地区安全同盟，并再次指责邻国试射导弹。\n")
    assert [q.text for q in found] == ["构建地区安全同盟", "邻国试射导弹"]


def test_in_agency_copy_a_party_reporting_after_a_comma_is_a_quote_of_its_own():
    found = quotes_of("路透社说，目前尚无袭击者的消息，但是华沙指责明斯克策划了这次行动。\n")
    assert [(q.speaker, q.text) for q in found] == [("路透社", "目前尚无袭击者的消息"), ("华沙", "明斯克策划了这次行动")]
    found = quotes_of("挪威周二宣布将增派两艘巡逻舰，丹麦上星期宣布将提供十架无人机。\n")
    assert [q.speaker for q in found] == ["挪威", "丹麦"]
    for text in ("分析人士说，若局势恶化，美国可能会要求盟友分担费用。\n",  # a modal: what a party may do, no report
                 "议员表示，这点很关键，日本并非要求邻国表态。\n"):
        assert len(quotes_of(text)) == 1


def test_a_verb_of_speech_joined_to_a_noun_is_a_noun():
    found = quotes_of("政府对此表达强烈不满与谴责，要求对方立即道歉。\n")
    assert [q.cue for q in found] == ["要求"]


def test_speaking_frankly_takes_its_content_directly_but_not_the_idiom():
    assert [q.text for q in quotes_of("但阿华直言政府不会放宽管控，基层压力很大。\n")] == ["政府不会放宽管控，基层压力很大"]
    assert all(q.cue != "直言" for q in quotes_of("这位议员直言不讳地批评政府。\n"))


def test_a_compiled_report_ends_a_run_on():
    found = quotes_of("时任侨联副主席卢立德撰文说，该党正面临抉择。综合当地多家媒体报道，政府曾私下劝说该党参选。\n")
    assert found[0].text == "该党正面临抉择"


def test_a_cue_negated_across_an_adverb_reports_nothing():
    assert all(q.cue != "宣布" for q in quotes_of("对此，白宫表示目前不会立即宣布有关决定。\n"))
    assert quotes_of("他没有立即透露细节。\n") == []


def test_a_cue_with_a_clause_after_it_still_reports():
    assert [q.text for q in quotes_of("美国商务部宣布实施新的出口管制措施。\n")] == ["实施新的出口管制措施"]


def test_data_glued_to_an_authority_is_issued_by_it_but_data_glued_to_a_topic_by_no_one():
    assert [q.speaker for q in quotes_of("省统计局数据显示，上季零售增长。\n")] == ["省统计局"]
    assert quotes_of("社会数据显示，上月出口下降。\n") == []


def test_after_an_account_a_speaker_may_carry_a_stack_of_titles_and_an_occasion():
    q = only("报道说，教廷圣座国务卿特使李大明枢机6月3日在论坛上表示，盼在当地设立办事处。\n")
    assert (q.speaker, q.text) == ("李大明", "盼在当地设立办事处")
    assert [q.speaker for q in quotes_of("民调显示，本周的集会参与者中有四成认为自己很保守。\n")] != ["党团会"]


def test_a_guess_at_another_s_mind_opening_on_a_hedge_is_the_speaker_s_own():
    assert [(q.speaker, q.cue) for q in quotes_of("评论员翁大中说，或许李前总统认为他是在为和平奔走。\n")] == [("翁大中", "说")]


def test_an_opening_mark_typed_for_a_closing_one_closes_the_quotation():
    text = "议员李华说，“我们会回应。“\n\n“他们不想丢脸，“他说。\n"
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [("李华", "我们会回应。"), ("李华", "他们不想丢脸，")]
    assert quotes_of("他引用了“一国两制“的说法。\n") == []


def test_a_straight_mark_that_opens_what_a_curly_one_closes_opens_the_quotation():
    text = '"渔获量连续三年下降，我们必须减少捕捞天数，”渔业署长周文昌说。\n\n他说"这只是开始"。\n'
    assert [(q.speaker, q.text) for q in quotes_of(text)][0] == ("周文昌", "渔获量连续三年下降，我们必须减少捕捞天数，")






def test_what_a_rule_requires_or_a_visit_means_to_restate_is_no_speech():
    assert quotes_of("草拟中的法律要求接受境外捐款的团体向政府报备。\n") == []
    assert quotes_of("部长此行旨在重申两国的同盟承诺。\n") == []
    assert [q.speaker for q in quotes_of("外交部长王明要求对方立即停火。\n")] == ["王明"]


def test_a_proposal_and_a_loud_claim_report_speech():
    q = only("总理王大明提议两国明年共同举办一场文化节。\n")
    assert (q.speaker, q.cue, q.text) == ("王大明", "提议", "两国明年共同举办一场文化节")
    q = only("该组织多次声言当地法院必须听命于它。\n")
    assert (q.cue, q.text) == ("声言", "当地法院必须听命于它")
    assert quotes_of("这项提议，得到了多数议员的支持。\n") == []  # the noun


def test_a_frame_after_a_contrast_is_the_source_s_statement():
    q = only("该镇被封锁了两个多月，而根据某机构的估计，镇上已有数千居民离开。\n")
    assert (q.speaker, q.text) == ("某机构", "镇上已有数千居民离开")
    q = only("而据乙国媒体报道，乙国政府将在下月派出代表团。\n")
    assert q.speaker == "乙国媒体"


def test_a_view_named_before_a_colon_is_given_after_it():
    q = only("外长王大明重申了这一立场：两国必须尽快停火。\n")
    assert (q.speaker, q.cue, q.text) == ("王大明", "重申", "两国必须尽快停火")
    assert [q.text for q in quotes_of("外长王大明列出两点看法：第一，两国必须停火。\n")] != ["第一"]


def test_figures_in_a_frame_state_a_claim_even_of_an_event():
    text = "另据该会热线中心的统计数据显示，今年收到居民提出的求助个案约有两百件。\n"
    assert [(q.speaker, q.cue) for q in quotes_of(text)] == [("该会热线中心", "显示")]


def test_a_suggestion_takes_its_clause_directly_but_not_a_numbered_point():
    q = only("议员王大明在一次采访中建议两国停止战斗，并建立一个非军事区。\n")
    assert (q.speaker, q.cue, q.text) == ("王大明", "建议", "两国停止战斗，并建立一个非军事区")
    assert quotes_of("研讨会建议二、政府应加强基础建设。\n") == []


def test_complaints_hints_signals_and_guesses_report_speech():
    q = only("王大明在集会上抱怨乙国缴纳的会费远低于本国。\n")
    assert (q.speaker, q.cue, q.text) == ("王大明", "抱怨", "乙国缴纳的会费远低于本国")
    q = only("主教李大明暗示这次行动“越过了底线”。\n")
    assert (q.speaker, q.cue, q.text) == ("李大明", "暗示", "这次行动“越过了底线”")
    assert quotes_of("北京暗示性地发出警告。\n") == []


def test_another_speaker_and_a_reply_close_a_quotation():
    q = only("“我通常只说自己是亚裔，”另一位学员王小华说。\n")
    assert (q.speaker, q.text) == ("王小华", "我通常只说自己是亚裔，")
    text = "“这不是让步，”王大明周四回应道。“我们要保住生命。”\n"
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [("王大明", "这不是让步，"), ("王大明", "我们要保住生命。")]


def test_a_postposed_speaker_may_hold_a_name_in_marks_and_a_gloss_with_a_comma():
    q = only("“现在是清晨六点，我们已经进城，”王大明在网络平台“快讯”上发布的影片中说道。\n")
    assert (q.speaker, q.text) == ("王大明", "现在是清晨六点，我们已经进城，")
    q = only("“两党一直支持我们，”王大明周一参与某民主委员会（Some Democracy Council, 简称SDC）年会时说。\n")
    assert (q.speaker, q.text) == ("王大明", "两党一直支持我们，")
    assert [q.cue for q in quotes_of("「某某奖」有「业界奥斯卡」的美称。\n")] == []


def test_a_judgement_in_a_frame_states_a_claim_even_of_a_visit():
    q = only("据学者王大明观察，这次访问的重点并不是贸易。\n")
    assert (q.speaker, q.cue, q.text) == ("王大明", "观察", "这次访问的重点并不是贸易")


def test_a_source_asking_for_anonymity_is_no_quote_and_ends_the_one_before():
    text = "一名官员说，船队已经离港，他要求匿名，因为他无权公开发言。\n"
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [("一名官员", "船队已经离港")]
    assert quotes_of("这些官员要求不具名讨论敏感的安全事务。\n") == []
    assert [q.cue for q in quotes_of("议员王大明要求政府公开名单。\n")] == ["要求"]


def test_what_the_reporter_says_was_left_unsaid_ends_the_report():
    q = only("王大明多次表示，他盼望冲突尽快停止，但没有表明他盼望哪一方取胜。\n")
    assert (q.speaker, q.text) == ("王大明", "他盼望冲突尽快停止")
    q = only("该国外交部表示，两名外交官违反了相关公约，但没有提供更多细节。\n")
    assert q.text == "两名外交官违反了相关公约"
    # a clause the speaker himself negates stays his (该决议原文中，并未提及…)
    q = only("该联盟指出，那项决议的原文中，并未提及这座岛屿。\n")
    assert q.text.endswith("并未提及这座岛屿")


def test_a_date_after_a_speech_closes_it_but_a_date_heading_one_does_not():
    text = ("王明德總統今天出席年會。總統講話內容如下：\n\n各位會員：教育是立國的根本。\n\n祝大會成功。謝謝。\n\n"
            "中華民國九十一年三月十四日\n\n秘書長陳大同今天在委員會議中強調，兩岸關係必須穩定發展。\n")
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["王明德", "王明德", "陳大同"]
    text = ("王明德總統今天出席年會。總統講話內容如下：\n\n年會開幕典禮\n\n中華民國九十一年三月十四日\n\n"
            "各位會員：教育是立國的根本。\n\n祝大會成功。謝謝。\n")
    assert [q.speaker for q in quotes_of(text)] == ["王明德", "王明德"]


def test_a_phrase_that_says_how_one_puts_it_is_no_cue():
    assert [q.cue for q in quotes_of("部長表示，簡單說，這代表制度還未完善。\n")] == ["表示"]


def test_a_speech_noun_closing_a_topic_phrase_reports_nothing():
    assert quotes_of("針對甲國給予乙國的防衛承諾，部長也表達謝意。\n") == []
    q = only("关于外界的批评，部长王大明表示，政府将检讨。\n")
    assert (q.speaker, q.text) == ("王大明", "政府将检讨")


def test_an_instruction_reports_what_was_ordered_but_not_as_a_noun():
    q = only("总统王大明今天指示国防部全力搜救失踪飞行员。\n")
    assert (q.speaker, q.cue, q.text) == ("王大明", "指示", "国防部全力搜救失踪飞行员")
    assert quotes_of("在总统的指示下，各部会迅速完成了救灾准备。\n") == []
    assert quotes_of("居民纷纷遵照警方指示，撤离到安全地点。\n") == []


def test_someone_addressed_before_an_act_is_no_speaker():
    text = "王大明總統今日出席儀式時，向罹難船員家屬表達深切的哀悼，也已指示海巡署，務必要全力搜尋。\n"
    assert [q.speaker for q in quotes_of(text)] == ["王大明"]


def test_quotations_listed_to_the_end_of_a_sentence_are_each_a_quote_but_listed_names_are_not():
    text = "有网友回应“这位老板惹不起”、“人家不缺我们”、“这下没面子了”。\n"
    assert [(q.speaker, q.type, q.text) for q in quotes_of(text)] == [
        ("网友", "direct", "这位老板惹不起"), ("网友", "direct", "人家不缺我们"), ("网友", "direct", "这下没面子了")]
    assert len(quotes_of("部長提出「繁榮城市」、「和平鄰里」等施政目標。\n")) == 1
    assert [q.type for q in quotes_of("館長介紹「兒童閱覽室」、「民眾休息區」。\n")] != ["direct", "direct"]


def test_in_news_copy_a_statement_may_follow_its_verb_directly_but_not_in_a_release():
    q = only("对此，该国政府表示近期不会公布相关名单。\n")
    assert (q.cue, q.text) == ("表示", "近期不会公布相关名单")
    assert quotes_of("该国外长对局势表示担忧。\n") == []
    assert quotes_of("總統對各位貴賓表示熱烈的歡迎。\n") == []


def test_a_cue_word_listed_before_a_conjunction_is_a_noun():
    text = "除了经济援助和政治承认和，前参议员柯林还呼吁各国，尽快恢复对该岛的航班。\n"
    assert [(q.speaker, q.cue) for q in quotes_of(text)] == [("柯林", "呼吁")]


def test_a_dialogue_s_transcript_goes_by_the_labels_of_its_speakers():
    text = ("副總統今日與來訪的歐洲議員座談。\n副總統與柯文斯議員座談內容為：\n"
            "柯文斯議員：很高興能與副總統見面，我們一行人對台灣的防疫表現非常欽佩。\n"
            "副總統：歡迎各位再度來訪，台灣願意與歐洲分享防疫的經驗。\n"
            "我們也期待雙方在半導體領域持續合作。\n"
            "柯文斯議員：歐洲議會會繼續關注台海的和平與穩定。\n"
            "提問人：請問雙方下一步合作的重點為何？\n")
    assert [(q.speaker_mention, q.text[:4]) for q in quotes_of(text)] == [
        ("柯文斯議員", "很高興能"), ("副總統", "歡迎各位"), ("副總統", "我們也期"), ("柯文斯議員", "歐洲議會")]
    speech = ("校長出席畢業典禮。\n校長致詞內容為：\n各位同學：今天是各位畢業的日子，值得大家慶賀。\n"
              "關心社會：大家要多關心弱勢的族群。\n各位同學：希望大家勇敢追夢。\n")
    assert len(quotes_of(speech)) == 3 and all(q.speaker_mention.startswith("校長") for q in quotes_of(speech))


def test_the_speaker_named_again_before_a_verb_taking_its_content_opens_a_report():
    text = "部长表示，各项准备工作已经就绪，部长希望社会各界共同支持这项计划。\n"
    assert [(q.cue, q.text) for q in quotes_of(text)] == [("表示", "各项准备工作已经就绪"), ("希望", "社会各界共同支持这项计划")]


def test_in_news_copy_another_party_s_turn_after_a_contrast_ends_a_report():
    text = "外交部发言人说，中方反对单边制裁，而美方则表示将继续施压。\n"
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [("外交部发言人", "中方反对单边制裁"), ("美方", "将继续施压")]


def test_a_titled_third_party_quoted_inside_a_speech_is_a_quote_of_its_own():
    text = ("院長指出，雙方的合作已經非常緊密；加拿大前外長莫里安（Paul Morian）曾公開表示：「兩國是彼此最可靠的夥伴」。\n")
    assert [(q.speaker, q.type, q.text) for q in quotes_of(text)] == [
        ("院長", "indirect", "雙方的合作已經非常緊密"), ("莫里安", "direct", "兩國是彼此最可靠的夥伴")]


@pytest.mark.parametrize("text, expected", [
    # 须|承诺: a modal before the verb tells what the account says someone must do, no one who speaks
    ("据东方通讯社报道，偷渡者获释前须承诺不再越境。", {"speaker": "东方通讯社", "text": "偷渡者获释前须承诺不再越境"}),
    # 纪要说，两位领导人重申了…的决心: a verb with 了 and a noun object tells an act, no inner speaker
    ("白宫星期三发布了通话纪要。\n\n纪要说，两位领导人重申了继续加强防务合作的决心。",
     {"speaker": "白宫", "text": "两位领导人重申了继续加强防务合作的决心"}),
    # 根据X的（最新）报告，…: the report's findings are X's account, like 据X的数据，…
    ("根据亚洲开发银行的最新报告，区域经济今年增速放缓。", {"speaker": "亚洲开发银行", "text": "区域经济今年增速放缓"}),
    # 某某在某论坛（Gloss）上曾表示“…”: the gloss and the adverb after the occasion do not lengthen the subject
    ("《南岛日报》报导，许志成在东京的创新论坛（Pacific Makers Forum）上曾表示“亚洲是最大的市场”。",
     {"speaker": "许志成", "source": "《南岛日报》", "text": "亚洲是最大的市场"}),
    # 保证将…: in agency copy the promise follows the verb with no comma, like 承诺
    ("北原首相向来访的总理保证将继续开放市场。", {"speaker": "北原", "cue": "保证", "text": "将继续开放市场"}),
    # 虽然甲国希望…，但…: the speaker concedes another's wish; no new attribution opens
    ("林教授说，该联盟运作良好。虽然甲国希望扩大成员，但并无意改变宗旨。",
     {"speaker": "林教授", "text": "该联盟运作良好。虽然甲国希望扩大成员，但并无意改变宗旨"}),
], ids=["modal-after-account", "act-after-account", "report-frame", "occasion-with-gloss", "pledge-in-news-copy", "conceded-view"])
def test_who_speaks_in_agency_copy_s_accounts_and_arguments(text, expected):
    q = only(text)
    assert {field: getattr(q, field) for field in expected} == expected
