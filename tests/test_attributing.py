"""The attributor: subjects across adverbials, canonical names, anaphora, kinds, frames."""
from conftest import only, quotes_of
from quotes.pipeline import analyze


def test_speaker_found_across_time_adverbials():
    q = only("卫生部长陈立当地时间周三指责药厂隐瞒副作用数据。")
    assert (q.speaker, q.role, q.cue) == ("陈立", "卫生部长", "指责")


def test_speaker_found_across_a_place_phrase_and_comma():
    q = only("欧盟驻华大使马可在北京举行的经贸论坛上，呼吁双方尽快重启投资谈判。")
    assert q.speaker == "马可" and q.cue == "呼吁"


def test_subject_is_not_the_object_of_a_companion_verb():
    q = only("外长王磊当天与到访的日本外相通电话表示，两国应管控分歧。")
    assert q.speaker == "王磊"


def test_one_canonical_name_for_titled_and_bare_mentions():
    text = "新任财政部长周文当天出席国会。\n\n周文表示，政府将削减开支。\n\n周文随后说，税率不会调整。"
    found = quotes_of(text)
    assert [q.speaker for q in found] == ["周文", "周文"]
    assert all(q.role == "财政部长" for q in found)


def test_pronoun_and_title_anaphora_resolve_to_the_entity():
    text = (
        "外交部发言人林晓峰表示，中方已提出严正交涉。\n\n"
        "他强调：“任何挑衅都不会得逞。”\n\n"
        "该发言人还说，双方沟通渠道保持畅通。"
    )
    found = quotes_of(text)
    assert [q.speaker for q in found] == ["林晓峰"] * 3
    assert [q.speaker_mention for q in found][1:] == ["他", "该发言人"]


def test_speaker_kinds():
    text = (
        "知情人士透露，谈判已进入最后阶段。\n\n"
        "英国《卫报》报道，警方已逮捕两名嫌犯。\n\n"
        "白宫表示，总统将于下周出访。"
    )
    kinds = [(q.speaker, q.speaker_kind) for q in quotes_of(text)]
    assert kinds == [("知情人士", "anonymous"), ("卫报", "media"), ("白宫", "organization")]


def test_unnamed_source_phrase_is_kept_whole():
    q = only("（日内瓦1日讯）熟悉谈判内容的欧洲外交官说，协议草案已经完成。")
    assert q.speaker == "熟悉谈判内容的欧洲外交官" and q.speaker_kind == "anonymous"


def test_traditional_script_keeps_its_own_characters():
    q = only("行政院長蘇明哲今天表示，政府將全力協助災民重建家園。")
    assert (q.speaker, q.role) == ("蘇明哲", "行政院長")


def test_source_frame_governs_following_paragraphs_until_a_new_frame():
    text = (
        "据新华社报道，商务部长王文表示，双方同意继续磋商。\n\n"
        "王文说，中方关切已得到回应。\n\n"
        "法广根据美国贸易代表办公室发表的声明，美方代表说，谈判富有成果。"
    )
    found = quotes_of(text)
    assert [q.source for q in found] == ["新华社", "新华社", "法广/美国贸易代表办公室声明"]


def test_section_heading_ends_the_frame():
    text = "据路透社报道，部长王文表示，谈判顺利。\n\n会谈之后\n\n王文说，下一轮会谈定在三月。"
    found = quotes_of(text)
    assert [q.source for q in found] == ["路透社", None]


def test_a_paper_s_account_ends_where_a_speaker_talks_at_an_occasion_of_their_own():
    text = ("标题\n\n外交部新闻稿指出，部长王文表示，两国将扩大合作。\n\n"
            "不过，王文昨天在记者会上谈到合作时，语气保守许多。他说，具体安排还要再谈。\n")
    assert [q.source for q in quotes_of(text)] == ["外交部新闻稿", None]
    text = "标题\n\n据通讯社报道，部长王文表示，两国将扩大合作。\n\n王文在记者会上说，具体安排还要再谈。\n"
    assert [q.source for q in quotes_of(text)] == ["通讯社", "通讯社"]  # an outlet reports the press conference too
    text = ("标题\n\n外交部新闻稿指出，部长王文表示，两国将扩大合作。\n\n"
            "王文次日接受《东方日报》专访时有所保留。“具体安排还要再谈，”他说。\n")
    assert [q.source for q in quotes_of(text)][-1] is None  # an interview is an occasion of his own too


def test_a_press_secretary_is_a_title_not_a_report():
    q = only("標題\n\n日本防衛省報道官村田浩二否認說，兩位部長「完全沒有談及出口」。\n")
    assert (q.speaker, q.cue) == ("村田浩二", "否認說")


def test_a_host_named_before_the_title_a_visitor_calls_on_is_the_speaker_his_title_means():
    found = quotes_of("標題\n\n訪問團昨日在府內晉見林啟明總統。\n\n總統說，兩國人民都珍惜得來不易的自由。\n")
    assert [q.speaker for q in found] == ["林啟明"]


def test_a_paper_going_on_after_a_quotation_keeps_its_account_for_the_voice_it_relays():
    text = ("标题\n\n乙国总统办公室发出的声明与此大同小异。声明说，三国部长商讨了新方案。\n\n"
            "声明引述科瓦连的话说：“我们每天都在用。”声明又称，维特根向乙方承诺，甲国的支持不会动摇。\n")
    assert [q.source for q in quotes_of(text)] == ["乙国总统办公室声明"] * 3


def test_a_malay_name_after_an_honorific_goes_by_its_given_name():
    found = quotes_of("标题\n\n外交部长拿督斯里法兹勒·哈山周二对记者说，两国关系良好。\n\n马方外长法兹勒日前也表示，双方会继续对话。\n")
    assert [q.speaker for q in found] == ["法兹勒", "法兹勒"]  # the second part is the father's name
    assert quotes_of("标题\n\n以色列总理本雅明·拉宾周三表示，将保卫国家。\n")[0].speaker == "拉宾"  # no honorific: the last part


def test_a_body_s_website_speaks_for_the_body():
    q = only("标题\n\n亚基行的网站称林某的职责包括“提高对该行的关注度”。\n")
    assert q.speaker == "亚基行"  # not 网站


def test_he_after_one_unnamed_source_just_quoted_is_that_source():
    text = ("标题\n\n分析师王立说，市场需要时间。\n\n一位不愿具名的商人告诉记者，生意几乎停顿。\n\n"
            "他说，他不看好这项新政。\n")
    assert quotes_of(text)[-1].speaker == "一位不愿具名的商人"  # not 王立, named before him


def test_a_director_of_a_field_is_a_title():
    assert only("標題\n\n有關新網站，王明設計總監指出，改版以人民為核心。\n").speaker == "王明"


def test_malaysia_s_short_name_names_its_side():
    assert only("标题\n\n大马外交部昨天发出声明表示，该国执法船只依法巡逻。\n").speaker_side == "马方"


def test_first_person_inside_speech_is_not_an_attribution():
    found = quotes_of("总统告诉侨胞：我们希望，大家都能团结一致。")
    assert len(found) == 1 and found[0].speaker == "总统"


def test_taiwan_date_after_a_name_is_not_part_of_it():
    q = quotes_of("衛生署長李國強今（3）日在立法院答詢時表示，疫苗採購進度符合預期。")[0]
    assert (q.speaker, q.role) == ("李國強", "衛生署長")


def test_an_unnamed_expert_is_anonymous():
    q = only("专家认为，这一政策短期内难以见效。")
    assert (q.speaker, q.speaker_kind) == ("专家", "anonymous")


