"""Reported speech: quotes found around their reporting cues.

``X说：“……”`` (direct), ``X表示，……`` (indirect, running on over the sentences that continue
the report), ``X说，本次会晤“……”`` (mixed), ``“……”，他说。`` and ``……，X补充道。``
(postposed), and quotations that stand alone.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from typing import Iterator

from ..lexicons import LATIN_GLOSS, TOPIC_PREPOSITIONS, Cue, Lexicons, occurrences, word_pattern, words_within
from ..structure import Line, after_dateline, truncated_at
from .candidates import Candidate
from .labels import headlines, interview_answers, transcripts
from .marks import CLOSERS, PAIRS, Quoted, line_of, quoted_spans

_SENTENCE_END = "。！？"
_SENTENCE_ENDS = re.compile(f"[{_SENTENCE_END}]")
_SPACES = re.compile("[ \u3000]*")  # 他说 。: copy that spaces out its punctuation
_NOT_CONTENT_START = set("的了过着是为得地")
# 否决了覆议要求后，…: a time clause, the cue a noun or an act; 弹劾指控不成立, 这一指控不属实: the cue a
# noun that the clause says something of; 要求匿名, 要求不具名: a source asking for anonymity, not speech
_NOT_CONTENT_OPENING = re.compile("[一二三四五六七八九十]+、|[后时](?![续来天期果])|不?(?:成立|属实|实)(?=[，。；！？后]|$)"
                                  "|(?:匿名|不具名|不愿具名|不透露(?:姓名|身份|名字)|不公开(?:姓名|身份))(?=[，。；！？]|$|以|讨论|谈|发言|接受|透露)"
                                  "|下(?=[，。；、])"  # 在总统的指示下，: the cue a noun in a circumstance
                                  "|[和与及或](?=[，、])")  # 除了外交承认和，…: the cue a noun in a list
_NO_END = 1 << 62
_PASSIVE = set("被受遭获")  # 遭到批评: the cue is what was received, not said
_NOMINAL = set("的予给令让使有种些项")  # 这种呼吁, 一些批评  # 他的批评, 予以谴责: a cue taking content directly is a noun here
_CAUSATIVES = ("使", "让", "令", "促使")
_BREAKS = "，。！？；：\n"  # where a clause ends, for the checks on the clause before a cue
_INNER_SUBJECT_MAX = 20  # 教廷在一份书面声明里: a subject and its occasion before an inner cue
_ADVERBIAL_ENDS = ("过程中", "期间", "之际", "时候", "之时")
_SPAN_AFTER = re.compile(r"[一二三四五六七八九十两几数\d]+(?:天|日|周|个星期|个月|年)(?:后|之后|以后)")  # 三天后, 两周之后
# 对有关批评进行了反驳: a noun, and a light verb's object; 旨在重申…: what someone means to say, not said
_CONJUNCTIONS = frozenset("和与及")
_PARTY_ADVERBS_MAX = 4  # characters of time or adverb between a party and its verb (英国|上星期|宣布)
# what makes a party's verb no report: a modal, a negation, a means (美国|可能会|要求, 美国|并非|要求, 美国|透过…来|警告)
_NOT_REPORTING = frozenset("可能会将恐或应要欲拟透通藉以来不没未非无的")
_NOMINAL_WORDS = ("有关", "相关", "进行", "进行了", "作出", "做出", "作了", "做了", "包括", "投票", "表决", "支持", "于其", "及其",
                  "旨在", "打算", "准备", "这场", "那场", "一场", "该场")  # 那场希望与心碎…: a counted event, a noun
_FRAME_OPENERS = ("据", "根据", "另据")
# verbs whose object a noun cue is (兑现|…承诺, 履行|…承诺), within its clause
_NOUN_TAKER = re.compile("(?:兑现|履行|落实|遵守|遵照|遵循|听从|服从|信守|违背|违反|背弃|打破|收回|撤回|完成)[^，。！？；：“”「」]*$")
_NOUN_TAKER_REACH = 8
_LAWS = ("法", "法律", "法案", "规定", "条例", "新规", "规则", "法规", "法令")
_CITING = ("根据", "依据", "依照", "按照")  # 近来依据某协会的调查显示: data cited, by the speaker or the writer
_FIRST_PERSON = ("我", "你", "咱", "大家", "各位")  # a cue in speech, not an attribution
_RECIPIENT_MAX = 16
_VERBAL = set("得已了被将会要在把")
_TITLE_HEAD = 12  # how far into a sentence a title still opens it
_ACCOUNT_SUBJECT_MAX = 14  # the same after an account (报道说，…), where titles stack up
_ACCOUNT_TITLED_MAX = 24  # and a subject holding a title, with the office it heads described
_SUBJECT_HEAD = 10  # how long a subject may be for a clause to open a new attribution
_MODALS = set("应要需须必得")
_PERSONAL_PRONOUNS = ("他", "她")
_ACT_ADVERB = "(?:并|也|还|则|随后|接着|接著|同时|亦)"  # 接著 survives the script conversion
_NAMED_ACT = re.compile(f"{_ACT_ADVERB}|把|被")  # ，總統也…, ，某某把对方形容为…: the speaker named doing something
_NARRATED_ACT = re.compile(f"(?:他|她|他们|她们){_ACT_ADVERB}")
_SENTENCE_OPENER = re.compile("(?:因此|此外|另外|同时|最后|接着|接著|然后|其次|首先|再者|所以)，")
_SOME = ("有些", "一些", "部分", "许多", "不少", "多名", "多位")
_COMMENTATORS = ("专家", "学者", "人士", "官员", "分析师", "观察家", "批评者")  # 有些专家将这归咎于…: others' views, not the speaker's
_SOURCE_HEAD = re.compile(r"([^，。；：“”「」\s对将把向在]{2,10}?)(?:对|将|把|向|在|则|也|都)")
_ENUMERATION = re.compile("\\s*(?:第[一二三四五六七八九十]{1,3}|[一二三四五六七八九十]{1,3}|[0-9]{1,2})[、.．]|\\s*[（(][一二三四五六七八九十0-9]{1,3}[）)]")
_NO_COMMENT = re.compile("拒绝置评|不予置评|拒绝评论|没有回应置评|未回应置评|没有立即回应|未立即回应")
_ANNOUNCED = re.compile("(?:为|如下)：")  # 總統致詞內容為：: a speech announced in full
# 据X报道， / 另据X说， / 根据X的声明，: an account named at a sentence's start
_FRAME = re.compile(r"(?:另|而|但|不过)?(?:据|根据)(?!悉|了解|报道|报导|称|说|介绍|传|闻)"
                    r"(?P<origin>(?:[^，。；：“”「」\n]|[“「][^“”「」，。\n]{1,20}[”」]){2,30}?)(?:的)?(?:最新|最近)?"  # 人权组织“某某”: a name in marks
                    r"(?P<verb>报道|报导|消息|介绍|透露|称|说|表示|指出|披露|通报|统计|估计|声明|说法|公告|新闻稿|观察|分析|数据|显示|资料|信息|报告)[，：]")
_FRAME_CUE = Cue("据", "informing", False)
_COMPILED_REPORT = re.compile("综合[^，。；]{0,12}?(?:报道|报导|消息|外电)")  # 综合外电报道，…
# 据…的数据显示，…, 据学者某某观察，…: what figures or a judgement say is a claim, even of an event
_CLAIM_VERBS = frozenset({"统计", "估计", "数据", "显示", "资料", "观察", "分析", "说法", "表示", "指出", "称", "说", "报告"})
_VIEWS = ("说法", "立场", "看法", "观点", "主张", "态度", "表态", "意见", "论点", "结论", "承诺", "警告")  # 重申了他的说法：…
_VIEW_OBJECT_MAX = 10
_COUNTED_VIEWS = re.compile("[一二两兩三四五六七八九十几幾多\\d][点點项項个個]|以下")
_POSTPOSED_SUBJECT = 60  # 另一位参加活动的学生卡尔·贝克(Karl Beck)|说
_AGENT_MAX = 12
_PASSIVE_AGENT = re.compile(f"(?:受到|遭到|遭受|被)(?!问)[^，。；：！？时]{{1,{_AGENT_MAX - 2}}}$")  # 受到X指控, not 被问及…时说
_GLOSS_MAX = 20  # a parenthesis this short around a cue is a gloss (中国称黄岩岛), not a report
_HEDGES = ("可能", "或许", "也许", "恐怕", "大概", "似乎", "显然", "应该", "应当", "一定", "肯定", "会")
_BELIEFS = ("相信", "深信", "坚信")
_RELAY_CUES = ("引述", "援引", "引用")
_RELAYED_WORDS = re.compile(r"[^，。！？；“”「」]{1,24}?的话(?=[。！？]|$)")  # 路透社引述X的话。: X's words, closing the sentence
_BARE_CONTENT_VERBS = ("说", "表示", "说过", "表示过")  # may take a clause with no comma before it (她说这不会…)
_ADDRESSED = ("对", "向", "为")  # 对…表示欢迎, 向…表示敬意: an attitude shown to someone
_BARE_CLAUSE_MIN = 6  # characters of a clause taken with no comma; 表示敬意 is a gesture
_GESTURES = ("之意", "敬意", "谢意", "歉意", "欢迎", "感谢", "祝贺", "慰问", "哀悼", "关切", "遗憾", "赞赏", "欣慰", "肯定")
# a verb phrase the speaker commits to (表示将…, 说不会…): content right after a speech verb (but
# 表示感谢 is a gesture, and 预计将…, no speech verb, "is expected to")
_MODAL_OPENERS = ("将", "会", "要", "愿意", "愿", "已经", "正在", "仍将", "必须", "应该", "可以", "无意", "不会", "不能", "不愿",
                  "不再", "没有")
_SUBJECTLESS = ("mental", "directive")  # 期盼、相信、呼吁 may open a sentence that goes on with its speaker
_CLAUSE_BREAK = re.compile("[，：；。！？]")
_LOCATIVE_ENDS = set("时中上后前间")  # 出席「…」时|表示: an adverbial clause ends so
_COORDINATION = re.compile("，(?:并且|并|同时|还|也|亦|又)?")  # ……，并要求… / 指责A，说B: a coordinated reporting verb may follow
# in news copy also after an adverb of emphasis (……，并特别提及…); a release's 并特别感谢… goes on with its speech
# and after a contrast (指责…，但又表示…)
_CONTRASTS = ("但", "却")
_COORDINATION_NEWS = re.compile("，(?:但是?|却)?(?:并且|并|同时|还|也|亦|又)?(?:特别|再次|进一步|一再)?")
# a content clause may follow any reporting verb directly when it opens on one of these
# subjects (发言人表示自己“不清楚详情”, 使馆也表示他们不了解此事)
_CLAUSE_SUBJECTS = ("自己", "他们", "她们", "它们", "他", "她", "这是", "这将", "这会", "这不", "此举")
_COORDINATED_VERB = "并"
_TITLE_PARTS = re.compile("[^ ，,　]+")
_TITLE_SUBJECT_MIN = 2
_TITLE_CONNECTIVES = ("并且", "并", "也", "另", "更")  # longest first; the text is in simplified script
_TITLE_CONTENT_MIN = 4
_CITED_DATA = re.compile("根据[^，。；：]{2,40}?(?:评比|统计|数据|调查|研究|排名|资料)")
_EVIDENTIAL = frozenset({"表明", "显示", "证明", "说明", "意味着"})
_ATTENDANCE = re.compile("(?:与会|在座|陪同|作陪|随同|陪同接见|陪同出席)$")  # …等均与会: the reporter lists who attended
_CONTRAST = re.compile("，(?:但是|但|而|不过|然而)")
_CLAUSE_COMMA = re.compile("[，；]")
# a sentence whose first clause names a subject, then when it acted (某国2022年2月…, 这颗卫星于周一…)
_DATED_EVENT = re.compile(r"[^，。；：“”「」\"]{1,10}?(?:于|在)?(?:\d{4}年(?:\d{1,2}月)?|\d{1,2}月\d{1,2}[日号]"
                          r"|(?:上|本|这个|上个)?(?:周|星期)[一二三四五六日天]|上周|上个月|去年|前年)")
# a sentence that opens on the reported act itself (这一决定…, 此举…, 这是…以来首次…), or on how
# much later something happened (三天后，…, 次日，…): the reporter's account of events
_REPORTED_EVENT = re.compile(r"(?:这|此)(?:个|一|项|次|场)?(?:决定|举动|举措|举|消息|事件|访问|表态|言论)|这是[^，。]{0,20}(?:首次|以来|第[一二三四五六七八九十\d]+次)"
                            rf"|(?:{_SPAN_AFTER.pattern}|次日|翌日)，")
_PLACED_PRONOUN = re.compile(r"^((?:他|她)们?)(?:在|于)[^，。；：“”]{1,16}(?:上|中|时|期间|之际)$")  # 他在…集会上
_CIRCUMSTANTIAL = ("考虑到", "鉴于", "根据", "随着", "为了", "对于", "关于", "除了", "基于", "面对")
_TIME_CLOSERS = ("时", "时候", "之际", "以后", "之后", "以来", "期间")
_CLAUSE_CONNECTIVE = re.compile("(?:但是|但|而|不过|并且|同时)?")  # ……，但|她批评…
# ……，但没有表明…, ……，但并未透露细节: the reporter telling what was left unsaid ends the report
_UNSAID = re.compile("，(?:但是?|不过|却)(?:他|她|他们|她们)?(?:并|也)?(?:没有|并未|未曾|尚未|未|没)"
                     "(?:具体|详细|进一步|明确)?(?:表明|表示|说明|透露|提到|提及|提供|给出|解释|证实|回答|回应|点名|说)")
_TOPIC_OPENERS = tuple(p for p in TOPIC_PREPOSITIONS if len(p) > 1)  # not 对: 对记者表示 reports
_SPOKEN_MARKS = frozenset("，？！了吗呢吧啊我你")  # what makes a quotation speech rather than a name
_NEGATED_ADVERBS = ("立即", "马上", "立刻", "轻易", "公开", "正式", "再")  # 不会|立即|宣布: still negated
_TIMED_SUBJECT_MAX = 8  # 卫生部长陈美玲: the speaker named after a time adverbial is short
_TIME_SUFFIX_MAX = 2  # 上个月底, 本周初: a time word and a part of it; not a clause (去年他特別強調), not a bare connective (同時，)
_ADVERBIAL_MAX = 20  # 这个星期早些时候, 在國慶談話中: how long a clause telling when or where may be
_OCCASION = re.compile(f"在[^，。；：]{{1,20}}[{''.join(sorted(_LOCATIVE_ENDS))}](?:曾经|曾|也|还|又|则|亦|都|已)?$")  # …在会见中|表示, 在被问及…时|表示, 在某峰会上|曾表示
_ADDRESSEES = ("人士", "社会", "民众", "大家", "各界", "人民", "同学", "朋友", "国人", "同胞")
_NOUN_OBJECT_CLASSES = ("critical", "rejecting", "emphatic", "informing")  # verbs whose object may be a bare noun phrase
_HEAD_NOUN_MAX = 4
_OWNERS = ("自己", "对方", "各方", "双方")
_DEMONSTRATIVES = ("这些", "这一", "这个", "这种", "这项", "该项", "那些")
_SPEECH_SUFFIX = ("说", "称", "道")
_CONTENT_OPENERS = ("，", "：", "“", "「")
# dates, weekdays and where a paper appeared, inside a subject (某公司3月2日在脸书上的声明)
_INNER_ADVERBIALS = re.compile("[0-9０-９]{1,4}年|[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?|[0-9０-９]{1,2}日|"
                               "(?:周|星期)[一二三四五六日天]|在[^，。；：“”「」]{1,10}?[上中]的")
_ACT_CHARS = "也亦并还则更又再特别"  # adverbs between a speaker and the verb (副总统亦期许, 他也特别希望)
_PARENTHESISED = re.compile(r"[（(][^（）()]*[）)]")  # a name in its own script after it (某某（Li Mou）)
_TRAILING_CONNECTIVE = re.compile("，(?:不过|但是|但|而|然而|因此|所以|同时)$")
# 會長致詞時首先歡迎各位貴賓。: a greeting that opens a speech; the speech follows, with no cue of its own
_GREETING = re.compile("(?P<cue>致词|致辞|讲话)时?，?(?:首先|一开始|开场时?)(?:代表[^，。！？；]{1,20})?"
                       "(?:感谢|欢迎|恭喜|祝贺|问候|向|对)[^。！？；\n]{2,80}?[。！]")
_GREETING_CUE = Cue("致词", "neutral", False)
_ADVERB_STARTS = set("也还并更亦则又再同")  # ……，也表示，: the same subject goes on
# 她也|说…: a pronoun and an adverb, the whole subject
_PRONOUN_SUBJECT = re.compile(f"(?:{'|'.join(_PERSONAL_PRONOUNS)})们?[{''.join(sorted(_ADVERB_STARTS))}]?")
_NARRATIVE_OPENER = re.compile("^(?:但是|但|而|随后|此后|不过)")
_CONDITIONALS = ("如果", "假如", "要是", "倘若", "若", "虽然", "尽管", "因为", "由于", "即使")
# An embedded quotation this short with no punctuation is a term or a name, not speech.
_TERM_MAX = 8
_CLAUSE_MAX = 200  # a run without a clause break longer than this is no subject clause

@lru_cache(maxsize=4)
def _lexicon_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return word_pattern(words)  # built once per process, not per document


def _short_names(subject: str) -> list[str]:
    """How a story calls the speaker again: the subject's last three or two characters (總統, 李總統)."""
    return [subject[-n:] for n in (3, 2) if len(subject) >= n]


