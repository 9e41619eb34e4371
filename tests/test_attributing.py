"""The attributor: subjects across adverbials, canonical names, anaphora, kinds, frames."""
from conftest import only, quotes_of


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
    q = only("一位因议题敏感、不愿具名的中国企业主就告诉本台，经济下行让他的公司几乎歇业。")
    assert q.speaker == "一位因议题敏感、不愿具名的中国企业主" and q.speaker_kind == "anonymous"


def test_a_long_appositive_chain_names_its_last_person():
    q = only("北京某大学信息化研究中心原主任、某研究院数量经济与技术研究所研究员姜明在接受报纸采访时称，清单反映出焦虑。")
    assert (q.speaker, q.role) == ("姜明", "某研究院数量经济与技术研究所研究员")


def test_a_transliterated_name_may_hold_function_characters():
    assert (only("阿都拉前議長表示，兩國友誼深厚。").speaker, only("史都華主席表示，臺美關係非常重要。").speaker) == ("阿都拉", "史都華")


def test_a_quoted_name_inside_a_subject():
    assert only("执政的“公民梦想”党辩称，该立法将增加透明度。").speaker == "公民梦想党"
    q = only("英国人权组织“海港监察”（Harbour Watch）行政总裁罗杰（Ben Roger）指出，指控与国家安全无关。")
    assert (q.speaker, q.role) == ("罗杰", "行政总裁")


def test_who_cites_figures_speaks_unless_a_report_cites_them():
    assert only("布鲁克援引联合太空作战中心的数据表示，这颗卫星调整了轨道。").speaker == "布鲁克"
    found = quotes_of("法新社报道称，学中文的人变多了。\n\n报道还援引一家主要招聘公司的数字说，需求增加了三倍。")
    assert found[-1].speaker == "一家主要招聘公司"


def test_senders_of_a_letter_are_its_speakers_not_its_addressee():
    q = only("两党参议员联名致信总理伊拉克利·科巴希泽（Irakli Kobakhidze）警告说，该计划可能导致政策改变。")
    assert q.speaker == "两党参议员"


def test_a_pronoun_does_not_take_a_name_from_inside_a_quotation():
    text = ("前外交官郭明汉说：“他与政治人物、商界领袖和活动家交谈是犯罪的说法，真是可笑。”\n\n"
            "他又说：“我们支持所有被盯上的人。”")
    assert [q.speaker for q in quotes_of(text)] == ["郭明汉", "郭明汉"]


def test_title_modifiers_go_with_the_title():
    assert (only("惠特利前代理部長表示，國防改革令人印象深刻。").speaker, only("迪馬里主席表示，國會支持臺灣。").speaker) == ("惠特利", "迪馬里")


def test_a_reference_inside_the_speech_is_no_relay():
    q = only("赫恩主席表示，正如蔡總統所提及，本周美國剛好在歡慶獨立紀念日。")
    assert q.speaker == "赫恩" and q.text.startswith("正如")


def test_a_preposition_after_a_title_opens_the_verb_phrase():
    q = only("談及兩岸關係，總統向訪賓說明，政府致力維持和平。")
    assert (q.speaker, q.cue) == ("總統", "說明")
    assert quotes_of("總統針對武器裝備說明，並實際操作模擬器。") == []


def test_a_title_s_speaker_is_the_one_the_article_names_below():
    text = "國宴宴請諾魯總統　總統盼兩國更多合作交流　讓雙邊關係更緊密\n\n蔡英文總統今晚設國宴款待諾魯總統。總統表示，兩國友誼深厚。"
    assert [q.speaker for q in quotes_of(text)] == ["蔡英文", "蔡英文"]


def test_a_readout_summary_frames_its_quotes_and_speaks_for_its_issuer():
    text = ("（华盛顿综合报道）国防部长卡森周三与对方通话。\n\n据五角大楼发布的通话摘要，卡森说：“沟通渠道至关重要。”\n\n"
            "摘要还说，双方同意恢复举行磋商机制会议。")
    assert [(q.speaker, q.source) for q in quotes_of(text)] == [("卡森", "五角大楼"), ("五角大楼", "五角大楼")]