def test_a_counted_noun_phrase_runs_through_its_relative_clause():
    q = only("一名参与磋商的欧洲外交官对法新社坦言，目前各方立场相距甚远。")
    assert (q.speaker, q.speaker_kind, q.cue) == ("一名参与磋商的欧洲外交官", "anonymous", "坦言")
    q = only("秀林鄉一名在地居民受訪時說：「每次颱風來我們都很緊張。」")
    assert q.speaker == "秀林鄉一名在地居民" and q.speaker_kind == "anonymous"
    assert only("一名官员今天在记者会上说，会谈取得进展。").speaker == "一名官员"  # the head came first


def test_a_verb_after_a_title_in_the_narration_is_no_name():
    text = ("被告其後親筆寫信向事主道歉。\n\n"
            "案中一名女事主憶述：「我好驚，就去銀行攞錢俾佢。」\n\n"
            "上場前總教練只跟我說放輕鬆。\n\n總教練賽後表示：「年輕人撐住了。」\n")
    speakers = [q.speaker for q in quotes_of(text)]
    assert "道歉" not in speakers and "只跟我" not in speakers


def test_a_party_organ_or_state_as_subject_is_no_person():
    assert (only("据报道，五角大楼表示，将增派军舰前往该地区。").speaker_kind) == "organization"
    assert (only("美国表示，不会改变政策。").speaker_kind) == "organization"
    assert (only("塔斯社报道说，会谈取得成果。").speaker_kind) == "media"


def test_an_adverb_before_the_cue_is_not_part_of_a_long_description():
    q = only("一位因工作关系、不愿具名的本地商人就告诉记者，生意已经难以为继。")
    assert q.speaker == "一位因工作关系、不愿具名的本地商人" and q.speaker_kind == "anonymous"


def test_a_long_appositive_chain_names_its_last_person():
    q = only("南方某大学城市规划研究中心前主任、某研究院区域经济与公共政策研究所研究员孔维在接受电台采访时称，规划过于仓促。")
    assert (q.speaker, q.role) == ("孔维", "某研究院区域经济与公共政策研究所研究员")


def test_a_transliterated_name_may_hold_function_characters():
    assert (only("巴都拉前議長表示，合作成果豐碩。").speaker, only("卡都里主席表示，雙方往來密切。").speaker) == ("巴都拉", "卡都里")


def test_a_quoted_name_inside_a_subject():
    assert only("执政的“公民梦想”党辩称，新法将加强监督。").speaker == "公民梦想党"
    q = only("英国环保组织“绿色海岸”（Green Coast）行政总裁彼得（Tom Peters）指出，报告与政治无关。")
    assert (q.speaker, q.role) == ("彼得", "行政总裁")


def test_who_cites_figures_speaks_unless_a_report_cites_them():
    assert only("布鲁克援引气象中心的数据表示，今年雨量偏少。").speaker == "布鲁克"
    found = quotes_of("法新社报道称，学中文的人变多了。\n\n报道还援引一家主要招聘公司的数字说，需求增加了三倍。")
    assert found[-1].speaker == "一家主要招聘公司"


def test_senders_of_a_letter_are_its_speakers_not_its_addressee():
    q = only("两党参议员联名致信总理安德烈·马科（Andrei Marko）警告说，该计划可能导致政策改变。")
    assert q.speaker == "两党参议员"


def test_a_pronoun_does_not_take_a_name_from_inside_a_quotation():
    text = ("前外交官孟立安说：“他同学者、商界领袖和记者见面竟成了罪名，真是荒唐。”\n\n"
            "他又说：“我们会继续声援他。”")
    assert [q.speaker for q in quotes_of(text)] == ["孟立安", "孟立安"]


def test_title_modifiers_go_with_the_title():
    assert (only("莫迪里前代理部長表示，改革進展明顯。").speaker, only("費都克主席表示，國會持續支持。").speaker) == ("莫迪里", "費都克")


def test_a_common_word_is_no_name_unless_the_document_introduced_it():
    # 制裁 opens on a surname but is the treebank's common word: no antecedent for 他, no speaker
    text = "面对外界的制裁，高明远说，本国可以反制，因此，他说，本国难以硬碰硬。"
    assert [q.speaker for q in quotes_of(text)] == ["高明远", "高明远"]
    assert only("审理中，法庭表示，被告的参与程度相当。").speaker == "法庭"  # a court is a body
    assert only("美国和盟友公开谴责，该国一再发动黑客入侵。").speaker == "美国和盟友"  # the allies named along


def test_the_news_of_an_outlet_is_the_outlet_s_account():
    assert only("据东方广播公司的新闻报道，当地偷捕者获释后已经离开。").speaker == "东方广播公司"


def test_an_outlet_or_body_named_in_latin_letters_after_its_kind_is_the_speaker():
    # 美国科技网站|TechPulse, 调研机构|Pointline Research: the kind describes, the Latin name names
    assert [only(t).speaker for t in ("据美国科技网站TechPulse报道，三家零售商已停售该品牌。",
                                      "市场调研机构Pointline Research发布报告称，该品牌份额持续下滑。",
                                      "据《南方网》（Nanfang Net）报纸报道，当地稻农已经开始收割。")] == [
        "TechPulse", "Pointline Research", "南方网"]


def test_a_company_described_by_its_trade_is_named_after_the_description():
    # 存储芯片公司|海力星: the kind (公司, 企业) describes, the name follows; …半导体 names a company
    assert [only(t).speaker for t in ("韩国存储芯片公司海力星表示，第三季度营收增长。", "联芯半导体表示，第三季度营收增长。")] == [
        "海力星", "联芯半导体"]


def test_a_body_named_in_marks_after_its_kind_is_the_speaker():
    # 人权组织“某某”: the marks hold the body's name, whatever word it ends on (…捍卫者)
    assert [only(t).speaker for t in ("人权组织“边境守望者”表示，她已经第五次被判刑。",
                                      "根据环保团体“绿色海岸”的说法，该厂排放超标三倍。")] == ["边境守望者", "绿色海岸"]


def test_a_transliterated_name_may_open_on_a_surname_and_end_in_a_locative_character():
    # 洪贝里: 里 ends no Chinese name (家里, 会里), but a transliteration opening on a surname ends so
    assert only("前外交官洪贝里对记者说，协议只是一个开端。").speaker == "洪贝里"


def test_a_verb_of_summing_up_before_the_cue_is_no_part_of_the_speaker():
    assert only("部長報告完畢，總統總結說，產銷必須協調。").speaker == "總統"


def test_a_time_word_just_before_or_after_the_speaker_is_not_part_of_it():
    # 剛才/剛剛/之前 say when, like 今天: 剛才|林理事長, 周總統|剛才|提到 (才 closes the time word, not the name)
    assert [only(t).speaker for t in ("剛剛林理事長表示，同鄉會成立已經五十年。", "周總統剛才提到，雙方交流日益密切。",
                                      "之前馮部長曾提到，年輕人需要更多機會。")] == ["林理事長", "周總統", "馮部長"]


def test_deputy_senior_and_chief_go_with_the_title_after_a_name():
    # 副, 資深, 首席 open a title (副國安顧問, 資深副會長): the name ends before them
    assert [only(t).speaker for t in ("羅士德副國安顧問表示，雙方合作前景廣闊。", "高文德資深副會長說，訪團收穫豐富。",
                                      "貝克莉首席副助卿指出，區域和平至關重要。")] == ["羅士德", "高文德", "貝克莉"]


def test_a_party_secretary_general_is_a_role_not_a_name():
    q = only("执政党干事长刘正男表示，党内将在下周讨论预算。")
    assert (q.speaker, q.role) == ("刘正男", "执政党干事长")


def test_a_general_s_rank_after_the_name_is_no_part_of_it():
    assert only("卡德利上将说，联合演习将如期举行。").speaker == "卡德利"  # 将 closes 上将 here, not "will"
    q = only("国防委员会秘书马可·费里（Marco Ferri）海军少将说，“我们提供安全保证。”")
    assert q.speaker in ("费里", "马可·费里")


