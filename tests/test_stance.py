"""Stance: targets, the cue lexicon, the stored model (no pickles) and its held-out score."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

import quotes.stance as stance
from quotes.model import Quote
from quotes.pipeline import analyze
from quotes.reading import normalise
from quotes.segment import models_dir
from quotes.stance import stance_of
from quotes.stance.cues import cue_id, cue_lexicon
from quotes.stance.entries import gram_id
from quotes.stance.features import featurise, features
from quotes.stance.model import LABELS, StanceModel
from quotes.stance.targets import find_targets
from quotes.stance.training import _row_features, heldout_score, read_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "stance"
MODEL_DIR = models_dir() / "stance"
GOAL = 0.75  # the issue's acceptance: held-out macro-F1


@pytest.fixture(scope="module")
def model() -> StanceModel:
    if not (MODEL_DIR / "model.json").exists():
        pytest.skip("no trained stance model (quotes train stance)")
    return StanceModel.load(MODEL_DIR)


@pytest.fixture(scope="module")
def card() -> dict:
    return json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))


def labels_of(text: str, addressee: str | None = None, model: StanceModel | None = None) -> dict[str, str]:
    return {s.target: s.label for s in stance_of(text, addressee, model)}


# ----------------------------------------------------------------------------- the stored model


def test_weights_are_plain_arrays_loaded_without_pickle(model, card):
    path = MODEL_DIR / "weights.npz"
    with zipfile.ZipFile(path) as z:
        assert all(name.endswith(".npy") for name in z.namelist())
    with np.load(path, allow_pickle=False) as w:  # raises on any object array
        for name in w.files:
            assert w[name].dtype.kind in "fiu", name
    assert path.stat().st_size < 5_000_000
    assert card["classes"] == sorted(LABELS)
    assert card["lexicon_sha1"] == cue_lexicon().digest, "stance_words.tsv changed: retrain with `quotes train stance`"
    assert set(card["heads"]) == {h.name for h in model.heads}


def test_model_card_reports_the_card_figures(card):
    text = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert f"{card['cv_macro_f1']:.3f}" in text
    assert f"{card['heldout_macro_f1']:.3f}" in text
    assert card["rows"] == card["train_rows"] + card["heldout_rows"]


def test_heldout_score_recomputed_from_the_stored_model_equals_the_card(model, card):
    score = heldout_score(model, CORPUS, seed=card["seed"], heldout_share=card["heldout_share"])
    assert score["rows"] == card["heldout_rows"]
    assert score["macro_f1"] == card["heldout_macro_f1"]
    assert score["f1"] == card["heldout_f1"]
    assert score["macro_f1"] >= GOAL  # the issue's acceptance


# ----------------------------------------------------------------------------- clear-cut cases


def test_concession_and_addressee(model):
    # 你们 in a Cuban (or Russian) official's mouth: the other party of the story.
    got = labels_of("尽管美国不断施压，我们仍然支持你们", "古巴", model)
    assert got == {"美国": "oppose", "古巴": "support"}


def test_negation_flips_the_cue(model):
    assert labels_of("我们不反对欧盟的提议，也愿意同欧方加强合作。", model=model)["欧盟"] == "support"
    assert labels_of("我们并不支持北约东扩，这只会加剧地区紧张。", model=model)["北约"] == "oppose"


def test_clear_support_oppose_and_neutral(model):
    assert labels_of("我们坚决反对美方的单边制裁，这是赤裸裸的霸凌。", model=model)["美方"] == "oppose"
    assert labels_of("我们感谢中国长期以来的无私援助，中方是我们最可靠的朋友。", model=model) == {"中国": "support", "中方": "support"}
    assert labels_of("外长将于下周访问法国和德国，并出席在巴黎举行的会议。", model=model) == {
        "法国": "neutral", "德国": "neutral", "巴黎": "neutral"}
    assert labels_of("菲律宾一再挑衅，中方绝不会坐视不管。", model=model)["菲律宾"] == "oppose"


def test_traditional_script_reads_like_simplified(model):
    got = labels_of("我們感謝美國國務院公開支持台灣參與國際組織。", model=model)
    assert got["美国国务院"] == "support"


def test_pipeline_fills_stance_on_quotes(model):
    doc = analyze("外交部发言人毛宁表示：“我们坚决反对美方的单边制裁，这是赤裸裸的霸凌。”")
    stances = [s for q in doc.quotes for s in q.stance]
    assert any(s.target == "美方" and s.label == "oppose" for s in stances)
    assert all(s.label in LABELS and 0 < s.score <= 1 for s in stances)


# ----------------------------------------------------------------------------- targets and features


def test_every_target_mention_is_found_at_its_offsets():
    text = normalise("美方对中国新疆官员实施所谓“制裁”，欧盟和北约也表态，你们怎么看？")
    found = find_targets(text, addressee="俄罗斯")
    assert [t.target for t in found] == ["美方", "中国", "新疆", "制裁", "欧盟", "北约", "俄罗斯"]
    for t in found:
        assert text[t.start : t.end] in {"美方", "中国", "新疆", "制裁", "欧盟", "北约", "你们"}


def test_targets_are_whole_names_issues_groups_and_titled_people():
    found = {t.target: t.kind for t in find_targets(normalise("中美洲友邦支持臺灣，我們感謝賴院長。"))}
    assert "中美洲" in found and "中国" not in found and "美国" not in found  # no country inside a longer name
    assert found["赖院长"] == "person"
    found = {t.target: t.kind for t in find_targets(normalise("盼臺美關係持續深化，兩岸交流正常化，青年「勇往直前」。"))}
    assert found["台美关系"] == "issue" and found["两岸交流"] == "issue" and found["勇往直前"] == "term"



def test_a_target_named_inside_a_longer_name_and_on_its_own_is_reported_where_it_stands_alone():
    quote = "這次「國會台灣友好小組」來訪，傳達美國對臺灣的支持。"
    doc = analyze(f"標題\n\n議員表示，{quote}\n")
    shown = [s.target for s in doc.quotes[0].stance]
    assert "臺灣" in shown and "台灣" not in shown  # as written where it stands alone, not inside the group's name


def test_a_japanese_name_given_after_a_title_is_a_target_by_its_surname_before_a_title():
    doc = analyze("標題\n\n總統今天接見日本某縣知事森川健一。總統表示，感謝森川知事多年來推動兩地的交流。\n")
    assert "森川" in [s.target for s in doc.quotes[0].stance]


def test_international_bodies_are_targets_by_their_whole_names():
    found = {t.target for t in find_targets(normalise("感謝東協各國及歐洲議會多次聲援臺灣參與聯合國大會。"))}
    assert {"东协", "欧洲议会", "联合国大会"} <= found and not {"欧洲", "议会", "大会"} & found
    found = {t.target for t in find_targets(normalise("感謝美方持續對臺軍售，我們也尊重公民投票的結果。"))}
    assert {"对台军售", "公民投票"} <= found  # issues of defence and democracy


def test_a_group_phrase_begins_after_the_verb_or_connective_before_it():
    found = [t.target for t in find_targets(normalise("我們要壯大中小企業，例如政府已成立海洋基金會，也感謝留臺校友的支持。"))]
    assert found == ["中小企业", "政府", "海洋基金会", "留台校友"]  # not 壮大…, 例如…, 成立…


def test_a_long_speech_s_targets_are_all_named():
    text = normalise("我们感谢挪威、日本、瑞典、荷兰、加拿大、美国、澳大利亚、德国、英国和法国长期支持我们参与国际组织。")
    assert {"美国", "日本", "英国", "法国", "德国", "加拿大", "澳大利亚", "荷兰", "瑞典", "挪威"} <= {t.target for t in find_targets(text)}


def test_people_named_with_an_honorific_or_a_latin_gloss_are_targets():
    found = {t.target: t.kind for t in find_targets(normalise("感謝吳明德先生與孔憲蘭女士多年的付出。"))}
    assert found == {"吴明德": "person", "孔宪兰": "person"}
    found = {t.target: t.kind for t in find_targets(normalise("他去年曾与马拉西斯（Paolo Marassi）会谈，也感谢兰卡集团（Lanka Group）。"))}
    assert found["马拉西斯"] == "person" and "Paolo" not in found and "Lanka" in found  # a gloss is no target of its own


def test_a_head_of_state_named_bare_as_an_object_is_a_target():
    found = {t.target: t.kind for t in find_targets(normalise("访问团非常感谢总统多年来的支持，也期待与副总统见面。"))}
    assert found.get("总统") == "person" and found.get("副总统") == "person"
    assert "总统" not in {t.target for t in find_targets(normalise("总统表示欢迎。"))}  # the subject, the speaker's own mention


def test_a_profession_or_a_sector_is_a_group_target():
    found = {t.target: t.kind for t in find_targets(normalise("感谢宗教界与工程界的朋友，也让各界看见全世界的眼界。"))}
    assert found.get("宗教界") == "group" and found.get("工程界") == "group"
    assert not {"各界", "眼界"} & set(found)  # 各界, 眼界: no sector named


def test_programmes_systems_and_forums_are_targets_by_their_heads():
    found = {t.target for t in find_targets(normalise("政府将推动公共建设与低碳转型，告别威权体制，并感谢山海论坛的邀请。"))}
    assert {"公共建设", "低碳转型", "威权体制", "山海论坛"} <= found
    found = {t.target for t in find_targets(normalise("我们要努力建设，发挥建设性作用，让工程师顺利转型。"))}
    assert not any(t.endswith(("建设", "转型", "工程")) for t in found)  # verbs, 建设性, 工程师: no programme


def test_a_full_name_before_a_title_and_a_policy_domain_are_targets():
    found = {t.target: t.kind for t in find_targets(normalise("感謝林柏宏董事長長期照顧農民，並推動全民健保。"))}
    assert found.get("林柏宏") == "person" and "董事长" not in "".join(found)
    assert "农民" in found and "健保" in found
    found = {t.target for t in find_targets(normalise("我們將繼續總統的政策。"))}
    assert not any(t.endswith("继续") for t in found)  # a verb before a title is no name

def test_titled_people_after_an_attitude_verb_counted_office_holders_and_ally_pairs():
    found = {t.target: t.kind for t in find_targets(normalise("我們支持魏總統的理念，也歡迎12位議員與兩名知事來訪。"))}
    assert found.get("魏总统") == "person"  # 支持|魏总统: the verb ends where the name begins
    assert found.get("议员") == "group" and found.get("知事") == "group" and not any(t.startswith(("位", "名")) for t in found)
    found = {t.target for t in find_targets(normalise("盼臺宏、臺瓜持續深化，教宗都會祝福；部長特別感謝。"))}
    assert {"台宏", "台瓜"} <= found
    assert not {"都会", "特别"} & found  # an adverb after a title is no name
    assert "以宏" not in {t.target for t in find_targets(normalise("我們要以宏觀的角度看待。"))}


def test_a_titled_name_opening_the_quote_is_a_target_and_a_determiner_is_no_given_name():
    found = {t.target: t.kind for t in find_targets(normalise("歐德森總統下月來訪，盼兩國合作更上層樓。"))}
    assert found.get("欧德森") == "person"  # the name at the quote's first character
    assert not any(t.startswith("许") for t in (t.target for t in find_targets(normalise("許該校學生的表現，也感謝老師。"))))


def test_places_are_named_by_their_division_but_not_common_nouns_or_counts():
    found = {t.target for t in find_targets(normalise("感謝櫻川縣與橫浜市的協助，我們前往嘉祥區訪問。"))}
    assert {"樱川县", "横浜市", "嘉祥区"} <= found and not any(t.startswith("前往") for t in found)
    found = {t.target for t in find_targets(normalise("各縣市與大城市的社區都要維護印太區域和平，強化市場機制，兩省合作。"))}
    assert not any(t.endswith(("县市", "城市", "社区", "太区", "化市", "两省")) for t in found)


def test_a_topic_ends_before_a_verb_of_having():
    found = {t.target for t in find_targets(normalise("飞机有可能延误。孝道是美德。"))}
    assert "孝道" in found and not any(t.endswith("有") for t in found)


def test_people_named_by_their_work_are_group_targets():
    found = {t.target: t.kind for t in find_targets(normalise("感謝醫護人員與各地志工，也謝謝鄉親和老師們。"))}
    assert {found.get(w) for w in ("医护人员", "各地志工", "乡亲", "老师")} == {"group"}
    found = {t.target for t in find_targets(normalise("政府將提高公務人員待遇，也要派遣研究人員前往。"))}
    assert {"公务人员", "研究人员"} <= found and not any(t.startswith(("派遣", "提高")) for t in found)  # a verb is no modifier


def test_a_one_character_head_opening_a_longer_word_makes_no_group():
    found = {t.target for t in find_targets(normalise("北方部队撤离后，中东局势缓和，民主人士和政府部门都表示欢迎。"))}
    assert not {"北方部", "中东局", "民主人", "政府部"} & found and "中东" in found


def test_a_determiner_and_classifier_are_no_part_of_a_target_and_a_pair_needs_two_whole_parties():
    found = {t.target for t in find_targets(normalise("这项协议和各种措施都是为了这次选举，也是一个政策选择。"))}
    assert {"协议", "选举"} <= found and not any(t[0] in "项种次个" for t in found)
    found = {t.target for t in find_targets(normalise("盼更多国际组织来访，今天是第一个言论自由日。"))}
    assert "国际组织" in found and not any(t.startswith(("多", "第一", "个")) for t in found)
    found = {t.target for t in find_targets(normalise("我们以台湾人民为念，明日中国何去何从，在台美国商会也关心台美关系。"))}
    assert not {"以台", "日中", "台美"} & found and "台美关系" in found
    found = {t.target for t in find_targets(normalise("我们向总统致意，以法治国，和议员交流。"))}
    assert not {"向总统", "以法", "和议员"} & found  # a preposition is no surname, 以 no party before a noun


def test_the_modal_after_a_party_and_a_chance_are_no_groups():
    found = {t.target for t in find_targets(normalise("政府会持续推动改革，台湾会坚持民主，这是很好的机会。"))}
    assert not {"政府会", "台湾会", "机会"} & found and {"政府", "台湾", "改革"} <= found
    assert "欧洲议会" in {t.target for t in find_targets(normalise("欧洲议会通过决议。"))}
    found = {t.target for t in find_targets(normalise("我国政府将与我国人民一起努力。"))}
    assert not any(t.startswith("国") for t in found) and {"政府", "人民"} <= found  # 我|国政府: the pronoun's country


def test_the_short_noun_phrase_an_attitude_verb_takes_is_an_issue_target():
    found = {t.target: t.kind for t in find_targets(normalise("我们坚决反对强权政治，也欢迎区域经济整合，但不支持扩大采购。"))}
    assert found.get("强权政治") == "issue" and found.get("区域经济整合") == "issue"
    found = {t.target for t in find_targets(normalise("他们一直支持到最后，也反对协议签署后，支持程度很高。"))}
    assert not any(t.startswith(("到最后", "协议签署")) or t.endswith("很高") for t in found)  # times and degrees name nothing
    assert "主义做法" not in {t.target for t in find_targets(normalise("这是典型的保护主义做法。"))}  # 保护 inside 保护主义
    assert "保护主义政策" in {t.target for t in find_targets(normalise("这是典型的保护主义政策。"))}


def test_an_army_named_by_its_party_s_abbreviation_is_a_target_as_written():
    found = [(t.target, t.kind) for t in find_targets(normalise("日军昨晚越过防线，韩军随即开火，美军事顾问在场。"))]
    assert found[:2] == [("日军", "party"), ("韩军", "party")] and ("美国", "party") in found


def test_every_corpus_mention_is_in_its_quote():
    rows = read_corpus(CORPUS)
    assert len(rows) == 2947
    for r in rows:
        assert r["label"] in LABELS
        assert r["mention"] and r["quote"].find(r["mention"]) >= 0, r["id"]
        assert len(normalise(r["quote"])) == len(r["quote"])  # offsets carry over to the normalised copy


def test_features_see_the_target_masked_and_its_clause():
    text = "尽管美国不断施压，我们仍然支持你们"
    f = features(text, text.index("你们"), text.index("你们") + 2, [(2, 4)])
    assert gram_id("c", "支持Ⓣ") in f.blocks["window"]
    assert gram_id("c", "美国") not in f.blocks["window"]  # the other target is masked too
    assert gram_id("c", "施压，") in f.blocks["window"] and gram_id("c", "Ⓞ不断") not in f.blocks["window"]  # ten characters either side
    assert gram_id("L", "仍然支持") not in f.blocks["near"]  # the near block sees trigrams at most
    assert gram_id("L", "支持") in f.blocks["near"] and gram_id("R", "支持") not in f.blocks["near"]
    assert f.cues.get(cue_id("effect_side", effect="+", scope="same", side="b"), 0) > 0  # 支持 right before the target
    assert f.cues.get(cue_id("effect_side", effect="-", scope="same", side="b"), 0) == 0
    assert f.cues.get(cue_id("tmain"), 0) == 1  # the target's clause answers a concessive one
    assert f.cues.get(cue_id("effect_conc", effect="-", conc="c"), 0) == 1  # 施压, in the concessive clause


def test_cue_lexicon_is_well_formed():
    lex = cue_lexicon()
    assert len(lex.words) > 1000
    kinds = {"attitude", "quality", "demand", "distance", "rhetoric", "harm"}
    for word, (polarity, kind) in lex.words.items():
        assert word and polarity in "+-" and kind in kinds, word
    for word in ("支持", "欢迎", "感谢", "赞赏", "合作", "友好", "伙伴", "肯定", "尊重", "理解"):
        assert lex.words[word][0] == "+", word
    for word in ("反对", "谴责", "批评", "指责", "抗议", "制裁", "挑衅", "威胁", "霸凌", "干涉", "损害",
                 "破坏", "所谓", "抹黑", "施压", "停止", "立即", "必须", "错误", "不满", "关切", "遗憾"):
        assert lex.words[word][0] == "-", word


@pytest.mark.parametrize("text", [
    "", "。", "hello world", "😀😀", "你们", "美国", "美", "……美国？！", "目前没有任何消息。", "美国" * 500,
    "台湾问题纯属中国内政" * 30,
])
def test_unknown_or_odd_text_does_not_crash(model, text):
    got = stance_of(text, "中国", model)
    assert all(s.label in LABELS for s in got)


def test_zero_width_and_edge_mentions(model):
    text = normalise("美国")
    rows = [(text, 0, 2, []), (text, 0, 0, []), (text, 2, 2, [(0, 2)])]
    _, proba = model.predict_proba(rows)
    assert proba.shape == (3, 3) and np.allclose(proba.sum(axis=1), 1)
    assert model.predict_proba([])[1].shape == (0, 3)


def test_no_model_means_no_stance(monkeypatch):
    monkeypatch.setattr(stance, "_model", lambda: None)
    q = Quote(id="q1", story="s1", type="direct", text="我们坚决反对美方的单边制裁。", start=0, end=14)
    assert stance_of(q.text) == []


def test_distancing_markers_are_recorded():
    from quotes.pipeline import analyze

    doc = analyze("外交部发言人说，所谓“中国威胁论”根本站不住脚，一些人热衷于“躺平”式的批评。")
    assert doc.quotes[0].distancing == ["所谓“中国威胁论”", "“躺平”"]
    assert analyze("部长表示，双方会谈富有成果。").quotes[0].distancing == []


def test_targets_are_named_as_the_document_writes_them(model):
    doc = analyze("國台辦發言人表示，中國堅決反對美國對台軍售，美方應立即停止。\n"
                  "外交部發言人說：「中方已向美方提出嚴正交涉。」\n")
    targets = {s.target for q in doc.quotes for s in q.stance}
    assert "美國" in targets and "中國" in targets  # 美方 is shown as the document writes 美国
    assert not targets & {"美国", "中国"}


def test_organs_and_the_documents_own_speakers_are_targets(model):
    doc = analyze("教育局局長林文傑表示，新課程將於九月推行。\n"
                  "家長代表陳美玲批評，林文傑的說法迴避問題，食環署也一直慢半拍。\n")
    critic = next(q for q in doc.quotes if q.speaker == "陳美玲")
    assert {"林文傑", "食環署"} <= {s.target for s in critic.stance}
    assert not any(s.target == "林文傑" for s in doc.quotes[0].stance)  # nobody is his own target


def test_a_target_in_a_long_speech_sees_only_its_surroundings():
    filler = "我们将持续推动各项建设，让经济更加稳健。" * 60
    text = filler + "我们坚决支持乌克兰。" + filler
    at = text.index("乌克兰")
    long = features(text, at, at + 3)
    short = features("我们坚决支持乌克兰。", 6, 9)
    local = [b for b in long.blocks if b != "whole"]  # the whole quote's n-grams are counted once per quote
    assert sum(len(long.blocks[b]) for b in local) < 3 * sum(len(short.blocks[b]) for b in local) + 300
    assert gram_id("c", "支持Ⓣ") in long.blocks["window"]
    assert gram_id("w", "稳健") in long.blocks["whole"]


def test_analysis_scores_equal_the_training_design_matrices(model):
    rows = _row_features(read_corpus(CORPUS)[:200])
    batch = featurise(rows)
    blocks = {b: v.matrix(batch.coded(b)) for b, v in model.vocab.items()}
    for head, z in zip(model.heads, model.decision(batch)):
        expected = head.design(blocks) @ head.coef.T.astype(np.float64) + head.intercept
        assert np.allclose(z, expected - expected[:, :1], atol=1e-5)  # each class against the first


def test_vocabulary_lookup_finds_every_known_id_and_no_other(model):
    index = model._compiled()
    known = index.ids[::3]
    unknown = known ^ np.uint64(1 << 40)  # same low bits, another id
    cols = index.lookup(np.concatenate([known, unknown]))
    assert np.array_equal(cols[: len(known)], np.arange(0, len(index.ids), 3))
    assert (cols[len(known) :] == -1).all()


def test_report_has_a_speaker_by_target_stance_table(model):
    from rich.console import Console

    from quotes.report import document_report

    doc = analyze("外交部发言人林晓峰表示，中方坚决反对美方的单边制裁，愿同东盟加强合作。\n")
    console = Console(record=True, width=160)
    console.print(document_report(doc))
    text = console.export_text()
    assert "stance by speaker and target" in text
    row = next(line for line in text.splitlines() if "林晓峰" in line and "−" in line)
    assert "+" in row  # 东盟: support, in the same row as the opposition to 美国


def test_stance_table_cell_is_the_majority_stance_with_its_count():
    from quotes.model import Stance
    from quotes.report.tables import stance_table
    from rich.console import Console

    def quote(n: int, label: str) -> Quote:
        q = Quote(id=f"q{n}", story="s1", type="indirect", text="…", start=0, end=1, speaker="林晓峰")
        q.stance = [Stance("美方", label, 0.9)]
        return q

    quotes = [quote(1, "oppose"), quote(2, "oppose"), quote(3, "neutral")]
    console = Console(record=True, width=80)
    console.print(stance_table(quotes, "stance by speaker and target"))
    row = next(line for line in console.export_text().splitlines() if "林晓峰" in line)
    assert "−2" in row and "○" not in row  # one mark: opposes in two quotes of three


def test_targets_are_names_not_verb_tails_or_speech():
    from quotes.stance.targets import find_targets

    names = lambda text: [t.target for t in find_targets(text)]
    assert names("双方应从战略高度把握两国关系的正确方向") == ["两国关系"]
    assert names("让两国人民都能感受到合作的成果") == ["两国人民"]
    assert "宋立川" in names("应委员会邀请，外交部副部长宋立川将出席会议") and not any("邀请" in n for n in names("应委员会邀请，外交部副部长宋立川将出席会议"))
    assert names("他说“视频助理裁判应该介入却没有介入”") == []
    assert names("我们要加以重视，台日之间友好") == ["台日"]
    assert [t.target for t in find_targets("马英龙表示支持", names=["马英龙"])] == ["马英龙"]  # a pair inside a name


def test_an_abbreviated_party_is_reported_under_the_name_it_stands_for():
    from quotes.stance.targets import find_targets

    names = [t.target for t in find_targets("中俄两国要深化能源领域的务实合作")]
    assert "中国" in names and "俄罗斯" in names and "中" not in names and "俄" not in names


def test_a_country_s_short_form_a_city_and_a_market_are_targets():
    from quotes.pipeline import analyze

    doc = analyze("總統今日接見宏都拉斯訪團。總統表示，臺灣將持續協助宏國發展農業，也歡迎高雄與宏國城市交流。\n")
    targets = {s.target for q in doc.quotes for s in q.stance}
    assert {"宏國", "高雄"} <= targets
    assert "房地产" in {t.target for t in find_targets(normalise("房地产市场正在企稳。"))}


def test_a_verb_before_a_group_head_is_no_part_of_the_target():
    found = {t.target for t in find_targets(normalise("我們要配合政府的政策，使人民安居樂業。有人認為這不夠。"))}
    assert "配合政府" not in found and "使人民" not in found and "人民" in found and "有人" not in found


def test_an_organisation_and_an_event_are_targets_by_their_heads():
    named = [t.target for t in find_targets(normalise("明星集团的叛变是背后捅刀子，每年的军事演习是防御的关键措施"))]
    assert {"明星集团", "军事演习"} <= set(named)


def test_the_noun_a_sentence_opens_on_is_its_topic():
    named = lambda text: {t.target for t in find_targets(normalise(text))}
    assert "孝道" in named("孝道是中华文化的核心价值。")
    assert "直播带货" in named("直播带货的影响越来越大，企业都要学习。")
    assert not named("我们的目标将会实现。") & {"我们", "我们的目标"}
    assert "总统" not in named("总统也强调了这一点。")  # a title is the speaker, not a topic


def test_a_transliterated_name_the_document_gives_bare_is_a_target(model):
    from quotes.stance.names import recurring_transliterations

    doc = analyze("议员表示，拉莫斯与科尔曼的谈判毫无进展。\n分析人士说，科尔曼不会让步，拉莫斯也很难接受。\n")
    assert {"科尔曼", "拉莫斯"} <= {s.target for q in doc.quotes for s in q.stance}
    # a fragment of a longer name, a common word and a run holding a country are no names
    runs = recurring_transliterations(normalise("俄罗斯说，俄罗斯将立法。特别会议上，立法也特别难。美国拜登说，美国拜登将访问。"))
    assert runs == []


def test_a_name_glossed_in_latin_letters_after_a_verb_is_whole():
    found = [t.target for t in find_targets(normalise("我们衷心感谢范德林（Peter Vandling）总理的协助。"))]
    assert "范德林" in found and "Peter" not in found and "谢范德林" not in found


def test_a_one_character_party_that_opens_a_name_makes_no_pair():
    named = lambda text: {t.target for t in find_targets(normalise(text))}
    assert "台巴" in named("我们将深化台巴两国的邦谊。")
    assert not named("他说欧巴马时代的政策已经过时。") & {"欧巴", "中巴"}
    assert "日巴" not in named("今年4月21日巴国完成了大选。")


def test_a_political_institution_or_an_event_is_an_issue_target():
    named = lambda text: {t.target for t in find_targets(normalise(text))}
    assert {"政党政治", "地方自治"} <= named("各党都应尊重政党政治，落实地方自治。")
    assert not any("政治" in n for n in named("该国拥有政治稳定的优势。"))  # 政治 modifies 稳定
    assert "间谍活动" in named("他被控从事间谍活动。") and "事间谍活动" not in named("他被控从事间谍活动。")
    found = named("明年将举行总统大选，我们拭目以待。")
    assert "总统大选" in found and "总统" not in found  # the office names the vote, no person


def test_a_person_honoured_by_the_given_name_is_a_target():
    from quotes.stance.names import honoured_given_names

    text = normalise("纪念会在礼堂举行，追思已故学者韩立群。\n校长说，立群先生一生致力于乡村教育，令人敬佩。\n")
    assert honoured_given_names(text) == ["立群先生"]
    assert honoured_given_names(normalise("各位先生、各位女士，韩立群先生到场。")) == []  # an address; a full name


def test_talks_proposals_and_spending_are_issue_targets():
    named = lambda text: {t.target for t in find_targets(normalise(text))}
    assert "谈判" in " ".join(named("双方同意尽快恢复和平谈判。"))
    assert {"国防支出", "新政"} <= named("他提出新政，也要求增加国防支出。")
    found = named("该国新政府上台后公开支持这项计划。")
    assert "新政府" in " ".join(found) and "新政" not in found and "开支" not in " ".join(found)  # 新政|府, 公开|支持


def test_a_name_the_document_gives_with_a_title_is_a_target_bare():
    from quotes.stance.names import titled_names
    from quotes.lexicons import load

    text = normalise("该国领导人郑国华周一出访。分析人士说，郑国华此行意在拉拢邻国。联合国常任理事国也表态。")
    assert titled_names(text, load().title_scanner.finditer(text)) == ["郑国华"]
    doc = analyze("标题\n\n该国领导人郑国华周一出访。\n\n分析人士说，郑国华此行意在拉拢邻国。\n")
    assert "郑国华" in {s.target for q in doc.quotes for s in q.stance}


def test_courts_and_risks_are_targets():
    named = lambda text: {t.target for t in find_targets(normalise(text))}
    assert {"上诉庭", "国安风险"} <= named("上诉庭的裁决忽视了国安风险。")
    assert "金融风险" in named("当局必须降低金融风险。") and "降低金融风险" not in named("当局必须降低金融风险。")


def test_countries_named_by_their_taiwanese_short_forms_are_targets():
    # 聖文森, 史瓦濟蘭, 孟德內哥羅, 沙烏地阿拉伯: the forms Taiwanese releases use for these countries
    text = normalise("我們與聖文森、史瓦濟蘭、孟德內哥羅及沙烏地阿拉伯的合作持續深化。")
    assert {"圣文森", "史瓦济兰", "孟德内哥罗", "沙乌地阿拉伯"} <= {t.target for t in stance.find_targets(text)}


def test_a_people_and_a_park_named_with_their_modifier_are_targets():
    # 民族 and 園區 need a modifier of their own (中華民族, 科學園區), and 民族 no noun after it (民族|意識)
    found = {t.target for t in stance.find_targets(normalise("我們要為中華民族的未來努力，楠梓科學園區的建設也要加快。"))}
    assert {"中华民族", "楠梓科学园区"} <= found
    assert not any(t.endswith("民族") for t in {x.target for x in stance.find_targets(normalise("我們要喚起民族意識。"))})


def test_a_date_s_day_is_no_japan():
    # 5月8日|中國…: 日 after a digit is the day, not the one-character name of Japan
    found = {t.target for t in stance.find_targets(normalise("5月8日中國宣布新的限制，我們會審慎應對。"))}
    assert "中国" in found and "日本" not in found