def _without_adverbials(subject: str) -> str:
    """A subject without the place or occasion after it, its dates and the name in its own script
    (菲律宾外交部副部长|在会见中; 某公司|3月2日|在脸书上的声明; 某某（Li Mou）)."""
    subject = _PARENTHESISED.sub("", subject)  # first: an occasion may hold a gloss (在某峰会（Summit）上)
    occasion = _OCCASION.search(subject)
    return _INNER_ADVERBIALS.sub("", subject[: occasion.start()] if occasion else subject)


def _bare_subject(subject: str, time_words: frozenset[str], time_lengths: list[int]) -> str:
    """The subject without what follows the name in news copy (``_without_adverbials``, then a
    time word and adverbs: 某部长李某（Li Mou）周二在接受采访时 → 某部长李某)."""
    subject = _without_adverbials(subject)
    trimmed = True
    while trimmed:
        trimmed = False
        subject = subject.rstrip(_ACT_CHARS + "在 ")  # 某某在|接受采访时表示
        for n in reversed(time_lengths):  # the longest time word first (上个月, not 月)
            if len(subject) > n and subject[-n:] in time_words:
                subject, trimmed = subject[:-n], True
                break
    return subject


@lru_cache(maxsize=64)
def _taking_content_directly(cue: Cue) -> Cue:
    """``cue`` as news copy reads it (白宫表示目前不会…): made once per cue, not per occurrence."""
    return replace(cue, direct_object=True)


def _narrates(sentence: str, names: list[str]) -> bool:
    """Does ``sentence`` call the speaker again by one of these short names, doing something
    (，總統也…, ，某某把…形容为…), at its start or after a comma? A speaker's own words do not
    call the speaker so. Found with ``str.find``: a pattern of the names would be compiled anew
    for most speakers."""
    return any((i == 0 or sentence[i - 1] == "，") and _NAMED_ACT.match(sentence, i + len(name))
               for name in names for i in occurrences(sentence, name))