def test_a_locative_closer_that_opens_a_name_closes_no_phrase():
    q = only("在台湾的中国国民党周一发布消息说，副主席将率团访问。")
    assert (q.speaker, q.speaker_side) == ("中国国民党", "台方")  # 在台湾的|中…: 中 opens 中国国民党, no 在…中


def test_a_paper_s_issuer_ends_before_the_time_it_was_issued():
    found = quotes_of("北约驻欧海军在周二(9月3日)发布的一份声明里说，“沿岸雷达多次侦测到不明船只。”声明称，船只的来源仍在调查。\n")
    assert [q.speaker for q in found] == ["北约驻欧海军", "北约驻欧海军"]  # an armed force's name ends at 军|在


def test_a_descriptor_opening_like_a_preposition_before_a_separated_name():
    for text in ("自然摄影爱好者莉娜·卡特（Lina Carter）说：“我想找一支长焦镜头。”", "在职父亲汤姆·伯格说：“我每天都在书房办公。”"):
        assert only(text).speaker in ("卡特", "伯格")  # 自行车…, 在职…: no 自/在 phrase opens the clause
    q = only("中文教师玛丽娜·科斯特说：“学生们进步很快。”")  # the description ends where the given name begins
    assert q.speaker == "科斯特" and q.role == "中文教师"


def test_punctuation_after_a_surname_and_title_is_no_given_name():
    text = "各州的党组织批评了投票反对预算案的共和党议员。\n\n这些议员则回应说，预算案本身违宪。\n"
    q = only(text)
    assert "。" not in (q.speaker or "") and q.speaker_mention == "这些议员"


def test_as_of_press_time_opens_no_speaker_name():
    assert only("截至发稿时邻国大使馆表示，他们会在准备好后予以答复。").speaker == "邻国大使馆"


def test_a_report_s_genre_label_is_no_speaker():
    found = quotes_of("年终报道：海外倡议者怎样看未来的对外政策\n\n多名倡议者表示，政策应更强硬。\n")
    assert "年终" not in [q.speaker for q in found] and "多名倡议者" in [q.speaker for q in found]


def test_a_title_that_goes_on_as_an_embassy_names_no_one():
    text = "研究员李明提到，市议会已经否决了邻国大使馆新馆址的扩建计划。\n\n他说：“我们希望更多人参与。”\n"
    assert [q.speaker for q in quotes_of(text)] == ["李明", "李明"]  # 大使|馆新馆址 is no person


def test_a_paper_written_by_someone_speaks_for_its_author():
    q = only("由某大学商学院教授张明撰写的名为《发挥作用》的文章提到，“体育差生”的说法并不公平。")
    assert (q.speaker, q.source) == ("张明", "文章") or q.speaker == "张明"
    assert only("该研究的共同撰写人安娜·卡林说，“形势在恶化。”").speaker == "卡林"  # 撰写人: a noun


def test_an_article_speaks_for_whoever_published_it():
    text = "某通讯社周二发文称邻国“陷入治理危机”。\n\n“在邻国，街头冲突接连不断，”文章称。\n"
    assert [q.speaker for q in quotes_of(text)] == ["某通讯社", "某通讯社"]


def test_frequency_and_extent_adverbs_end_a_speaker_name():
    assert only("卡德尔经常说，和平协议很重要。").speaker == "卡德尔"
    assert only("白宫至今没有回应，但发言人表示，将核实消息。").speaker == "发言人"
    assert only("邻国政府甚至表示，将恢复情报共享。").speaker == "邻国政府"
    assert only("卡德尔先前已指出，面对压力不会退让。").speaker == "卡德尔"
    assert [q.cue for q in quotes_of("卡德尔争辩说，协议符合双方利益。\n")] == ["争辩说"]  # not 卡德尔争|说
    assert only("阿尔法传媒的报道认为，市场仍然紧张。").speaker == "阿尔法传媒"


def test_a_reference_inside_the_speech_is_no_relay():
    q = only("索都森主席表示，正如院長所提及，今年正逢建校百年。")
    assert q.speaker == "索都森" and q.text.startswith("正如")


def test_a_preposition_after_a_title_opens_the_verb_phrase():
    q = only("談到能源政策，部長向來賓說明，政府將增加再生能源。")
    assert (q.speaker, q.cue) == ("部長", "說明")
    assert quotes_of("部長針對新式設備說明，並親自操作儀器。") == []


def test_a_title_s_speaker_is_the_one_the_article_names_below():
    text = "接待帛琉總統　總統盼擴大雙邊合作\n\n王明德總統今晚接待帛琉總統。總統表示，兩國情誼深厚。"
    assert [q.speaker for q in quotes_of(text)] == ["王明德", "王明德"]


def test_a_readout_summary_frames_its_quotes_and_speaks_for_its_issuer():
    text = ("（华盛顿综合报道）国防部长卡森周三与对方通话。\n\n据五角大楼发布的通话摘要，卡森说：“沟通渠道至关重要。”\n\n"
            "摘要还说，双方同意恢复举行磋商机制会议。")
    assert [(q.speaker, q.source) for q in quotes_of(text)] == [("卡森", "五角大楼"), ("五角大楼", "五角大楼")]


def test_a_website_speaks_for_its_owner():
    q = quotes_of("据交通部网站消息，部长邓宏周二主持会议。\n\n消息说，双方同意扩大合作。")[-1]
    assert (q.speaker, q.source) == ("交通部", "交通部")


def test_a_frame_s_source_is_no_dateline():
    text = "（河内综合报导）越南外交部周五发布声明。\n\n声明说，卡森重申，双方的合作「坚如磐石」，协议将持续执行。"
    q = only(text)
    assert (q.speaker, q.source) == ("卡森", "越南外交部声明")


def test_a_document_with_no_issuer_the_grammar_can_name_opens_no_account():
    text = "外长王文致电对方，感谢友邦不仅及时提供物资，还主动发表声明。\n\n王文表示，两国友谊经得起考验。"
    assert [(q.speaker, q.source) for q in quotes_of(text)] == [("王文", None)]


def test_a_statement_a_speaker_tells_of_opens_no_account():
    text = ("总统指出，联合国大会过去曾多次通过决议，支持该地区的和平进程。\n\n"
            "总统表示，双方合作前景广阔。\n\n外交部随后发表声明。\n\n声明说，访问圆满成功。")
    assert [q.source for q in quotes_of(text)] == [None, None, "外交部声明"]


def test_a_preposition_that_is_also_a_surname_opens_no_name():
    q = only("總統今天接見農業訪問團。總統感謝大家的付出，並向該會成員表示，政府會持續支持農業轉型。")
    assert q.speaker == "總統"


def test_a_sentence_opening_on_a_sequence_word_still_names_the_subject_for_the_next():
    q = only("最後，總統再次感謝代表團遠道而來。並提到，兩國友誼歷久彌新。")
    assert (q.speaker, q.text) == ("總統", "兩國友誼歷久彌新")


def test_a_person_relaying_others_speaks_for_one_paragraph_and_the_account_resumes():
    text = "据新华社报道，商务部长王文周三会见来访的代表团。\n\n王文说，团长李明表示，双方合作前景广阔。\n\n王文强调，中方愿扩大进口。"
    assert [(q.speaker, q.source) for q in quotes_of(text)] == [("李明", "王文"), ("王文", "新华社")]


def test_a_person_named_only_in_the_account_s_words_speaks_outside_it_later():
    text = "据新华社报道，商务部发言人王文表示，调查人员已约谈李明。\n\n李明对记者说，他会配合调查。"
    assert [(q.speaker, q.source) for q in quotes_of(text)] == [("王文", "新华社"), ("李明", None)]


def test_including_opens_no_speaker_name():
    assert only("包括美國都表示，將持續關注。").speaker == "美國"


def test_a_role_keeps_its_whole_country_name():
    assert only("瓜地馬拉共和國總統賈梅岱今天表示，雙邊貿易穩定成長。").role == "瓜地馬拉共和國總統"
    text = "外长会见了印度总统穆尔穆。\n\n穆尔穆表示，合作前景广阔。"
    assert only(text).role == "印度总统"


def test_a_pronoun_after_a_relative_clause_subject_is_that_person():
    text = "曾任瑞典外交部長的卡爾‧林德貝里，對雙方交流成果表示肯定，他並指出，這次會談非常坦誠。"
    assert only(text).speaker == "林德貝里"


def test_a_titled_head_after_de_is_named_by_its_name():
    q = only("剑桥大学的莫里森教授说，现在下结论还为时过早。")
    assert (q.speaker, q.role) == ("莫里森", "教授")


def test_a_pronoun_skips_a_time_clause_to_the_sentence_s_subject():
    text = "陈立发了几篇文章。\n\n本月早些时候，大学副教授卡尔·贝克博士，读了陈立的文章。他认为，文章有问题。"
    assert only(text).speaker == "贝克"


def test_a_group_of_many_before_a_preposition_is_an_unnamed_source():
    q = only("上周，多位美国国会民主党人向政府提出建议，要求放宽签证限制。")
    assert (q.speaker, q.speaker_kind) == ("多位美国国会民主党人", "anonymous")


def test_evidence_inside_a_speech_is_no_relay():
    q = only("报道表示，朴敏在会上还说，近来的演习表明，对方正在加快部署。")
    assert q.speaker == "朴敏" and q.text.startswith("近来的演习表明")


def test_surname_title_given_name_after_the_party_whose_office_it_is():
    text = ("中國民主黨王主席明德先生今天告訴黨代表：「黨對青年的重視不會改變。」\n\n"
            "王主席說，過去黨在困難的時期，青年出錢出力。\n\n王主席並指出，目前的選情相當激烈。\n")
    assert [q.speaker for q in quotes_of(text)] == ["王明德", "王明德", "王明德"]


def test_manner_words_and_verbs_after_a_title_are_no_names():
    text = "王明德總統今天以書面祝賀。\n\n總統書面賀詞全文為：\n\n預祝年會順利成功。\n\n總統宣示內容如下：\n\n我們會堅守民主。\n"
    assert {q.speaker for q in quotes_of(text)} == {"王明德"}


def test_a_surname_and_another_office_is_the_one_person_of_that_surname():
    text = "王總統明德今天出席會議。\n\n王主席說，黨必須團結。\n"
    assert [q.speaker for q in quotes_of(text)] == ["王明德"]


def test_surname_title_given_name_then_an_honorific_or_a_verb():
    assert [q.speaker for q in quotes_of("王總統明德伉儷今天接見婦女團體。王總統表示，婦女很重要。")] == ["王明德"]
    assert [q.speaker for q in quotes_of("王總統明德今天出席會議。王總統認為，改革必須持續。")] == ["王明德"]


def test_an_office_vouches_for_the_name_before_it():
    assert [(q.speaker, q.role) for q in quotes_of("莎菟蘭副主席表示，兩國合作密切。")] == [("莎菟蘭", "副主席")]
    assert quotes_of("活动组织者表示，活动很成功。")[0].speaker == "活动组织者"


def test_a_title_held_concurrently_resolves_to_its_holder():
    text = "星衡科技发布芯片 创始人称“算力不是唯一门槛”\n\n星衡科技创始人兼首席执行官顾嘉言在发布会上介绍，芯片性能提升。"
    assert quotes_of(text)[0].speaker == "顾嘉言"


def test_a_slavic_name_introduced_in_full_is_known_when_named_short():
    text = ("俄方代表团由副外长尼古拉·别洛焦罗夫率领。\n\n"
            "阿纳多卢通讯社援引这份声明说，别洛焦罗夫在会上表示，只要俄罗斯的出口不受阻碍，俄方愿意提供安全保证。\n")
    assert [(q.speaker, q.source) for q in quotes_of(text)] == [("别洛焦罗夫", "阿纳多卢通讯社")]


def test_a_title_with_its_country_or_in_short_form_finds_the_person_introduced_with_it():
    text = ("中国外长韩启明与德国外交部长卡塔琳娜·韦伯举行对话。\n\n中方的消息说，德国外长表示，德方坚持一个中国政策。\n\n"
            "美方代表团由副贸易代表凯瑟琳·沃尔什率领。\n\n新闻稿提到，美国副贸易代表在会上表示，美方愿保持灵活。\n")
    assert [q.speaker for q in quotes_of(text)] == ["韦伯", "沃尔什"]
    text = "總統接見斯洛伐克前總統亞諾斯\n\n王立德總統今日接見亞諾斯。\n\n總統致詞時說，很高興亞諾斯前總統又來臺灣。\n"
    assert quotes_of(text)[-1].speaker == "王立德"  # a bare title is the office whole: 捷克總統 does not hold it


def test_an_agreement_cited_speaks_through_the_one_citing_it():
    text = "巴西外长罗沙和阿根廷外长莫雷诺周二会晤。\n\n巴西外长在新闻稿里引用双方部长于会晤时形成的共识说，“关税争端久拖不决不符合两国利益。”\n"
    assert [q.speaker for q in quotes_of(text)] == ["罗沙"]


def test_a_couple_after_a_titled_name_is_no_part_of_the_name():
    text = ("林副總統志明伉儷今（3）日晚間出席點燈活動。副總統致詞時指出，希望大家都能平安喜樂。\n\n"
            "今晚數百位教師接受王總統立德伉儷的邀請出席晚會。總統表示，「感謝各位老師的辛勞。」\n")
    speakers = [q.speaker for q in quotes_of(text)]
    assert speakers == ["林志明", "王立德"]


def test_an_adverb_of_degree_opens_the_predicate():
    text = "周文德副總統今日出席植樹活動。副總統很高興能與志工一起種樹，也希望社區持續綠化。\n"
    assert [q.speaker for q in quotes_of(text)] == ["周文德"]  # not 很高興


def test_a_wish_after_a_thanks_is_the_thanking_speaker_s():
    text = "王英明總統今日接見訪團。總統代表政府謝謝友邦長年協助，也希望雙方在農業上深化交流。\n"
    assert [(q.speaker, q.cue) for q in quotes_of(text)] == [("王英明", "希望")]
    text = "APEC領袖代表表示，區域經濟整合是大勢所趨。\n"
    assert [q.speaker for q in quotes_of(text)] == ["APEC領袖代表"]  # a title with 代表 in it stays whole


def test_a_side_named_with_fangmian_speaks_and_another_frame_opens_on_ling():
    assert [q.speaker for q in quotes_of("乌克兰方面周五断然否认自己参与了这次袭击。\n")] == ["乌克兰方面"]
    assert [(q.speaker, q.cue) for q in quotes_of("另据报道，白宫证实总统将在峰会期间会晤对方。\n")] == [("白宫", "证实")]


def test_an_analyst_title_holding_a_cue_word_stays_whole():
    assert [q.speaker for q in quotes_of("政治分析家普拉维特表示，这个案子很严重。\n")] == ["普拉维特"]  # 分析 is also a cue


def test_names_the_typer_used_to_cut():
    assert [q.speaker for q in quotes_of("有些专家认为，经济将会复苏。\n")] == ["有些专家"]
    assert [q.speaker for q in quotes_of("阿拉伯联合酋长国表示，将继续提供援助。\n")] == ["阿拉伯联合酋长国"]
    assert [q.speaker for q in quotes_of("教宗方济各说，战争必须停止。\n")] == ["方济各"]