def test_a_website_speaks_for_its_owner():
    q = quotes_of("据生态环境部网站消息，部长黄立平周二主持对话。\n\n消息说，双方同意保持密切沟通。")[-1]
    assert (q.speaker, q.source) == ("生态环境部", "生态环境部")


def test_a_frame_s_source_is_no_dateline():
    text = "（马尼拉综合报导）菲律宾国防部周五发布声明。\n\n声明说，卡森重申，美方的防卫承诺「坚如磐石」，条约适用于公务船只。"
    q = only(text)
    assert (q.speaker, q.source) == ("卡森", "菲律宾国防部声明")


def test_a_pronoun_after_a_relative_clause_subject_is_that_person():
    text = "擔任丹麥外交部部長的艾勒曼‧顏森，對中華民國的發展成果至表肯定，他並指出，這次訪問親身體會到社會的繁榮。"
    assert only(text).speaker in ("顏森", "艾勒曼‧顏森")


def test_a_titled_head_after_de_is_named_by_its_name():
    q = only("罗格斯大学的埃布赖特教授说，现在评估致死率还为时过早。")
    assert (q.speaker, q.role) == ("埃布赖特", "教授")


def test_a_pronoun_skips_a_time_clause_to_the_sentence_s_subject():
    text = "葛义朋发了帖子。\n\n本月早些时候，大学副教授约尼·弗里德霍夫博士，关注了葛义朋的多个帖子。他认为，帖子有问题。"
    assert only(text).speaker == "弗里德霍夫"


def test_a_group_of_many_before_a_preposition_is_an_unnamed_source():
    q = only("9月30日，多位美国国会共和党人向政府提出建议，要求将几家公司列入黑名单。")
    assert (q.speaker, q.speaker_kind) == ("多位美国国会共和党人", "anonymous")


def test_evidence_inside_a_speech_is_no_relay():
    q = only("报道表示，金奎显在简报会上还说，朝鲜最近的试射活动表明，朝鲜高度依赖战术核系统。")
    assert q.speaker == "金奎显" and q.text.startswith("朝鲜最近的试射活动表明")


def test_surname_title_given_name_after_the_party_whose_office_it_is():
    text = ("中國國民黨李主席登輝先生今天告訴黨代表：「政府對僑胞的重視沒有時間性。」\n\n"
            "李主席說，過去政府在困難的時期，僑胞們出錢。\n\n李主席並指出，目前的兩岸關係是競爭。\n")
    assert [q.speaker for q in quotes_of(text)] == ["李登輝", "李登輝", "李登輝"]


def test_manner_words_and_verbs_after_a_title_are_no_names():
    text = "蔡英文總統今天以書面致詞。\n\n總統書面賀詞全文為：\n\n祝賀大會圓滿成功。\n\n總統宣示內容如下：\n\n我們會堅守民主。\n"
    assert {q.speaker for q in quotes_of(text)} == {"蔡英文"}


def test_a_surname_and_another_office_is_the_one_person_of_that_surname():
    text = "李總統登輝今天出席會議。\n\n李主席說，黨必須團結。\n"
    assert [q.speaker for q in quotes_of(text)] == ["李登輝"]


def test_surname_title_given_name_then_an_honorific_or_a_verb():
    assert [q.speaker for q in quotes_of("李總統登輝伉儷今天接見婦聯會幹部。李總統表示，婦女很重要。")] == ["李登輝"]
    assert [q.speaker for q in quotes_of("李總統認為，改革必須持續。")] != ["李認"]


def test_an_office_vouches_for_the_name_before_it():
    assert [(q.speaker, q.role) for q in quotes_of("芭菟煦副主席表示，兩國合作密切。")] == [("芭菟煦", "副主席")]
    assert quotes_of("活动组织者表示，活动很成功。")[0].speaker == "活动组织者"


def test_a_title_held_concurrently_resolves_to_its_holder():
    text = "星衡科技发布芯片 创始人称“算力不是唯一门槛”\n\n星衡科技创始人兼首席执行官顾嘉言在发布会上介绍，芯片性能提升。"
    assert quotes_of(text)[0].speaker == "顾嘉言"