class Finder:
    """Finds quotes in one document's normalised text."""

    def __init__(self, norm: str, lines: list[Line], lex: Lexicons, agency_copy: bool = False):
        """``agency_copy``: the text is news copy in the simplified script, where a sentence
        that opens on a dated event after a report is the reporter's background."""
        self.agency_copy = agency_copy
        self.norm = norm
        self.lines = lines
        self.lex = lex
        self.quoted = quoted_spans(norm, lines)
        self._by_open = {q.open: q for q in self.quoted}
        self._by_close = {q.close: q for q in self.quoted}
        self._ends = self._sentence_ends()
        coordination = _COORDINATION_NEWS if agency_copy else _COORDINATION
        self._coordinations = [(m.start(), m.end()) for m in coordination.finditer(norm)]  # ，并… ，同时…
        self._commas = [m.start() for m in _CLAUSE_COMMA.finditer(norm)]  # where a clause may hand over to another voice
        self._party_subjects = tuple(w for w in lex.parties if len(w) == 2 and w.endswith("方"))  # 中方, 美方
        self.relays: list[Candidate] = []  # outer attributions (公报称，X表示，…) that frame an account
        self._shared_subject: dict[int, tuple[int, int]] = {}  # 呼吁…，并要求…: the second cue's subject
        self._inside = sorted(q.content for q in self.quoted)
        self._titles = sorted(self._book_titles())
        self._cue_marks = lex.cue_scanner.marks(norm)  # where a cue word may begin, marked once for the document
        self._doc_cue_words = self._scan_cue_words(0, len(norm))  # found once; a region takes those within it
        self._cue_starts = [a for a, _, _ in self._doc_cue_words]  # where a cue may stand, unfiltered
        self._event_re = _lexicon_pattern(lex.predicate_words)
        self._time_words = lex.time_words
        self._time_lengths = sorted({len(w) for w in self._time_words})
        self._breaks: list[int] | None = None  # where the clause breaks stand, once needed
        self._not_cue_re = _lexicon_pattern(lex.not_cues)
        self._narration = lex.narration
        self.lex_cue_max = max(map(len, lex.cues))

    # -- helpers over positions
    @staticmethod
    def _covered(spans: list[tuple[int, int]], a: int, b: int) -> bool:
        """Is norm[a:b] inside one of ``spans`` (sorted, not overlapping)?  A binary search:
        this runs for every cue candidate."""
        k = bisect_right(spans, (a, _NO_END)) - 1
        return k >= 0 and spans[k][1] >= b

    def _book_titles(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,60}》", self.norm)]

    def _quoted_at(self, pos: int) -> Quoted | None:
        return self._by_open.get(pos)

    def _quoted_ending_at(self, pos: int) -> Quoted | None:
        return self._by_close.get(pos)

    def _sentence_ends(self) -> list[int]:
        """Positions of sentence-final marks outside quotations, in order (computed once, so
        that finding a sentence's edges costs a binary search, not a walk)."""
        ends, spans, k = [], sorted((q.open, q.close) for q in self.quoted), 0
        for m in _SENTENCE_ENDS.finditer(self.norm):
            i = m.start()
            while k < len(spans) and spans[k][1] < i:
                k += 1
            if not (k < len(spans) and spans[k][0] < i < spans[k][1]):
                ends.append(i)
        return ends

    def _sentence_end(self, a: int, b: int) -> int:
        """Position of the first sentence-final mark in norm[a:b] outside quotations, or b."""
        k = bisect_left(self._ends, a)
        return self._ends[k] if k < len(self._ends) and self._ends[k] < b else b

    def _sentence_start(self, line: Line, pos: int) -> int:
        """Start of the sentence holding ``pos``, looking back over quotations."""
        k = bisect_left(self._ends, pos) - 1
        return self._ends[k] + 1 if k >= 0 and self._ends[k] >= line.start else line.start

    def _is_cue(self, a: int, b: int) -> bool:
        """A cue candidate not inside a word that only looks like one (小说, 据说, 表示感谢).

        Word boundaries from the segmenter were measured as a further check and left out:
        trained on the treebank's standard, it glues name characters to cues (王/文说,
        中谈/到) and cost recall on the project's corpus without gaining precision.
        """
        window_a, window_b = max(0, a - 5), min(len(self.norm), b + 5)
        for m in self._not_cue_re.finditer(self.norm, window_a, window_b):
            if m.start() < a and self._names_a_paper(m.start() + 1):
                continue  # 通报|称, 时报|称: 报称 there is a paper and its verb
            if m.start() < a and self.norm[m.start() - 1 : m.start() + 1] in self.lex.subject_words:
                continue  # 后来|说: the phrase (来说, as in 对我来说) begins inside an adverb the grammar knows
            if m.start() <= a and b <= m.end() or (m.start() < b and a < m.end() and len(m.group()) > b - a):
                return False
        return True

    def _data_speaks(self, cue_start: int) -> bool:
        """Does a document or data stand before a verb that only they take (数据还显示，, 报告发现，)?
        Not a person (他发现，) nor data the speaker cites (根据民调显示，: the sentence is his)."""
        start = max(self.norm.rfind("\n", max(0, cue_start - _CLAUSE_MAX), cue_start) + 1, cue_start - _CLAUSE_MAX, 0)
        if not self._names_a_paper(_before_adverbs(self.norm, start, cue_start)):
            return False
        k = bisect_left(self._ends, cue_start) - 1
        clause = _last_clause(self.norm, max(start, self._ends[k] + 1 if k >= 0 else 0), cue_start, "，：；")
        return not (clause.lstrip("而但另并且").startswith(("据", "依")) or any(p in clause for p in _CITING))

    def _names_a_paper(self, end: int) -> bool:
        """Does the text before ``end`` end with a document or an outlet (通报, 环球时报)?"""
        start = max(0, end - 6)
        return self.norm.endswith(self.lex.documents, start, end) or self.norm.endswith(self.lex.media, start, end)

    def _paper(self, match: str) -> str | None:
        """The document or outlet a cue match opens with, its verb a cue (报道|称), or None."""
        return self.lex.paper_cues.get(match)

    def _cue_words(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, word) of the cue lexicon's words lying in norm[start:end], as the scan of
        the whole document found them."""
        return words_within(self._doc_cue_words, self._cue_starts, start, end)

    def _cue(self, word: str) -> Cue:
        """The lexicon's cue, taking its content directly in news copy where its flag says so."""
        cue = self.lex.cues[word]
        return _taking_content_directly(cue) if cue.direct_in_news and self.agency_copy else cue

    def _scan_cue_words(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, word) of the cue lexicon's words in norm[start:end], longest first at each
        place, as the cue pattern would find them."""
        found = self.lex.cue_scanner.finditer(self.norm, start, end, self._cue_marks)
        documentary = self.lex.documentary_cues
        return [f for f in found if f[2] not in documentary or self._data_speaks(f[0])]

    def cues(self, line: Line, start: int | None = None, end: int | None = None) -> Iterator[tuple[int, int, Cue]]:
        """Reporting cues in the line (or in norm[start:end] of it), outside quotations and titles."""
        joined = -1  # the end of a cue that took the speech verb after it (警告|说，…)
        for a, b, found in self._cue_words(line.start if start is None else start, line.end if end is None else end):
            if (a < joined or self._covered(self._inside, a, b) or self._covered(self._titles, a, b)
                    or self._in_parenthesis(a, max(line.start, a - _GLOSS_MAX), a + _GLOSS_MAX)):
                continue
            if (self.norm[b : b + 1] in _SPEECH_SUFFIX and self.norm[b + 1 : b + 2] in _CONTENT_OPENERS
                    and found not in self.lex.documents):
                b = joined = b + 1  # 警告说，/强调称：: one cue (but in 通报|称 the paper speaks)
            word = self._cue(found)
            noun = self._paper(found)
            if noun is not None:  # 报道|称: the report is the subject, the verb the cue
                a += len(noun)
                word = self._cue(found[len(noun):])
            before = self.norm[a - 1] if a > line.start else ""
            if before and (before in _PASSIVE or ((word.direct_object or word.noun)
                                                  and (before in _NOMINAL or self.norm.endswith(_NOMINAL_WORDS, line.start, a)))
                           or word.noun and before in _CONJUNCTIONS):
                continue  # 遭到批评, 他的回应, 有关批评: what someone underwent, a noun; 信息和报道: a noun joined to a noun
            if word.noun and _NOUN_TAKER.search(self.norm, max(line.start, a - _NOUN_TAKER_REACH), a):
                continue  # 应兑现气候资金承诺, 违背了此前的承诺: the object of a verb that keeps or breaks one
            if before == "所" and not self._quotation_follows(b, line) and not self.lex.organization_suffixes.longest(self.norm[max(line.start, a - 4) : a]):
                continue  # 正如X所说，我们…: a reference inside the speech (but 如雷根所说：「…」 relays his words; 某某研究所|说 is the institute)
            adverb = next((w for w in _NEGATED_ADVERBS if self.norm.endswith(w, line.start, a)), "")
            if self.norm.endswith(self.lex.negators, line.start, a - len(adverb)):
                continue  # 没有透露, 不会立即宣布: nothing was reported
            comma = self.norm.rfind("，", line.start, a)
            if comma >= 0 and _UNSAID.match(self.norm, comma, a):
                continue  # ……，但没有表明他希望…: what the speaker did not say he wants
            if word.noun and self.norm[b : b + 1] == "，" and self._in_topic(line, a):
                continue  # 针对美国对台湾的安全承诺，总统…: the topic's noun, not a report
            if word.cue_class == "directive" and self.norm.endswith(_LAWS, line.start, _before_adverbs(self.norm, line.start, a)):
                continue  # 拟议中的法律要求…, 新规还要求…: what a rule requires, no one's demand
            if _PASSIVE_AGENT.search(self.norm, max(line.start, a - _AGENT_MAX), a):
                continue  # 受到联邦当局指控: the cue is what someone underwent
            if self._is_cue(a, b):
                yield a, b, word

    def _quotation_follows(self, b: int, line: Line) -> bool:
        """Does a quotation open right after norm[b] (说「…」, 说：“…”)?"""
        i = b + (self.norm[b : b + 1] in ("，", "："))
        return i < line.end and (self.norm[i] in PAIRS or self.norm[i] == '"')

    def _in_parenthesis(self, i: int, lo: int, hi: int) -> bool:
        """Does norm[i] stand inside a parenthesis opened in norm[lo:i] and closed in norm[i:hi]
        (某浅滩（乙国称某岛）, 某委员会（…, 简称某某）)?"""
        opened = max(self.norm.rfind("（", lo, i), self.norm.rfind("(", lo, i))
        if opened == -1 or max(self.norm.rfind("）", opened, i), self.norm.rfind(")", opened, i)) != -1:
            return False
        return self.norm.find("）", i, hi) != -1 or self.norm.find(")", i, hi) != -1

    # -- the patterns
    def find(self) -> list[Candidate]:
        found: list[Candidate] = []
        attributed: set[int] = set()
        for idx, line in enumerate(self.lines):
            if line.kind == "boilerplate":
                continue
            if line.kind in ("title", "heading"):
                found.extend(headlines(self.norm, idx, line, self.lex, lambda i: self._covered(self._titles, i, i + 1)))
                if line.kind == "title":
                    found.extend(self._titled_reports(idx, line, attributed))
                    continue  # a heading may also hold a cue closing with a colon (卫福部发布新闻稿表示：)
            found.extend(self._framed(idx, line, attributed))
            for a, b, cue in self.cues(line):
                # One cue can close the quote before it and open the one after: 「A」總統說，「B」
                before = self._postposed(idx, line, a, b, cue, attributed)
                after = self._after_cue(idx, line, a, b, cue, attributed)
                found.extend(c for c in (before, after) if c is not None)
                if after is not None and after.type == "direct":
                    found.extend(self._listed_after(after, line, cue, attributed))
                if after is not None and after.type != "direct" and self._announces_points(after.end, line):
                    found.extend(self._enumerated(idx, after))
        found.extend(self._standalone(attributed))
        found.extend(self._greeted_speeches(attributed))  # where another quote holds them, _drop_nested keeps that one
        has_cue = lambda text: bool(self.lex.cue_scanner.finditer(text))
        labelled = transcripts(self.norm, self.lines, self.lex) + interview_answers(self.norm, self.lines, self.lex, has_cue)
        return _drop_nested(found + labelled)

    def _listed_after(self, first: Candidate, line: Line, cue: Cue, attributed: set[int]) -> Iterator[Candidate]:
        """The quotations listed after a direct quote (有网民回应“A”、“B”), each one the speaker's."""
        q = self._quoted_at(first.start - 1)
        for nxt in self._listed_quotations(q, line) if q is not None else []:
            attributed.add(nxt.open)
            yield self._direct(nxt, first.line, first.cue, cue, first.subject)

    def _announces_points(self, end: int, line: Line) -> bool:
        """Does the sentence of a report end its paragraph on a colon (……做了許多，包括：)?"""
        rest = self.norm[end : line.end].rstrip()
        return rest.endswith("：") and _SENTENCE_ENDS.search(rest) is None

    def _enumerated(self, idx: int, report: Candidate) -> Iterator[Candidate]:
        """……做了許多，包括： then 第一、… / 二、… paragraphs: each point is the speaker's, a
        report of its own."""
        story = self.lines[idx].story
        for k in range(idx + 1, len(self.lines)):
            line = self.lines[k]
            m = _ENUMERATION.match(self.norm, line.start, line.end)
            if line.kind != "text" or line.story != story or m is None:
                return
            end = line.end
            while end > m.end() and self.norm[end - 1] in "。；，":
                end -= 1
            if end - m.end() >= 2:
                yield Candidate("indirect", m.end(), end, k, report.cue, report.cue_class, report.subject, confidence=0.7)

    def _after_cue(self, idx: int, line: Line, a: int, b: int, cue: Cue, attributed: set[int]) -> Candidate | None:
        """``X说：“……”`` (direct), ``X表示，……`` (indirect) and ``X说，本次会晤“……”`` (mixed)."""
        norm = self.norm
        if b >= line.end:
            return None
        pos = b
        if cue.recipient:
            pos = self._after_recipient(b, line.end)
        announced = self._announced_view(pos, line)
        if announced is not None:
            pos = announced  # 重申了他的说法：…: the view named, then given after the colon
        elif norm[pos] in "，：":
            pos += 1
            while pos < line.end and norm[pos] == " ":
                pos += 1
        elif not (norm[pos] in PAIRS or norm[pos] == '"' or (cue.direct_object and (_content_char(norm[pos]) or norm[pos] == "《" and cue.cue_class == "neutral"))
                  or self._subject_clause(pos, line, parties=True) or self._bare_clause(line, a, pos, cue)):
            return None
        if pos >= line.end and norm[pos - 1] == "：":
            return self._in_next_paragraph(idx, line, a, b, cue, attributed)
        if pos >= line.end or (pos == b and (norm[pos] in _NOT_CONTENT_START or _NOT_CONTENT_OPENING.match(norm, pos))) \
                or norm.startswith(_COORDINATED_VERB, pos):
            return None  # …针对新式设备说明，并亲自操作: a second verb of the subject, not content
        if pos == b and self._noun_object(pos, self._clause_end(pos, line.end), cue, line):
            return None  # 该国否认这些说法, 谴责…发动的战争: an act with a noun object
        if pos == b and self._in_adverbial(line, a, pos):
            return None  # 在质疑选举结果的过程中，…: the cue inside a time or place phrase
        subject = self._shared_subject.get(a) or self._subject_before(line, a, cue)
        if subject is None or _last_clause(norm, subject[0], subject[1], _BREAKS).startswith(_CAUSATIVES):
            return None  # 使众多民众相信…: what someone was brought to believe, no one's report
        q = self._quoted_at(pos)
        if q is not None and self._closes_content(q, line):
            attributed.add(q.open)
            return self._direct(q, idx, (a, b), cue, subject)
        if q is not None:  # 强调，「攜手世界」，只要我們…: a name or slogan opening a reported clause
            end = self._attributed_clause(pos, self._sentence_end(q.close, line.end), line)  # …一事，总统表示，…
            end = self._run_on(line, end, norm[subject[0] : subject[1]])
            return self._reported(idx, line, pos, end, (a, b), cue, subject, attributed)
        if norm[pos] in PAIRS or norm[pos] == '"':
            # an opening mark never closed: the speech runs to the end of the paragraph
            end = truncated_at(norm, line.end) or line.end
            if end - pos > 2:
                return Candidate("direct", pos + 1, end, idx, (a, b), cue.cue_class, subject, confidence=0.6)
            return None
        if self._opens_attribution(pos, line, self._is_account(subject, cue)):
            if not _last_clause(norm, subject[0], subject[1], _BREAKS).startswith(TOPIC_PREPOSITIONS):
                self.relays.append(Candidate("frame", a, b, idx, (a, b), cue.cue_class, subject))
            return None  # (至于对…的登记要求，她说: a topic, which frames nothing)
        # a verb joined with 说 (指责说，…，称…) coordinates like one taking its content directly
        bare = pos == b or b - a > len(cue.word)
        end = self._coordinated_cue(pos, self._sentence_end(pos, line.end), line, subject, bare=bare, head=cue)
        end = self._contrasted_attribution(pos, end, line)
        end = self._attributed_clause(pos, end, line, subject)
        unsaid = _UNSAID.search(norm, pos, end)
        end = unsaid.start() if unsaid is not None else end
        if self.agency_copy:
            end = self._next_report(pos, end, line)
        if pos > b or cue.recipient:  # 他指责美方…: an object clause ends with its sentence
            end = self._run_on(line, end, norm[subject[0] : subject[1]])
        return self._reported(idx, line, pos, end, (a, b), cue, subject, attributed)

    def _announced_view(self, b: int, line: Line) -> int | None:
        """Where the content begins when the cue takes a short object naming a view and a colon
        (重申了这一说法：两国…, 阐述了本党立场：…): right after the colon; else None."""
        clause_end = self._clause_end(b, line.end)
        if self.norm[clause_end : clause_end + 1] != "：" or not 2 <= clause_end - b <= _VIEW_OBJECT_MAX:
            return None
        view = self.norm[b:clause_end]
        if not view.endswith(_VIEWS) or _COUNTED_VIEWS.search(view) or clause_end + 1 >= line.end:
            return None  # 列出两點意見：第一，…: points, each read on its own
        return clause_end + 1

    def _titled_reports(self, idx: int, line: Line, attributed: set[int]) -> Iterator[Candidate]:
        """``日本称若对方…将采取对等措施``, ``接见帛琉访团　总统盼扩大农业合作　嘉惠…``: in a
        title the reported clause follows its verb directly and runs on over the parts after it
        (parts are set apart by spaces and commas) until another part reports; a part that
        opens on the verb (…继续保持沉默 反指美国…) reports what the title's first part's
        subject says."""
        norm = self.norm
        parts = [m.span() for m in _TITLE_PARTS.finditer(norm, line.start, line.end)]
        reports = []  # (part index, cue start, cue end, cue, subject)
        for k, (pa, pb) in enumerate(parts):
            opening = pa + next((len(w) for w in _TITLE_CONNECTIVES if norm.startswith(w, pa)), 0)
            for a, b, cue in self.cues(line, pa, pb):
                if norm[a:b] in self.lex.documents:
                    break  # 俄方通报多出乌克兰内容: a title's 通报 is the readout, not its issuing
                if a == opening and k > 0:
                    reports.append((k, a, b, cue, parts[0]))
                elif _TITLE_SUBJECT_MIN <= a - pa <= _TITLE_HEAD:
                    reports.append((k, a, b, cue, (pa, a)))
                break
        for n, (k, a, b, cue, subject) in enumerate(reports):
            end = parts[reports[n + 1][0] - 1][1] if n + 1 < len(reports) else line.end
            label = norm.find("：", b, end)
            if label != -1:  # 佩洛西：… is a headline of its own: the report ends before its part
                end = max((pa for pa, _ in parts if pa <= label), default=b)
            while end > b and norm[end - 1] in "。！？ ，":
                end -= 1
            if end - b < _TITLE_CONTENT_MIN or norm[b] in "，：" or norm[b] in _NOT_CONTENT_START or norm.startswith(_COORDINATED_VERB, b):
                continue  # a noun after the verb is no report
            found = self._reported(idx, line, b, end, (a, b), cue, subject, attributed)
            if found is not None:
                yield found

    def _framed(self, idx: int, line: Line, attributed: set[int]) -> Iterator[Candidate]:
        """``据日本媒体统计，……`` / ``另据法新社报道，……`` / ``根据财政部的声明，……``: a frame at a
        sentence's start whose content names no speaker of its own is the source's statement
        (``据新华社报道，X表示…`` frames X's quote instead)."""
        for m in _FRAME.finditer(self.norm, line.start, line.end):
            before = self.norm[m.start() - 1] if m.start() > line.start else ""
            if before and before not in _SENTENCE_END + " \u3000" and not (before == "，" and self.norm[m.start()] in "而但不"):
                continue  # at a sentence's start, or after a comma and a contrast (……，而根据某机构的估计，…)
            pos = m.end()
            if pos >= line.end or self._opens_attribution(pos, line, True) or self._covered(self._inside, pos, pos + 1):
                continue
            clause_end = self._clause_end(pos, line.end)
            if any(b == clause_end for _, b, _ in self.cues(line, pos, clause_end)):
                continue  # 据马新社报道，消拯局吉兰丹州主任再努丁在记者会上透露，…: the frame of an inner quote
            if m.group("verb") not in _CLAIM_VERBS and self._tells_event(pos, self._sentence_end(pos, line.end)):
                continue  # 据新华社报道，王林与杜邦通电话: the reporter's narration of an event (figures and judgements state a claim)
            if self._inner_attribution(line, pos, self._sentence_end(pos, line.end)):
                continue  # 据X报道，去年某日，Y在声明中表示“…”: the frame of an inner quote, later in the sentence
            q = self._quoted_at(pos)
            cue = self.lex.cues.get(m.group("verb") or "")
            cue_span = m.span("verb") if m.group("verb") else None
            cue_class = cue.cue_class if cue else "informing"
            subject = m.span("origin")
            if q is not None and self._closes_content(q, line):
                attributed.add(q.open)
                yield Candidate("direct", q.open + 1, q.close, q.line, cue_span, cue_class, subject, confidence=0.7)
                continue
            end = self._run_on(line, self._sentence_end(pos, line.end), self.norm[subject[0] : subject[1]])
            found = self._reported(idx, line, pos, end, cue_span, cue or _FRAME_CUE, subject, attributed)
            if found is not None:
                yield found

    def _contrasted_attribution(self, pos: int, end: int, line: Line) -> int:
        """Where a reported clause gives way to another speaker's, contrasted (尽管海军认为
        新舰会…，但林教授说，…): the end of the first one."""
        for m in _CONTRAST.finditer(self.norm, pos, end):
            if self._opens_attribution(m.end(), line, False) or self._opens_report(m.end(), end, line):
                return m.start()
        return end

    def _attributed_clause(self, pos: int, end: int, line: Line, subject: tuple[int, int] | None = None) -> int:
        """Where a reported clause gives way, after a comma, to a clause with a subject and a
        reporting verb of its own (……的主權，他也希望…; ……總部，他說，…): the end of the first.
        ``subject``: the report's own; named again before a verb that takes its content directly
        (总统表示，…，总统希望国军…) it opens a report of its own."""
        speaker: str | None = None  # the subject bare, read at the first comma (a longer run names no one)
        for k in range(bisect_left(self._commas, pos), bisect_left(self._commas, end)):
            if speaker is None:
                speaker = "" if subject is None or subject[1] - subject[0] > _ACCOUNT_SUBJECT_MAX else _bare_subject(
                    self.norm[subject[0] : subject[1]], self._time_words, self._time_lengths)
            comma = self._commas[k]
            if self._adverbial(pos, comma):
                continue  # 在年終記者會上，她特地提到，…: the time or place of the attribution that follows
            start = comma + 1
            # after a semicolon a clause may open on a connective and its verb take the content
            # directly (……致謝；另外，她亦期許訪團…)
            semicolon = self.norm[comma] == "；"
            opener = _SENTENCE_OPENER.match(self.norm, start) if semicolon else None
            start = opener.end() if opener else start
            clause_end = self._clause_end(start, end)
            again = speaker if len(speaker) > 1 and self.norm.startswith(speaker, start) else ""  # …，总统希望…: named again
            contrast = self.agency_copy and self.norm.startswith("而", start)  # …，而莫斯科则表示…: another party's turn
            if self.norm[clause_end : clause_end + 1] not in ("，", "：") and not semicolon and not again and not contrast:
                continue
            next_cue = bisect_left(self._cue_starts, start)
            if next_cue == len(self._cue_starts) or self._cue_starts[next_cue] >= clause_end:
                continue  # no verb of speech in the clause: nothing hands over
            if contrast and self.norm[start + 1 : self._cue_starts[next_cue]].rstrip(_ACT_CHARS) in self.lex.parties:
                return comma  # the party, then its verb
            for ca, cb, cue in self.cues(line, start, clause_end):
                other = self.norm[start:ca]
                hands_over = (cb == clause_end and self.norm[clause_end : clause_end + 1] in ("，", "：")
                              or semicolon and cue.direct_object and self._names_a_speaker(other)
                              or again and cue.direct_object and other.rstrip(_ACT_CHARS) == again)
                # …，美国前国务卿某某（…）即曾公开表示：「…」: a titled third party quoted inside the speech
                quoting = (cb == clause_end and self.norm.startswith("：", clause_end) and self.norm[clause_end + 1 : clause_end + 2] in PAIRS
                           and len(_PARENTHESISED.sub("", other)) <= _ACCOUNT_TITLED_MAX and self._titled(start, ca))
                if hands_over and (0 < len(other) <= _SUBJECT_HEAD or quoting) and other[0] not in _ADVERB_STARTS \
                        and not other.startswith(_FIRST_PERSON + TOPIC_PREPOSITIONS) and "方" not in other[:3]:
                    return comma
        return end

    def _next_report(self, pos: int, end: int, line: Line) -> int:
        """Where a reported clause of news copy gives way, after a comma, to a clause that reports
        again (agency copy quotes each report on its own): the end of the first one."""
        for k in range(bisect_left(self._commas, pos), bisect_left(self._commas, end)):
            start = _CLAUSE_CONNECTIVE.match(self.norm, self._commas[k] + 1).end()
            if self._pronoun_reports(k, pos, start, end, line) or self._party_reports(start, end, line):
                return self._commas[k]
        return end

    def _pronoun_reports(self, k: int, pos: int, start: int, end: int, line: Line) -> bool:
        """Does a pronoun report again at ``start``, after the k-th comma (……的胜仗，她说这会带来双赢,
        ……，但她批评联合国…), with no scene set by the clause before it (考虑到…，他认为…; …时，他们要求…)?"""
        if not self.norm.startswith(_PERSONAL_PRONOUNS, start):
            return False
        before = self.norm[self._commas[k - 1] + 1 if k > 0 and self._commas[k - 1] >= pos else pos : self._commas[k]]
        if before.startswith(_CONDITIONALS + _CIRCUMSTANTIAL) or before.endswith(_TIME_CLOSERS):
            return False
        first = next(self.cues(line, start, self._clause_end(start, end)), None)  # the clause's first cue
        return first is not None and _PRONOUN_SUBJECT.fullmatch(self.norm, start, first[0]) is not None

    def _party_reports(self, start: int, end: int, line: Line) -> bool:
        """Does a party report at ``start`` with a verb taking its content directly (……，不过平壤一直否认…,
        ……，英国上星期宣布…)? Not a party the speaker speaks for (……，中方希望…), a wish or a belief
        (……，但是北京希望…), nor after a modal, a negation or a means (美国可能会要求…, 美国并非要求…)."""
        party = self.lex.party_pattern.match(self.norm, start)  # 美国, 北京, 白宫: a government as a subject
        if party is None or "方" in party.group():
            return False
        clause_end = self._clause_end(start, end)
        first = next(self.cues(line, start, clause_end), None)
        if first is None:
            return False
        ca, cb, cue = first
        between = self.norm[party.end() : ca]  # 平壤|一直|否认, 英国|上星期|宣布
        return (cue.direct_object and cue.cue_class != "mental" and len(between) <= _PARTY_ADVERBS_MAX
                and not any(c in _NOT_REPORTING for c in between) and cb < clause_end and _content_char(self.norm[cb])
                and not self._cue_word_at(cb))  # 据此称|声称的…: no content opens on another verb

    def _cue_word_at(self, pos: int) -> bool:
        """Does a cue word of the lexicon begin at ``pos``?"""
        k = bisect_left(self._cue_starts, pos)
        return k < len(self._cue_starts) and self._cue_starts[k] == pos

    def _names_a_speaker(self, subject: str) -> bool:
        """Is ``subject`` a person named as a speaker is (副總統亦, 他也, 該國總理也), not a
        subject of the speech itself (臺灣非常, 政府)?  A pronoun or a title, before its adverbs."""
        core = subject.rstrip(_ACT_CHARS)
        return core.removesuffix("们") in _PERSONAL_PRONOUNS or self.lex.title_suffixes.longest(core) is not None

    def _adverbial(self, a: int, b: int) -> bool:
        """Is norm[a:b] one clause telling when or where (在…中, 上个月底, 这个星期早些时候)?"""
        clause = self.norm[a:b]
        if len(clause) > _ADVERBIAL_MAX or _CLAUSE_BREAK.search(clause):
            return False
        if clause.startswith(("在", "于", "当")) and clause[-1] in _LOCATIVE_ENDS or clause.endswith(("时候", "之际")):
            return True
        return any(clause[:n] in self._time_words and 0 < len(clause) - n <= _TIME_SUFFIX_MAX for n in self._time_lengths)

    def _opens_report(self, pos: int, end: int, line: Line) -> bool:
        """Does a clause open at ``pos`` on another voice, an unnamed source or a titled person,
        and a verb taking its content directly (批评人士相信真实的数字更高)? A pronoun or a party
        there goes on with the speaker (但他还是希望…, 但是北京希望…)."""
        clause_end = self._clause_end(pos, end)
        for a, b, cue in self.cues(line, pos, clause_end):
            subject = self.norm[pos:a]
            return (cue.direct_object and 0 < len(subject) <= _SUBJECT_HEAD and b < clause_end
                    and (subject.endswith(self.lex.anonymous) or self.lex.title_suffixes.longest(subject) is not None))
        return False

    def _subject_clause(self, pos: int, line: Line, parties: bool = False) -> bool:
        """Does a content clause open at ``pos`` on a pronoun subject (表示自己…, 说他们…) or,
        with ``parties``, a party (表示中方始终…), and not an adverbial one (在回答他是不是…的时候，)?"""
        if not (self.norm.startswith(_CLAUSE_SUBJECTS, pos) or parties and self.norm.startswith(self._party_subjects, pos)):
            return False
        clause = self.norm[pos : self._clause_end(pos, line.end)]
        return not clause.endswith(("时候", "时", "之际", "之后", "以后"))

    def _opens_noun(self, a: int) -> bool:
        """Does a noun or a party open at ``a`` (中国外交部…, 上海市政府…), not a bare 中/上/时?"""
        two = self.norm[a : a + 2]
        return self.lex.subject_words.get(two) == "nominal" or two in self.lex.parties

    def _opens_predicate(self, a: int, b: int) -> bool:
        """Does norm[a:b] open with a verb, an adverb or a time word rather than a subject?"""
        words = self.lex.subject_words
        kind = next((words[w] for n in (4, 3, 2, 1) if (w := self.norm[a : min(a + n, b)]) in words), None)
        return kind in ("predicate", "adverb", "time", "opener") and self.norm[a] not in self.lex.surnames

    def _tells_event(self, a: int, b: int) -> bool:
        """Does norm[a:b] narrate what someone did (通电话, 会见, 出席…) rather than state a claim?"""
        return self._event_re.search(self.norm, a, b) is not None

    def _closes_content(self, q: Quoted, line: Line) -> bool:
        """Is a quotation that opens a cue's content the whole of it: does its sentence (or
        its paragraph) end with it, or a postposed cue or a new quotation follow?"""
        after = q.close + 1
        while after < line.end and self.norm[after] in " ，":
            after += 1
        if after >= line.end or q.line != self._line_index(after, q.line):
            return True
        ch = self.norm[after]
        if ch in _SENTENCE_END or ch in PAIRS or ch == '"' or ch in "；（(":
            return True
        if ch == "、" and self._listed_quotations(q, line):
            return True  # “A”、“B”、“C”。: quotations listed to the sentence's end, each whole
        if self.norm[q.close + 1 : after] == "，" and _CONTRAST.match(self.norm, after - 1):
            return True  # “A”，不过X说…: the narration turns to another voice
        clause_end = self._clause_end(after, line.end)  # “A。”他还表示，B: a new attribution follows
        return any(ca - after <= _SUBJECT_HEAD for ca, _, _ in self.cues(line, after, clause_end))

    def _listed_quotations(self, q: Quoted, line: Line) -> list[Quoted]:
        """The quotations listed after ``q`` (“A”、“B”、“C”), when the list runs to its sentence's
        end: each is a quotation of its own; [] otherwise (「A」、「B」等政策 names things)."""
        listed, pos = [], q.close + 1
        while self.norm[pos : pos + 1] == "、" and (nxt := self._quoted_at(pos + 1)) is not None:
            listed.append(nxt)
            pos = nxt.close + 1
        ends = pos >= line.end or self.norm[pos] in _SENTENCE_END or self.norm[pos] == "\n"
        spoken = any(any(c in _SPOKEN_MARKS for c in self.norm[x.content[0] : x.content[1]]) for x in (q, *listed))
        return listed if ends and spoken else []  # (介绍「A中心」、「B区」: names listed, no speech)

    def _clause_end(self, a: int, b: int) -> int:
        """The first clause break in norm[a:b], or b: looked up among the document's breaks,
        found once (a search from ``a`` for each cue would be quadratic in a long paragraph)."""
        if self._breaks is None:
            self._breaks = [m.start() for m in _CLAUSE_BREAK.finditer(self.norm)]
        k = bisect_left(self._breaks, a)
        return self._breaks[k] if k < len(self._breaks) and self._breaks[k] < b else b

    def _line_index(self, pos: int, hint: int) -> int:
        line = self.lines[hint]
        return hint if line.start <= pos <= line.end else line_of(self.lines, pos)

    def _in_next_paragraph(self, idx: int, line: Line, a: int, b: int, cue: Cue, attributed: set[int]) -> Candidate | None:
        """``衛福部發布新聞稿表示：`` closing its paragraph: the speech is the quotation that
        opens the next paragraph of the story."""
        following = self.lines[idx + 1] if idx + 1 < len(self.lines) else None
        if following is None or following.kind != "text" or following.story != line.story:
            return None
        q = self._quoted_at(following.start)
        subject = self._shared_subject.get(a) or self._subject_before(line, a)
        if q is None or q.open in attributed or subject is None:
            return None
        attributed.add(q.open)
        return self._direct(q, q.line, (a, b), cue, subject)

    def _coordinated_cue(self, pos: int, end: int, line: Line, subject: tuple[int, int], bare: bool = False,
                         head: Cue | None = None) -> int:
        """Cut the content before a coordinated reporting verb (……，并要求…): the second verb
        opens a quote of its own, by the same speaker; a hope or a belief (……，也期盼…) goes on
        with the first one. ``bare``: the content follows its verb ``head`` directly
        (指责中共迫害…，说这是…; 敦促联合国…，呼吁…), where a verb of speech or an appeal after a
        bare comma coordinates too, unless the head is a hope whose clause goes on
        (希望佐佐木議員繼續深化友誼，籲請該國國會…)."""
        k = bisect_left(self._coordinations, (pos,))
        while k < len(self._coordinations) and self._coordinations[k][1] <= end:
            start, after = self._coordinations[k]
            unjoined = after == start + 1  # with no conjunction only a verb of speech, after an object clause
            # after a contrast, the speaker's own verb only where the content has no subject of its
            # own (指责邻国…，但又表示…; 他们…，但强调…), not its subject's (俄方拒绝证实…，但承认…)
            contrasted = self.norm.startswith(_CONTRASTS, start + 1) and not (bare or self.norm.startswith(_PERSONAL_PRONOUNS, pos))
            if unjoined and not bare or contrasted:
                k += 1
                continue
            hoped = head is not None and head.cue_class == "mental"
            if any(a == after and cue.cue_class != "mental" and not (unjoined and cue.cue_class in _SUBJECTLESS and hoped)
                   for a, _, cue in self.cues(line, after, min(end, after + self.lex_cue_max))):
                self._shared_subject[after] = subject
                return start
            k += 1
        return end

    def _opens_attribution(self, pos: int, line: Line, account: bool) -> bool:
        """Does the content open with an attribution of its own (公报称，|科瓦尔斯卡直言，…)?

        After an account (公报称, 新华社报道说) a cue taking its content directly counts too
        (声明说，|森田要求中方…).
        """
        norm = self.norm
        first = self._clause_end(pos, min(line.end, pos + _ADVERBIAL_MAX + 1))
        timed = norm[first : first + 1] == "，" and self._adverbial(pos, first) and not norm.startswith(_PERSONAL_PRONOUNS, first + 1)
        if timed:
            pos = first + 1  # 报道说，上个月底，陈某表示，…: the time of the attribution that follows
        end = pos
        # after an account a speaker may come with a long title and occasion (报道说，某国某部
        # 长兼某职某某5月21日在某研讨会上表示，…); in a person's speech a long run is a clause
        head = _ACCOUNT_SUBJECT_MAX if account else _TITLE_HEAD
        reach = head * 3
        limit = min(line.end, pos + reach + 1)  # a longer run is no attribution: stop looking
        while end < limit and norm[end] not in "，：；。！？" and norm[end] not in PAIRS and norm[end] != '"':
            end += 1
        if end >= line.end or len(_PARENTHESISED.sub("", norm[pos:end])) > reach or norm.startswith(_FIRST_PERSON, pos):
            return False  # (a gloss in parentheses, 某峰会（Summit）, counts for nothing)
        if norm.startswith(self.lex.collectives, pos):
            return False  # 声明还说，两国官员承诺…: the account's own narration
        if norm.startswith(_CONDITIONALS, pos):
            return False
        titled_head = _ACCOUNT_TITLED_MAX if account else head  # 报道称，某委员会负责…的高级主任某某指出，
        for a, b, cue in self.cues(line, pos + 1, end):
            length = self._subject_length(pos, a)
            if b == end and norm[end] in "。！？；" or length > titled_head or length > _TITLE_HEAD and not self._titled(pos, a):
                continue  # a long inner "subject" is a clause of the speech, not a speaker (unless it holds a title)
            if timed and (a - pos > _TIMED_SUBJECT_MAX or cue.cue_class in _SUBJECTLESS):
                continue  # 在地方建設上，各界能夠持續提供建議，: the speech's own clause
            if cue.cue_class == "mental" and (norm.endswith(_HEDGES, pos, a) or norm.startswith(_HEDGES, pos)):
                continue  # 李维亚说，金正恩可能认为…, 或许马某认为…: the speaker's guess at another's mind
            if norm[a - 1] == "所":
                continue  # X表示，正如院长所提及，…: a reference inside the speech, not a relay
            if norm[b : b + 1] == "的":
                continue  # 报告显示，某国无法完成其承诺的目标: the cue modifies a noun, no one speaks
            if norm[a:b] in _EVIDENTIAL:
                continue  # X说，近来的演习表明，…: the speaker's reasoning, not a relay
            if b == end and norm[end] in PAIRS:
                q = self._quoted_at(end)
                if q is None or not self._closes_content(q, line):
                    continue  # 政府提出「…」的具体计划: a name in marks after the verb, not its speech
            if b == end or (account and cue.direct_object and norm[a - 1] not in _MODALS and norm[b : b + 1] != "了") or self._subject_clause(b, line):
                return True  # (but 报道，某人获释前须承诺…: what someone must do; 纪要说，两人重申了…的决心: what they did, told by the account)
            if cue.recipient and norm[end] == "：" and end - b <= _RECIPIENT_MAX:
                return True  # 布鲁克斯在通话中告诉王立群：“…”: the inner speaker, telling someone
        return False

    def _in_topic(self, line: Line, a: int) -> bool:
        """Does the clause holding ``a`` open on a topic preposition (针对…, 关于…, 至于…)?"""
        return _last_clause(self.norm, line.start, a, _BREAKS).startswith(_TOPIC_OPENERS)

    def _titled(self, a: int, b: int) -> bool:
        """Does norm[a:b] hold a title (梵蒂冈圣座国务卿某某枢机)?"""
        return any(True for _ in self.lex.title_scanner.finditer(self.norm, a, b))

    def _subject_length(self, a: int, b: int) -> int:
        """The length of norm[a:b] as a subject, without the place or occasion after it
        (菲律宾外交部副部长|在会见中|表示), its dates and the place of a paper in it
        (某公司|3月2日|在脸书上的|声明说)."""
        return len(_without_adverbials(self.norm[a:b]))

    def _is_account(self, subject: tuple[int, int], cue: Cue) -> bool:
        """Is the subject an account rather than a speaker (公报, 中方消息, 新华社报道)?"""
        clause = _last_clause(self.norm, subject[0], subject[1], "，：；").strip()
        for adverb in ("还", "又", "则", "也", "亦", "更", "随后"):
            clause = clause.removesuffix(adverb)
        # 路透社引述…官员的话报道: an outlet's report relaying someone (not 公报引述X的话说, X's words)
        relayed = cue.word.startswith(("报道", "报导")) and re.search("引述|援引|引用|转引", clause) is not None
        return relayed or clause.endswith(self.lex.documents) or clause.endswith(self.lex.media)

    def _recipient_stop(self, b: int, end: int) -> int | None:
        """Where the phrase naming whom a cue told (告诉|来访的记者|：) stops: the first mark
        within reach, or the end of the line; None when it runs on further."""
        for i in range(b, min(end, b + _RECIPIENT_MAX)):
            if self.norm[i] in "，：；" or self.norm[i] in _SENTENCE_END:
                return i
        return end if end - b <= _RECIPIENT_MAX else None

    def _after_recipient(self, b: int, end: int) -> int:
        """Skip the person told (告诉|来访的记者|：) up to the punctuation that opens the content."""
        stop = self._recipient_stop(b, end)
        return stop if stop is not None and stop < end and self.norm[stop] in "，：" else b

    def _postposed(self, idx: int, line: Line, a: int, b: int, cue: Cue, attributed: set[int]) -> Candidate | None:
        """``“……”，他说。`` and ``……，X补充道。``: the cue closes its clause (or the words it
        relays do: ``“……，”路透社引述X的话。``, whose subject is the whole relay)."""
        norm = self.norm
        relayed = _RELAYED_WORDS.match(norm, b, line.end) if cue.word in _RELAY_CUES else None
        subject_end, cue_span = a, (a, b)
        if relayed is not None:
            b = subject_end = relayed.end()
        opens_next = norm[b : b + 1] == "：" and (norm[b + 1 : b + 2] in PAIRS or norm[b + 1 : b + 2] == '"')  # “A。”他说：“B。”
        closes = _SPACES.match(norm, b, line.end).end()
        if closes < line.end and norm[closes] not in _SENTENCE_END + "，" and norm[b] not in PAIRS and not opens_next \
                and not self._told_closes(b, line, cue):
            return None
        i = a - 1
        while i >= line.start and (norm[i] not in "，。！？；：" or self._in_parenthesis(i, line.start, a)) \
                and norm[i] not in CLOSERS and norm[i] != '"':
            i -= 1
            named = self._quoted_ending_at(i) if norm[i] in CLOSERS else None
            if named is not None and named.open > line.start and _content_char(norm[named.open - 1]) \
                    and named.close - named.open - 1 <= _TERM_MAX and not any(p in norm[named.open : named.close] for p in "，。！？"):
                i = named.open - 1  # 某某在平台“某某”上的视频中说: a name in marks inside the speaker's phrase
        subject = (i + 1, subject_end)
        glosses = sum(m.end() - m.start() for m in LATIN_GLOSS.finditer(norm, i + 1, a))
        if not 0 < a - (i + 1) - glosses <= _POSTPOSED_SUBJECT or i < line.start:
            return None  # (a gloss in Latin letters does not count: 香港民主委员会（Hong Kong Democracy Council）)
        if norm[i] in CLOSERS or norm[i] == '"' or (norm[i] == "，" and i > line.start and norm[i - 1] in CLOSERS):
            if norm[i] != "，" and ((norm[i + 1] in _LOCATIVE_ENDS and not self._opens_noun(i + 1)
                                     and all(c in _ACT_CHARS for c in norm[i + 2 : a]))  # not 上川阳子说, a name
                                    or (self._opens_predicate(i + 1, a) and "的" not in norm[i + 1 : a])):
                return None  # 出席「…」时表示, “…”答记者问时表示: the quotation is part of a verb phrase
                # (but in “…，”跟踪战事的分析师说 the verb opens a relative clause of the speaker)
            q = self._quoted_ending_at(i if norm[i] != "，" else i - 1)
            if q is None or q.open in attributed:
                return None
            if norm[i] != "，" and q.open > line.start and _content_char(norm[q.open - 1]) and norm[q.close - 1] not in "，。！？…":
                return None  # 社會關注「…」議題說明: a term inside the clause (speech closes on its mark: 他们应该“…，”她说)
            if norm[a - 1] in _LOCATIVE_ENDS and q.open > line.start and norm[q.open - 1] not in "。！？；：，":
                return None  # 接见「…」与会外宾时表示: a name inside the clause of an adverbial, not speech
            body = norm[q.open + 1 : q.close]
            if norm[i] != "，" and len(body) <= _TERM_MAX and not any(p in body for p in "，。！？"):
                return None  # 对CNN“国情咨文”节目说: a programme's name, not speech
            attributed.add(q.open)
            lead = self._speech_lead(line, q)
            cand = (self._reported(idx, line, lead, q.close + 1, cue_span, cue, subject, attributed) if lead is not None
                    else self._direct(q, idx, cue_span, cue, subject))
            cand.postposed = True
            return cand
        if norm[i] != "，" or not cue.postposed or not (closes >= line.end or norm[closes] in _SENTENCE_END):
            return None
        if any(ch in _VERBAL for ch in norm[i + 1 : a]):
            return None  # 中方关切已得到|回应: a predicate, not a speaker
        start = self._sentence_start(line, i)
        if start >= i:
            return None
        cand = self._reported(idx, line, start, i, cue_span, cue, subject, attributed)
        if cand is not None:
            cand.postposed = True
        return cand

    def _bare_clause(self, line: Line, a: int, pos: int, cue: Cue) -> bool:
        """Does the content follow a speech verb that takes it after punctuation with no comma,
        as agency copy writes it: a committed verb phrase after any such verb (表示将…, 回应不会…),
        or after 说 or 表示 a clause (她说这不会影响两国合作)?  Not when 表示 is addressed
        (对…表示欢迎: a gesture towards someone) or what follows is a short phrase (表示敬意。)."""
        if cue.cue_class != "neutral" or not _content_char(self.norm[pos]):
            return False
        if self.norm.startswith(_MODAL_OPENERS, pos):
            return True
        if cue.word not in _BARE_CONTENT_VERBS:
            return False
        if cue.word == "表示" and any(p in self.norm[self._sentence_start(line, a) : a] for p in _ADDRESSED):
            return False  # (他对记者说 addresses a listener, and speaks)
        end = self._clause_end(pos, line.end)
        return end - pos >= _BARE_CLAUSE_MIN and not self.norm.endswith(_GESTURES, pos, end)

    def _inner_attribution(self, line: Line, pos: int, end: int) -> bool:
        """Does a later clause of norm[pos:end] attribute speech of its own: a short subject and
        a cue before punctuation or a quotation (…，梵蒂冈在一份声明中表示“…”)?"""
        for a, b, _ in self.cues(line, pos, end):
            if b < end and (self.norm[b] in "，：" or self.norm[b] in PAIRS):
                subject = _last_clause(self.norm, pos, a, _BREAKS)
                if 0 < len(subject) <= _INNER_SUBJECT_MAX and not subject.startswith(_FIRST_PERSON):
                    return True
        return False

    def _in_adverbial(self, line: Line, a: int, pos: int) -> bool:
        """Does the cue at ``a`` stand in a 在…中/时/期间 phrase that its clause closes (在质疑…的过程中，)?"""
        if not _last_clause(self.norm, line.start, a, _BREAKS).startswith("在"):
            return False
        clause_end = self._clause_end(pos, line.end)
        # 在某某宣布三天后，…: the time after the act, no content of it
        return self.norm.endswith(_ADVERBIAL_ENDS, pos, clause_end) or _SPAN_AFTER.fullmatch(self.norm, pos, clause_end) is not None

    def _speech_lead(self, line: Line, q: Quoted) -> int | None:
        """Where a sentence begins whose words run into the quotation that closes it, before a
        postposed cue (X的批评反映了…，并“呼应了…，”Y说): the whole sentence is the speaker's,
        a mixed quote.  None when the quotation opens its sentence or a cue, a colon or another
        quotation stands before it."""
        if self.norm[q.close - 1] not in "，。！？…":
            return None  # a term or a title in marks (观赏「…纪录片」), not speech closing on its mark
        start = after_dateline(self.norm, self._sentence_start(line, q.open), q.open)
        lead = _NARRATIVE_OPENER.sub("", self.norm[start : q.open].removeprefix("对此"), count=1).strip("，")
        if len(lead) < _TERM_MAX or self.norm[q.open - 1] in "：:" or not _content_char(self.norm[start]):
            return None  # 对此，“…”: a connective is no part of the speech
        if any(True for _ in self.cues(line, start, q.open)):
            return None
        if any(start <= o.open < q.open and self._speechlike(o, q.open) for o in self.quoted):
            return None  # a term in marks (塑造成“受害者”) may stand in the lead, not another quotation
        return start

    def _noun_object(self, a: int, b: int, cue: Cue, line: Line) -> bool:
        """Is norm[a:b], the object a verb takes directly and the rest of its sentence (or of
        its clause, when the next one opens on a speaker of its own: 批评这项法律，他们认为…), a
        noun phrase rather than a clause: a short phrase opening on a demonstrative (否认这些指控。,
        声称这一点。), or, after a verb of criticism or denial, a short name (猛烈抨击华盛顿。)?"""
        text = self.norm[a:b]
        ends = b >= len(self.norm) or self.norm[b] in _SENTENCE_END + "\n"
        if not ends and not (self.norm[b] == "，" and not self._opens_predicate(b + 1, line.end)
                             and self._new_speaker(b + 1, self._sentence_end(b + 1, line.end), line)):
            return False  # 警告中国，如果…: a clause follows
        if text.startswith(_DEMONSTRATIVES) and len(text) <= 8 and "是" not in text:
            return True  # but 这一调查是荒谬的 is a clause
        if cue.cue_class == "directive" and len(text) <= 6 and text.endswith(_ADDRESSEES):
            return True  # 期勉与宴人士。, 呼吁国际社会。: whom the appeal is made to, with nothing asked
        if cue.cue_class in _NOUN_OBJECT_CLASSES and _possessed_noun(text, self.lex.parties):
            return True  # 否认美国的说法。, 谈到自己的感受。: what was denied or told of, no clause
        if (cue.cue_class == "neutral" and len(text) <= 8 and "的" in text and 0 < len(text) - text.rfind("的") - 1 <= 2
                and not any(c in text for c in "是有会将要")):
            return True  # 表示诚挚的欢迎。, 表示最高的敬意。: a feeling shown, no clause
        return cue.cue_class in ("critical", "rejecting") and len(text) <= 4

    def _told_closes(self, b: int, line: Line, cue: Cue) -> bool:
        """``“……，”他告诉记者。``: a cue that names whom it told may close its sentence with
        that short phrase."""
        stop = self._recipient_stop(b, line.end) if cue.recipient else None
        return stop is not None and (stop == line.end or self.norm[stop] in _SENTENCE_END)

    def _direct(self, q: Quoted, idx: int, cue_span, cue: Cue, subject) -> Candidate:
        a, b = q.content
        while a < b - 1 and self.norm[a] in " \u3000":
            a += 1  # “ 现代战争…， ”: the spaces some copy puts inside its marks are no speech
        while b > a + 1 and self.norm[b - 1] in " \u3000":
            b -= 1
        return Candidate("direct", a, b, q.line, cue_span, cue.cue_class, subject, confidence=0.9)

    def _reported(self, idx, line, start, end, cue_span, cue: Cue, subject, attributed) -> Candidate | None:
        """An indirect or mixed quote over norm[start:end]."""
        norm = self.norm
        truncated = False
        cut = truncated_at(norm, line.end)
        if cut is not None and end >= cut:
            end, truncated = cut, True
        while end > start and norm[end - 1] in " ，、；：":
            end -= 1
        connective = _TRAILING_CONNECTIVE.search(norm, max(start, end - 5), end)
        if connective is not None:  # ……，不过，总统表示，…: the turn belongs to what follows
            end = connective.start()
        if end - start < 2:
            return None
        inner = [q for q in self.quoted if start <= q.open and q.close < end]
        speech = [q for q in inner if self._speechlike(q, end)]
        for q in inner:
            attributed.add(q.open)
        kind = "mixed" if speech else "indirect"
        return Candidate(kind, start, end, idx, cue_span, cue.cue_class, subject, truncated=truncated, confidence=0.75)

    def _speechlike(self, q: Quoted, clause_end: int) -> bool:
        """A quotation inside a reported clause is speech, not a term or a name, when it holds
        punctuation or closes the clause at some length (a name is followed by more text)."""
        body = self.norm[q.open + 1 : q.close]
        if any(p in body for p in "，。！？；"):
            return True
        after = self.norm[q.close + 1 : q.close + 2]
        return len(body) >= _TERM_MAX and (q.close + 1 >= clause_end or after in "，。！？；")

    def _subject_before(self, line: Line, cue_start: int, cue: Cue | None = None) -> tuple[int, int] | None:
        """The region before a cue where its subject must be: back to the sentence start. A
        sentence that opens on a wish or a belief (期盼…, 相信…) names no subject: it goes on
        with the paragraph's speaker (an empty region)."""
        start = after_dateline(self.norm, self._sentence_start(line, cue_start), cue_start)
        a, b = _trimmed(self.norm, start, cue_start)
        if a >= b and start > line.start and cue is not None and cue.cue_class in _SUBJECTLESS:
            return start, start
        clause = _last_clause(self.norm, a, b, "，：；”」』\"")
        if a >= b or (clause + self.norm[cue_start : cue_start + 2]).startswith(_FRAME_OPENERS):
            return None  # 据俄方介绍，…; 另|据报道，…: an account frame, not a quote
        if clause.startswith(_FIRST_PERSON):
            return None
        return start, cue_start

    def _run_on(self, line: Line, end: int, subject_text: str) -> int:
        """Extend an indirect quote over following sentences that continue the report."""
        norm = self.norm
        names: list[str] | None = None  # how the story calls the speaker again, read once a sentence follows
        while end < line.end and norm[end] in _SENTENCE_END:
            nxt = end + 1
            if nxt >= line.end:
                break
            nxt_end = self._sentence_end(nxt, line.end)
            names = self._speaker_names(subject_text) if names is None else names
            if not self._continues_report(line, nxt, nxt_end, names):
                break
            end = nxt_end
        return end

    def _continues_report(self, line: Line, a: int, b: int, names: list[str]) -> bool:
        """Does the sentence norm[a:b] go on with the report of the speaker the story calls
        ``names``, rather than announce the speech (…。總統致詞內容為：), hand back to the reporter
        (…都拒绝置评) or open another attribution?"""
        norm = self.norm
        sentence = norm[a:b]
        if (not sentence.strip() or sentence[0] in "（(" or _ATTENDANCE.search(sentence) or _ANNOUNCED.search(sentence)
                or _NO_COMMENT.search(sentence)):
            return False
        if self.agency_copy and (_DATED_EVENT.match(sentence) and not sentence.startswith(_PERSONAL_PRONOUNS + _FIRST_PERSON)
                                 or _REPORTED_EVENT.match(sentence)):
            return False  # 某国2022年2月入侵…, 这颗卫星于周一…, 此举…: the reporter's background, no more of the report
        # 因此，他也期盼…: a pronoun after a connective opening the sentence is read as its start
        opener = _SENTENCE_OPENER.match(sentence)
        rest = a + (opener.end() if opener and sentence.startswith(_PERSONAL_PRONOUNS, opener.end()) else 0)
        return not (self._starts_report(norm[rest:b], rest) or self._new_speaker(rest, b, line)
                    or self._tells_of_speaker(norm[rest:b], rest, names, line)
                    or _narrates(sentence, names) or self._other_voice_opens(a, b)
                    or self.agency_copy and self._reports_later(a, b, line))

    def _reports_later(self, a: int, b: int, line: Line) -> bool:
        """Does a later clause of the sentence norm[a:b] report of its own (华府对此反应低调，总统表示
        愿意对话)? Then the sentence is the reporter's lead to that report, not more of the speech."""
        commas = self._commas[bisect_left(self._commas, a) : bisect_left(self._commas, b)]
        return self._next_report(a, b, line) < b or any(self._opens_report(c + 1, b, line) for c in commas)

    def _greeted_speeches(self, attributed: set[int]) -> Iterator[Candidate]:
        """``會長致詞時首先歡迎各位貴賓。去年協會曾…``: the greeting is narration, and
        the sentences after it in the paragraph are the speech, reported with no cue of their
        own (cue: the 致詞 of the greeting)."""
        norm = self.norm
        for idx, line in enumerate(self.lines):
            if line.kind != "text":
                continue
            for m in _GREETING.finditer(norm, line.start, line.end):
                subject = self._subject_before(line, m.start())
                start = m.end()
                if subject is None or subject[0] >= subject[1] or start >= line.end:
                    continue
                subject_text = norm[subject[0] : subject[1]]
                first_end = self._sentence_end(start, line.end)
                if not self._continues_report(line, start, first_end, self._speaker_names(subject_text)):
                    continue
                end = self._run_on(line, first_end, subject_text)
                found = self._reported(idx, line, start, end, m.span("cue"), _GREETING_CUE, subject, attributed)
                if found is not None:
                    yield found

    def _other_voice_opens(self, a: int, b: int) -> bool:
        """Does the sentence open on an unnamed source or an outlet as its subject (有些专家将这
        归咎于…, 官方媒体对此作了大量报道)? The reporter is telling of others."""
        clause = self.norm[a : self._clause_end(a, b)]
        head = _SOURCE_HEAD.match(clause)
        if head is None:
            return False
        noun = head.group(1)
        if noun.startswith(_PERSONAL_PRONOUNS + _FIRST_PERSON):
            return False
        return (noun.startswith(_SOME) and noun.endswith(_COMMENTATORS)) or noun.endswith(self.lex.media)

    def _speaker_names(self, subject_text: str) -> list[str]:
        """How the story calls the speaker of ``subject_text`` again (_short_names of its bare subject)."""
        return _short_names(_bare_subject(subject_text, self._time_words, self._time_lengths))

    def _tells_of_speaker(self, sentence: str, offset: int, names: list[str], line: Line) -> bool:
        """Does the sentence tell of the speaker rather than go on with the speech: the
        speaker's name opening it with no reporting verb in its first clause (總統也特別利用
        會晤機會…, 林海访美一旦成行…), or a reporting verb negated there (但它没有提及…,
        他没有证实…)?  A pronoun says nothing here: reported speech names its own speaker
        他 or 她 (她很高興…)."""
        first = _CLAUSE_BREAK.search(sentence)
        clause_end = offset + (first.start() if first else len(sentence))
        if any(True for _ in self.cues(line, offset, clause_end)):
            return False
        for a, b, _ in self._cue_words(offset, clause_end):
            if self.norm.endswith(self.lex.negators, offset, a) and self._is_cue(a, b):
                return True
        body = _NARRATIVE_OPENER.sub("", sentence, count=1)
        return body.startswith(tuple(names))

    def _new_speaker(self, a: int, b: int, line: Line) -> bool:
        """Does the first clause of norm[a:b] attribute to a short subject (崔敏浩则在会谈中要求…)?"""
        clause_end = a
        while clause_end < b and self.norm[clause_end] not in "，：；":
            clause_end += 1
        for ca, cb, cue in self.cues(line, a, clause_end):
            subject = _PLACED_PRONOUN.sub(r"\1", self.norm[a:ca])  # 他|在国会附近的一次集会上|敦促: the pronoun is the subject
            if 0 < len(subject) <= _SUBJECT_HEAD and not self.norm.startswith(self._narration, a):
                # 中方希望… / 我们认为… inside a report is still the speaker talking
                # 虽然美国希望…，但…: a conceded or supposed view is part of the argument
                if not subject.startswith(_FIRST_PERSON + _CONDITIONALS) and "方" not in subject[:3]:
                    return True
        return False

    def _starts_report(self, sentence: str, offset: int) -> bool:
        """Does this sentence begin a new attribution or hand back to the reporter?"""
        if sentence.startswith(self._narration) and not _continues_speech(sentence, self._narration):
            return True
        if sentence.startswith(("据", "另据", "根据")) and not _CITED_DATA.match(sentence):
            return True  # but 根据联合国…的评比，台湾名列第6: the speaker citing figures goes on
        if _COMPILED_REPORT.match(sentence):
            return True  # 综合当时多家媒体报道，…: the reporter's own compilation, no more of the speech
        if _NARRATED_ACT.match(sentence):
            return True  # 他并感谢…: the reporter tells what the speaker did
        if sentence[:1] in PAIRS or sentence[:1] == '"':
            q = self._quoted_at(offset)
            if q is None or self._speechlike(q, offset + len(sentence)) or q.close + 1 >= offset + len(sentence):
                return True  # a quotation opens a voice of its own, as does a whole sentence in marks (「我們一起努力吧」。);
                # a name in marks (「哈德遜研究所」是…) does not
        for a, b, found in self._cue_words(offset, offset + len(sentence)):
            cue = self.lex.cues[found]
            if (a == offset and cue.cue_class in _SUBJECTLESS and found not in _BELIEFS
                    and (cue.direct_object or self.norm[b : b + 1] in ("，", "：")) and self._is_cue(a, b)):
                return True  # 期盼未来…: a sentence opening on a wish is a statement of its own (相信…: on a belief, the argument goes on;
                # 预计将…, a verb that reports only before punctuation: the speech goes on)
            if a > offset and self._is_cue(a, b) and not self._covered(self._inside, a, b) and not cue.documentary:
                after = self.norm[b : b + 1]
                if after in ("，", "：", "。") or after in PAIRS:
                    return True
        return False

    def _standalone(self, attributed: set[int]) -> Iterator[Candidate]:
        """Quotations with no cue that read as speech: a whole sentence or paragraph in marks."""
        norm = self.norm
        for q in self.quoted:
            if q.open in attributed or self.lines[q.line].kind != "text":
                continue
            a, b = q.content
            body = norm[a:b]
            line = self.lines[q.line]
            # at a sentence's start, or right after a quotation it goes on from (……，”“……”)
            sentence_initial = (norm[self._sentence_start(line, q.open) : q.open].strip() == ""
                                or norm[line.start : q.open].strip() == ""
                                or norm[q.open - 1] in CLOSERS)
            # a sentence of some length, or a short one in the first or second person (「我們一起努力吧」)
            speechlike = (len(body) >= 10 and any(p in body for p in "，。！？")) or (
                len(body) >= 4 and any(p in body for p in (*_FIRST_PERSON, "，")))
            after = norm[q.close + 1 : q.close + 2]
            # its sentence ends with it, or inside it (“……。”至于…: the narration goes on in a new sentence)
            closes = after in ("", "。", "！", "？", "\n") or q.close + 1 >= line.end or norm[b - 1] in "。！"
            if sentence_initial and speechlike and closes:
                yield Candidate("direct", a, b, q.line, None, "unknown", None, confidence=0.6)