def test_a_reference_to_what_another_said_stays_in_the_speech_but_a_cited_quotation_is_relayed():
    text = "林志明總統今日會見訪團。總統表示，兩國都重視海洋保育，就像訪賓所說，我們是同一條船上的夥伴。\n"
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [("林志明", "兩國都重視海洋保育，就像訪賓所說，我們是同一條船上的夥伴")]
    cited = quotes_of("林志明總統今日會見訪團。總統表示，正如古人所說：「民為邦本。」\n")
    assert [q.speaker for q in cited] == ["林志明"] and "民為邦本" in cited[0].text  # no speaker named 古人所


def test_a_dated_paper_inside_a_report_speaks_for_its_issuer():
    text = "法新社3月2日报道说，华信公司2月27日在脸书上的声明说，审计由两名律师进行。\n"
    assert [(q.speaker, q.source) for q in quotes_of(text)] == [("华信公司", "法新社")]


def test_a_yearly_or_latest_paper_speaks_for_its_issuer():
    for text in ("海洋研究所的年度报告显示，该国远未达到其承诺的减排目标。\n",
                 "海洋研究所发布的一份最新报告说，该国的减排远低于目标。\n"):
        assert [q.speaker for q in quotes_of(text)] == ["海洋研究所"]


def test_a_short_name_in_parentheses_does_not_close_the_speaker_phrase():
    text = "亚洲基建合作银行（简称亚合行）全球通信主任陈博文周三表示，该行受到了很大的影响。\n"
    assert [q.speaker for q in quotes_of(text)] == ["陈博文"]


def test_a_four_character_name_before_an_office_is_split_from_it():
    text = "佐藤宏和眾議員致詞時首先向總統問好。上次來訪時，臺灣的熱情令人難忘。佐藤眾議員表示，日本願意和臺灣分享防災經驗。\n"
    assert {q.speaker for q in quotes_of(text)} == {"佐藤宏和"}
    assert [q.speaker for q in quotes_of("世界各國議員表示，樂見臺灣擴大國際參與。\n")] == ["世界各國議員"]


def test_they_in_a_paragraph_whose_speaker_leads_a_delegation_is_that_speaker():
    text = "訪團團長王志明致詞時表示，雙方漁業合作由來已久。他們也盼望明年能再度來臺參訪。\n"
    assert [(q.speaker, q.cue) for q in quotes_of(text)] == [("王志明", "致詞時表示"), ("王志明", "盼望")]
    text = "王志明表示，雙方漁業合作由來已久。\n\n他們也盼望明年能再度來臺參訪。\n"
    assert [q.speaker for q in quotes_of(text)] == ["王志明"]  # another paragraph: no voice to lend


def test_a_preposition_before_a_reporting_verb_belongs_to_the_name():
    assert [q.speaker for q in quotes_of("王大同表示，雙方貿易關係長久。\n")] == ["王大同"]
    assert [q.speaker for q in quotes_of("王岩同日表示，雙方貿易關係長久。\n")] == ["王岩"]


def test_a_staff_member_is_an_unnamed_source():
    text = "市長表示，她曾詢問一位工作人員為何街道如此乾淨？這位工作人員回答，因為居民都很守規矩。\n"
    assert [(q.speaker, q.speaker_kind) for q in quotes_of(text)][-1] == ("這位工作人員", "anonymous")


def test_parties_listed_with_a_dunhao_speak_together():
    text = "英国、荷兰和丹麦谴责该国向邻国运送大量武器弹药。\n"
    assert [q.speaker for q in quotes_of(text)] == ["英国、荷兰和丹麦"]


def test_a_hedge_is_no_speaker_and_himself_no_part_of_a_name():
    quotes = quotes_of("加拿大总理韦德本人似乎也不愿多谈此事。她在机场受访时说，这只是一次例行检查。\n")
    assert [(q.speaker, q.text) for q in quotes] == [("韦德", "这只是一次例行检查")]
    quotes = quotes_of("几家电台的消息并不一致，不过似乎都提到：水坝已经开始泄洪。\n")
    assert all(q.speaker != "似乎" for q in quotes)
    assert [q.speaker for q in quotes_of("财政部长林美华本人也表示，预算将会平衡。\n")] == ["林美华"]


def test_anchored_frame_patterns_find_what_a_scan_of_every_position_finds():
    from quotes.attribution.frames import _FRAME_PATTERNS

    lines = [
        "据新华社报道，双方同意加强合作。另据路透社报道，双方将再次会面。",
        "法广根据外交部发表的新闻稿指出，会谈气氛良好；该部随后发表声明，否认有关报道。",
        "美联社援引一名官员的话说，谈判仍在进行。该社引述白宫发言人说，总统将出席。",
        "外交部在官网发布的新闻稿称，两国元首通了电话。国防部同日发布通报，也发表了声明。",
        "根据根据据据发表发表的的话引述援引",  # anchors crowded together, matching nothing
    ]
    anchored = [p for p in _FRAME_PATTERNS if p.anchored]
    assert anchored and all(0 < p.reach < 100 for p in anchored)
    for pattern in anchored:
        for text in lines:
            text = "前言。" + text  # the search starts after the first characters
            expected = [(m.span(), m.groupdict()) for m in pattern.regex.finditer(text, 3, len(text))]
            assert [(m.span(), m.groupdict()) for m in pattern.finditer(text, 3, len(text))] == expected
    assert any(list(p.finditer(line, 0, len(line))) for p in anchored for line in lines)


def test_a_speaker_after_a_relative_clause_is_the_head_not_a_word_inside_the_clause():
    text = "“我们只想回家探望家人。”在论坛上发帖并留言的加州的John Smith写道。\n"
    assert [q.speaker for q in quotes_of(text)] == ["John Smith"]
    text = "“这是前所未有的突破，影响深远，”长期研究能源的分析师马修·李说。\n"
    assert [(q.speaker, q.type) for q in quotes_of(text)] == [("马修·李", "direct")]
    text = "“我们只是回国看望老人。”如今住在佛州的王大明说。\n"  # a name of no transliteration stays read as before
    assert [q.speaker for q in quotes_of(text)] == ["王大明"]


def test_a_later_said_a_list_of_countries_and_a_commentator_after_but():
    assert [(q.speaker, q.text) for q in quotes_of("白宫发言人王明后来说，总统并不后悔。\n")] == [("王明", "总统并不后悔")]
    assert quotes_of("对我来说，这是很大的挑战。\n") == []
    assert [q.speaker for q in quotes_of("美国、韩国、日本等国指责该国向邻国运送武器。\n")] == ["美国、韩国、日本等国"]
    text = "部长没有提到邻国，但日本时评人称，这就是在暗指邻国。\n"
    assert [q.speaker for q in quotes_of(text)] == ["日本时评人"]


def test_generally_is_no_part_of_the_speaker():
    assert [q.speaker for q in quotes_of("分析人士普遍认为，这次会晤意义重大。\n")] == ["分析人士"]


def test_a_security_council_issues_its_statement():
    text = "“两国关系稳定，”乙国安全会议当天发表声明说。“我们会继续合作。”\n"
    assert [q.speaker for q in quotes_of(text)] == ["乙国安全会议", "乙国安全会议"]


def test_a_five_character_japanese_name_and_a_name_opening_like_a_locative_after_a_quotation():
    q = only("“这次选举关乎改革，”前农业大臣田村进次郎在集会上表示。\n")
    assert q.speaker == "田村进次郎"
    q = only("“我们不会退让，”上川美子说。\n")
    assert q.speaker == "上川美子"


def test_the_head_of_a_relative_clause_speaks_through_a_verb_after_a_narrated_act():
    q = only("领导全国抗灾的李明总统周三通过视频对议会发表讲话，敦促各国提供援助。\n")
    assert (q.speaker, q.cue) == ("李明", "敦促")
    # a later 的 inside the narrated act (通过视频的方式) holds no speaker: the named head does
    q = only("领导全国抗灾的李明总统周三通过视频的方式对议会发表讲话，敦促各国提供援助。\n")
    assert (q.speaker, q.cue) == ("李明", "敦促")


def test_a_surname_that_is_an_adverb_right_before_the_verb_starts_no_name():
    assert [q.speaker for q in quotes_of("环保观察曾呼吁各国领导人在峰会上讨论减排。\n")] == ["环保观察"]
    assert [q.speaker for q in quotes_of("教练王小明曾表示，球队会继续努力。\n")] == ["王小明"]
    assert [q.speaker for q in quotes_of("总教练曾文彬表示，球队会继续努力。\n")] == ["曾文彬"]


def test_a_paper_s_author_speaks_not_the_paper():
    q = only("该报告的联合作者、某研究所所长王大明表示，他希望该报告发挥作用。\n")
    assert (q.speaker, q.speaker_kind) == ("王大明", "person")


def test_a_demonstrative_description_refers_back_to_the_source_it_describes():
    text = "了解磋商的人士透露，双方已接近达成协议。\n\n这位坚持匿名的人士说，签字仪式定在月底。\n"
    assert [q.speaker for q in quotes_of(text)] == ["了解磋商的人士"] * 2
    text = ("一名西方外交官说，代表团的访问显示了影响力。\n\n一名欧洲外交官也有相同看法。"
            "这位外交官对记者说，他们在那里投资大型项目。\n")
    assert [q.speaker for q in quotes_of(text)][-1] != "一名西方外交官"


def test_you_inside_a_word_or_after_a_count_is_no_there_is():
    assert only("一组有名望的历史学者呼吁政府修法。\n").speaker == "一组有名望的历史学者"
    assert only("所有这些历史学者都认为，修法刻不容缓。\n").speaker == "所有这些历史学者"
    assert only("交易员和分析师估计，日元短期内还会走弱。\n").speaker == "交易员和分析师"


def test_reports_say_keeps_its_you_but_there_is_a_source_does_not():
    assert only("有报道称，谈判可能在下月重启。\n").speaker == "有报道"
    assert only("有消息人士透露，谈判已进入最后阶段。\n").speaker == "消息人士"


def test_a_person_a_photo_caption_names_is_still_the_article_s_antecedent():
    text = ("甲国总统发表讲话\n\n甲国总统李大明周五在首都发表讲话。(资料照片)\n\n"
            "甲国总统李大明周五在首都发表讲话，宣布新的经济计划。\n\n会场外聚集了大批民众，现场秩序良好。\n\n"
            "“我们会继续改革，”他说。\n")
    assert [q.speaker for q in quotes_of(text)] == ["李大明", "李大明"]


def test_a_party_and_its_allies_a_working_group_and_an_interview_headline():
    q = only("乙国政府及其盟友周四表示，对方所说的只是计谋。\n")
    assert q.speaker == "乙国政府及其盟友"
    q = only("位于首都的“声援某某连署工作小组”周五呼吁各方重视风险。\n")
    assert (q.speaker, q.speaker_kind) == ("声援某某连署工作小组", "organization")
    text = "专访乙国外长：不排除与对方会面\n\n乙国外长王大明接受本台专访时表示，他不排除与对方会面。\n"
    assert [q.speaker for q in quotes_of(text)] == ["王大明", "王大明"]


def test_a_candidate_is_a_title_and_the_spokesperson_after_it_speaks():
    text = ("面对各界的倡议，甲党总统参选人王大明竞总发言人李小华公开表示，对方的扩张威胁区域和平。"
            "他说，“对方必须马上停止这些做法。”\n")
    assert [q.speaker for q in quotes_of(text)] == ["李小华", "李小华"]
    text = "甲党总统候选人王大明周五表示，他将继续努力。\n\n这位候选人也强调，选举将公平进行。\n"
    assert [q.speaker for q in quotes_of(text)] == ["王大明", "王大明"]


def test_a_policy_document_or_a_bill_speaks_for_its_issuer():
    text = "乙国内阁周二通过年度基本方针。虽然方针提出将增加教育经费，却未说明具体数额。\n"
    assert [q.speaker for q in quotes_of(text)] == ["乙国内阁"]


def test_a_counted_description_is_an_unnamed_source_and_one_is_not_many():
    q = only("一位穿着红色外套的老年男子说，我们先回家看看。\n")
    assert (q.speaker, q.speaker_kind) == ("一位穿着红色外套的老年男子", "anonymous")
    from quotes import lexicons
    from quotes.attribution.mentions import MentionTyper
    text = "一名美国官员"
    m = MentionTyper(text, lexicons.load(), lambda n: False).type(0, len(text), direct=True)
    assert (m.kind, m.plural) == ("anonymous", False)


def test_a_group_of_countries_is_a_body_that_they_refers_to():
    text = "西方国家对这项新法表示关注。他们认为新法会限制媒体自由。\n"
    assert [(q.speaker, q.speaker_kind) for q in quotes_of(text)] == [("西方国家", "organization")]


def test_a_group_of_titled_people_is_an_unnamed_source_that_they_refers_to():
    text = "一群议员联名致信部长。他们在信中称这家公司只是政府的工具。\n"
    assert [(q.speaker, q.speaker_kind) for q in quotes_of(text)] == [("一群议员", "anonymous")]


def test_a_group_including_members_is_the_group_not_its_members():
    text = ("一组知名学者敦促乙国改变发展路线。\n\n"
            "包括两位前部长在内的这组学者在周一公布的报告中，还呼吁乙国设立排放上限。\n\n"
            "包括王大明在内的多位分析师表示，投资的潜力很大。\n")
    assert [q.speaker for q in quotes_of(text)] == ["一组知名学者", "一组知名学者", "多位分析师"]


def test_a_body_named_after_its_kind_speaks_under_its_name_for_no_party():
    found = quotes_of("该国外交部批评邻国的新法律。\n\n人权组织自由守望呼吁各国向该国政府施压。")
    body = next(q for q in found if q.text.startswith("各国"))
    assert (body.speaker, body.speaker_kind) == ("自由守望", "organization")
    assert body.speaker_side is None  # a body described as civil is no party's voice, whatever country stands near
    assert only("标题\n\n英国智库海峡学会说，双方的分歧仍然很大。").speaker == "海峡学会"
    assert only("标题\n\n海峡研究所说，双方的分歧仍然很大。").speaker == "海峡研究所"  # an institute's 所, not 正如X所说
    assert only("标题\n\n该组织发言人表示，他们会继续调查。").speaker == "该组织发言人"  # a title, not a body's name


def test_places_after_or_before_a_title_are_no_names():
    doc = analyze("甲乙两国防长万象会谈 合作说法各异\n\n学者陈立文说，两国的说法差别很大。\n")
    assert doc.entities == ["陈立文"]  # not 万象 (a capital after 防长) nor 甲乙两国 (before it)
    assert only("标题\n\n万象对这项决定表示欢迎，称双方将加强合作。").speaker_side == "老方"


def test_a_body_after_what_only_looks_like_a_title_is_no_name():
    doc = analyze("标题\n\n据家属说，她目前被关在某市公安局东湖区长宁派出所。\n\n一名抗议者说，他参加了两次活动。\n")
    assert "宁派出所" not in doc.entities  # 区长 of 东湖区|长宁 is no title here


def test_a_korean_minister_s_title_is_whole_and_its_short_form_finds_him():
    found = quotes_of("标题\n\n甲国国防部长官申东浩7日在首都同对方举行会谈。\n\n声明引述甲国防长的话说，合作不针对第三国。\n")
    assert [q.speaker for q in found] == ["申东浩"]  # not 官申东浩 (部长|官 is one title)


def test_a_party_s_name_holding_a_conjunction_opens_no_name():
    doc = analyze("标题\n\n部长王华公布了该计划，州议会共和党高层领导人随后予以批评。\n")
    assert doc.entities == ["王华"]  # not 党高层 (共和|党高层|领导人: the 和 of 共和党 joins nothing)


def test_this_holder_of_an_office_no_one_was_named_with_is_the_one_just_quoted():
    found = quotes_of("标题\n\n前总统马克周四在大会上说，他将结束危机。\n\n这位共和党候选人还批评了现任政府，称世界面临严峻形势。\n")
    assert [q.speaker for q in found] == ["马克", "马克"]
    found = quotes_of("标题\n\n前总统马克周四在大会上说，他将结束危机。\n\n这位匿名医生说，病人的情况很稳定。\n")
    assert found[-1].speaker == "这位匿名医生"  # someone the story leaves unnamed stays so


def test_an_original_in_english_is_no_narration_a_pronoun_takes_its_subject_from():
    found = quotes_of("标题\n\n议员王强周四在演讲中说，威胁来自一个小集团。\n\nUltimately, the danger comes from a narrow circle of leaders.\n\n"
                      "“我们担心的是一个很小的领导圈子，”他说。\n")
    assert [q.speaker for q in found] == ["王强", "王强"]


def test_a_two_character_name_before_a_military_rank_is_whole():
    assert analyze("标题\n\n参谋长联席会议主席王利上将出席了听证会。\n").entities == ["王利"]


def test_a_verb_after_a_title_is_no_given_name():
    doc = analyze("标题\n\n某智库公布了一份由退休官员与学者专家组成的小组撰写的报告。主席奥本出席了发布会。\n")
    assert doc.entities == ["奥本"]  # not 专家|组成 (a title, then a verb)


def test_a_title_opening_on_a_country_s_short_form_finds_its_holder_named_with_the_full_one():
    found = quotes_of("英议员提议制裁某官员惹使馆不满\n\n据报道，大使馆向英国保守党籍议员约翰·韦恩办公室发送了一条电邮。\n\n"
                      "韦恩表示，他不会撤回议案。\n")
    assert [q.speaker for q in found] == ["韦恩", "韦恩"]  # 英议员 is the 英国…议员 the story names


def test_a_name_ends_before_the_delegation_it_leads():
    assert analyze("标题\n\n总统今天接见甲国参议员韩诺德访团，感谢支持。\n").entities == ["韩诺德"]
    assert "访团率" not in analyze("标题\n\n总统夫人访团率一行今天前往参观。\n").entities  # 夫人|访团…: no name


def test_people_in_general_are_an_unnamed_source():
    q = only("标题\n\n该国军方持续作战。但人们普遍认为，邻国也在帮助武装团体。\n")
    assert (q.speaker, q.speaker_kind) == ("人们", "anonymous")


def test_a_clause_of_time_is_no_speaker():
    from quotes import lexicons
    from quotes.attribution.mentions import MentionTyper

    phrase = "甲城等多个地方出现所谓白纸的抗议运动以来"  # counted (多个) and described (的), but a clause of time
    assert MentionTyper(phrase, lexicons.load(), lambda name: False).type(0, len(phrase)) is None


def test_a_determined_kind_of_body_refers_back_to_the_body():
    found = quotes_of("标题\n\n蓝海公司周一宣布裁员。该公司表示，这是为了节省成本。\n")
    assert [q.speaker for q in found] == ["蓝海公司", "蓝海公司"]


def test_a_one_character_last_name_after_a_separator_ends_before_whom_it_told():
    text = "墨尔本一家研究所的学者安娜·罗对本报说，新关税短期内不大可能取消。\n"
    assert [q.speaker for q in quotes_of(text)] == ["安娜·罗"]


def test_a_title_that_describes_a_paper_is_no_publication():
    text = "人权组织海岸观察周二发表报告。题为《暗流》的报告说，多家企业违规出口零部件。\n"
    assert [q.speaker for q in quotes_of(text)] == ["海岸观察"]


def test_a_lead_s_names_before_a_rank_or_of_unlisted_characters_resolve_later_titles():
    text = ("（综合消息）越南国防部副部长阮文德少将12日与美国国防部长约翰·黑文斯举行会谈。\n\n"
            "越方新闻稿说，越南国防部副部长在会谈中表示，越方重视两国合作。\n\n新闻稿称，美国国防部长表示，美方支持越南。\n")
    assert [q.speaker for q in quotes_of(text)] == ["阮文德", "黑文斯"]  # not 阮文德少, not the bare title


def test_a_rank_after_a_glossed_name_is_its_title():
    assert [q.speaker for q in quotes_of("陆军发言人彼得·华纳(Peter Warner)少校对记者说，部队已经完成演习。\n")] == ["华纳"]


def test_a_verb_of_summoning_is_no_part_of_the_summoned_envoy_s_role():
    text = ("（本报讯）荷兰外交部次长在海牙召见中国驻荷兰大使贺文涛，双方各自公布了会面内容。\n\n"
            "荷方声明说，中国大使在会面中表示，中方重视两国关系。\n")
    assert [q.speaker for q in quotes_of(text)] == ["贺文涛"]  # 中国大使 is the 中国驻荷兰大使 named, not a role 海牙召见…


def test_a_topic_clause_before_a_pronoun_names_no_one():
    text = "王立德教授接受本报采访。关于出访期间能否会见反对派的问题，他说：“一切按计划进行。”\n"
    assert [q.speaker for q in quotes_of(text)] == ["王立德"]  # not 关于 (关 is a surname)


def test_a_former_office_stays_in_the_role_and_resolves_its_own_title():
    found = quotes_of("美国前总统彭立文周二抵达首尔。\n\n这位前总统说，两国关系非常重要。\n")
    assert [(q.speaker, q.role) for q in found] == [("彭立文", "美国前总统")]  # not 美国总统: he no longer holds it
    assert quotes_of("中国新任国防部长董立明会见来宾。\n\n董立明表示，两国应加强合作。\n")[0].role == "中国国防部长"


def test_a_named_head_after_a_relative_clause_speaks_not_the_clause_s_opening():
    found = quotes_of("“我们会支持盟友，”曾在上届内阁出任财政部长的王立德说。\n")
    assert [q.speaker for q in found] == ["王立德"]  # not 曾在前政府
    found = quotes_of("《东方评论》星期二在题为“新的开始”的文章中说，两国关系正在改善。\n")
    assert [q.speaker for q in found] == ["东方评论"]  # 在…的文章中 is where, not who


def test_a_quantity_before_you_is_having_not_there_is():
    assert quotes_of("海外的一些有影响的评论人士不少认为，他违反了规定。\n")[0].speaker == "海外的一些有影响的评论人士"
    assert quotes_of("有知情人士说，他违反了规定。\n")[0].speaker == "知情人士"


def test_next_month_ends_a_body_s_name():
    found = quotes_of("民生党主席林志远会参选。\n\n民生党下月1日会进行改选，他本月透露，党内正在讨论路线。\n")
    assert [q.speaker for q in found] == ["林志远"]  # not 党下月


def test_a_body_s_social_media_account_speaks_for_the_body():
    assert quotes_of("该县政府官方微博发文称，网格员已被辞退。\n")[0].speaker == "该县政府"  # not 方微博 (官 read as a title)


def test_outlets_named_together_end_before_an_adverbial():
    found = quotes_of("亲政府的《东方报》和《南方报》以全版报道，该党有九人涉案。\n")
    assert found[0].speaker == "亲政府的《东方报》和《南方报》"  # not …以全版



def test_ordinary_people_speak_as_unnamed_sources_and_an_occupation_titles_a_nickname():
    for text, speaker in (("一名市民表示，天桥上的巡逻人员变多了。\n", "一名市民"),
                          ("一些当地华人商户抱怨，生意越来越难做。\n", "一些当地华人商户")):
        assert [(q.speaker, q.speaker_kind) for q in quotes_of(text)] == [(speaker, "anonymous")]
    q = only("今年五十岁的广州资深媒体人小陈对本台说，相关讯息都被删除了。\n")
    assert (q.speaker, q.speaker_kind, q.text) == ("小陈", "person", "相关讯息都被删除了")


def test_a_counted_event_named_by_a_speech_word_is_no_report():
    assert quotes_of("那些在城里长大的学生从未经历过那场希望与幻灭并存的运动。\n") == []


def test_a_described_person_opening_an_occasion_clause_speaks_after_the_comma():
    text = "三十岁在广州从事设计工作的陈小姐在接受本台采访时，也说她对这次事件并不知情。\n"
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [("陈小姐", "她对这次事件并不知情")]
    text = "作为该组织发言人的巴希尔对这次访问表示满意，称双方的谈判很有成果。\n"
    assert [q.speaker for q in quotes_of(text)] == ["巴希尔"]
    # a clause's head that is any two or three characters is no speaker (学生抗议|做对比)
    assert quotes_of("评论人士常把这场运动和多年前的工人抗议做比较，认为两者十分相似。\n") == []


def test_a_topic_opened_by_zhiyu_frames_no_account():
    text = "陈小姐表示，商店里的人变多了。\n\n至于对购物的实名要求，她说，她前几天刚去买过东西。\n"
    quotes = quotes_of(text)
    assert [(q.speaker, q.source) for q in quotes] == [("陈小姐", None), ("陈小姐", None)]


def test_a_pronoun_finds_the_described_person_a_sentence_opens_with():
    text = ("某研究所周三发布了一份由学者组成的小组完成的报告。身为小组召集人的艾德里安在会上对各国面临的风险发出警告，"
            "并呼吁各方协调。他说，各国需要更多合作。\n")
    assert [q.speaker for q in quotes_of(text)][-1] == "艾德里安"


def test_an_account_named_in_marks_after_a_body_s_official_site_speaks_for_the_body():
    q = only("某县卫生局官方微信“某县健康”周二发布消息指，全县新增病例二十例。\n")
    assert (q.speaker, q.speaker_kind) == ("某县卫生局", "organization")


def test_a_plural_pronoun_takes_the_people_a_report_cites_rather_than_the_outlet():
    text = "某通讯社指出，随着疫情重创经济，分析师一直预测增长将低于四成。他们表示，下个月的前景也不看好。\n"
    assert [q.speaker for q in quotes_of(text)][-1] == "分析师"


def test_a_rank_before_a_title_is_no_name():
    q = only("某国内阁的高级顾问说，合作可能改变局面。\n")
    assert q.speaker != "高级"


def test_a_body_s_or_a_title_s_own_conjunction_stays_inside_the_name():
    q = only("海洋与能源政策研究中心主任彼得·科尔纳（Peter Korner）告诉本台，材料供应充足。\n")
    assert q.speaker == "科尔纳"
    q = only("某某基金会公关与传媒助理王小燕对本台说，官员支持接触。\n")
    assert q.speaker == "王小燕"
    assert [q.speaker for q in quotes_of("總統與某國前首相視訊時表示，雙方應加強合作。\n")] == ["總統"]


def test_a_counted_paper_of_a_body_speaks_for_it_and_a_determined_body_refers_back():
    q = only("某危机研究组织的这篇文章说，冲突风险上升。\n")
    assert q.speaker == "某危机研究组织"
    text = "某危机研究组织认为，风险上升。\n\n该组织认为，冲突会持续。\n"
    assert [q.speaker for q in quotes_of(text)] == ["某危机研究组织", "某危机研究组织"]


def test_a_title_asking_someone_is_followed_by_no_name():
    text = "標題\n\n王大明總統今天接見訪團。\n\n會談結束時，總統請訪賓向會長王美玲女士轉達問候，期待明年能在臺北接待她。\n"
    assert [q.speaker for q in quotes_of(text)] == ["王大明"]


def test_analysis_named_as_a_noun_closes_no_quotation():
    text = "總統指出，研究院長期針對能源轉型等課題，持續提出研究和分析。\n"
    assert [(q.cue, q.text) for q in quotes_of(text)] == [("指出", "研究院長期針對能源轉型等課題，持續提出研究和分析")]


def test_the_people_a_topic_names_are_whom_the_pronoun_after_it_means():
    text = "新规能否执行仍有疑问。特别是对于依靠人脉经营的商户而言，他们担心，新规会让多年的人脉一夜作废。\n"
    assert [q.speaker for q in quotes_of(text)] == ["依靠人脉经营的商户"]


def test_a_command_is_no_report():
    assert [q.speaker for q in quotes_of("优化指挥系统应对威胁 某国拟设立统合司令部\n\n某国政府强调，该国面临严重的安全威胁。\n")] == ["某国政府"]


def test_the_visitors_are_the_one_the_story_received():
    text = ("副總統今天上午接見某國參議院議長莫塔伉儷一行，雙方就兩國關係交換意見。"
            "訪賓們除謝謝副總統的款待，也對地震災情表示關切，並指出，兩國能夠擴大農業合作。\n")
    assert [q.speaker for q in quotes_of(text)][-1] == "莫塔"


def test_a_title_tells_of_a_topic_with_tanji():
    q = only("王大明總統今天接見訪團。總統也談及，雙方共享自由、民主等核心價值。\n")
    assert (q.speaker, q.cue) == ("王大明", "談及")


def test_an_adverb_after_a_surname_and_title_is_no_given_name():
    text = "論壇今天開幕，林總統全程出席，總統在開幕式上強調，雙方合作將更緊密。\n"
    assert "林全程" not in [q.speaker for q in quotes_of(text)]


def test_a_name_before_a_title_begins_after_the_word_its_first_character_ends():
    text = "接見某島共和國莫塔總統及各國使節\n\n王大明總統今天接見各國使節。總統表示，兩國關係友好密切。\n"
    assert [q.speaker for q in quotes_of(text)] == ["王大明"]


def test_a_korean_given_name_may_open_on_zai():
    assert only("标题\n\n外交部长官金在贤通话时表示，两国应保持关系改善的势头。\n").speaker == "金在贤"
    assert quotes_of("标题\n\n王在此表示，两国应保持势头。\n") == []  # 在此: here, no given name


def test_a_name_after_a_title_ends_where_a_verb_of_speech_begins():
    doc = analyze("标题\n\n法官周远回应表示，量刑要看个案情况。\n\n大律师郑雅文陈辞表示，上诉庭的诠释过于狭窄。\n")
    assert [q.speaker for q in doc.quotes] == ["周远", "郑雅文"] and "周远回" not in doc.entities


def test_a_verb_opening_a_title_or_a_body_is_part_of_the_speaker_s_description():
    q = only("标题\n\n本地一家市场分析公司分析师贝瑞德告诉记者，短期内这项禁令影响有限。\n")
    assert q.speaker == "贝瑞德"


def test_an_ordinal_after_a_title_is_no_name():
    text = "标题\n\n部长强调，这已是访团团长第五次来访。她也期待，双方有更深入的交流。\n"
    assert [q.speaker for q in quotes_of(text)] == ["部长", "部长"]