def _possessed_noun(text: str, parties: dict[str, str]) -> bool:
    """Is ``text`` a party's or a person's thing and nothing more (美国的说法, 自己的感受)?"""
    owner, de, head = text.partition("的")
    return (bool(de) and (owner in parties or owner in _PERSONAL_PRONOUNS or owner in _OWNERS)
            and 0 < len(head) <= _HEAD_NOUN_MAX and all(_content_char(c) for c in head))


def _before_adverbs(text: str, start: int, end: int) -> int:
    """Where text[start:end] ends once the adverbs before a verb are dropped (数据|还显示)."""
    while end > start and text[end - 1] in _ACT_CHARS:
        end -= 1
    return end


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """``text[a:b]`` without spaces and commas at either end, as bounds (no copy of the region)."""
    while b > a and text[b - 1] in " ，":
        b -= 1
    while a < b and text[a] in " ，":
        a += 1
    return a, b


def _last_clause(text: str, a: int, b: int, breaks: str) -> str:
    """The last clause of ``text[a:b]`` once trimmed, found from the end and at most
    _CLAUSE_MAX characters long: splitting the whole region for every cue made long
    paragraphs quadratic."""
    a, b = _trimmed(text, a, b)
    region = text[max(a, b - _CLAUSE_MAX) : b]
    return region[max(map(region.rfind, breaks)) + 1 :]


def _continues_speech(sentence: str, openers: tuple[str, ...]) -> bool:
    """双方应…/双方要…: an opener followed by a modal is the speaker's prescription, not narration."""
    opener = next(o for o in openers if sentence.startswith(o))
    return sentence[len(opener) : len(opener) + 1] in _MODALS


def _content_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch.isalnum()


def _drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """One quote per span: a span inside a longer one (a quotation inside a mixed quote) goes."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for c in cands:
        if kept and c.start < kept[-1].end and c.end <= kept[-1].end:
            continue
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept
