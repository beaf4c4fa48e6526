"""Japanese documents of issue #4's samples (seeds 21, 23, 31 and 37 of the bench's generator) that
kept their damage, EUC-JP read as GBK, each garbled the way the bench garbles it (one line), and the
clean text the same rules must leave:

* a line of a news report on a processor, whose kanji the re-read repairs run by run between kana
  and ASCII (Itanium2, FSB, 6.4GB/sec), but one run of a single kanji whose two readings are both
  common before the same kana (``に燃い`` is に伴い): it lies between runs that gain, so it is
  garbled with them (:func:`encfix.stages.mojibake_japanese._loses`);
* a counter garbled alone after a number, in obituaries that write it nowhere else: ``102盒だった。``
  is 102歳だった。 (:func:`encfix.stages.mojibake_japanese._counts_a_number`).
"""
from __future__ import annotations

import pytest

from encfix.stages import mojibake_japanese
from mojibake_helpers import case_tests, fix, garble, repairs

#: a news report (seeds 21 and 37): its fourth line garbled
ITANIUM = ("1996年に年齢制限により退会したのちも、アマチュア将棋で活躍し、その戦績が認められて今回の編入試験が実現した。\n"
           "米Intelは7月18日（米国時間）、FSB（フロントサイドバス）クロックを従来の400MHzから667MHzに引き上げた"
           "Itanium2プロセッサ2種類を発表した。\n"
           "またそれに伴い、日本法人のインテル株式会社は7月19日に都内で記者会見を行った。\n"
           "{}\n"
           "なお製品価格は、1000個ロットの場合でキャッシュが9Mバイトのものが1個512,050円、同じくキャッシュが6Mバイトの"
           "ものが241,340円となっている。\n"
           "また日立製作所は、同社が昨年9月に発表したエンタープライズサーバプラットフォーム「BladeSymphony」用にこの新しい"
           "Itanium2を搭載したブレードを開発し、7月29日より出荷を開始すると発表した。\n"
           "この新ブレードは日立が自社開発したFSB667MHz対応の新チップセットを搭載している。")
ITANIUM_LINE = ("新しいItanium2はFSBクロックの上昇に伴い、システムバスの帯域幅が従来の6.4GB/secから10.6GB/secへと"
                "引き上げられたほか、CPUのコアクロックも1.66GHz（従来は1.60GHzが最高）に若干ながら引き上げられている。")
#: an obituary (seeds 23 and 31): its first line garbled
OBITUARY = ("{}\n岩谷さんは1930年に岩谷直治商店を起業、1945年に岩谷産業に社名を変更し、社長、会長、名誉会長を務めた。\n"
            "日本にプロパンガスを初めて家庭用に開発・発売したことや、ホース不要のカセットボンベ式コンロ「カセットフー」を"
            "開発した事で「プロパンガスの父」として有名だった。\n"
            "また、文化の振興のために財団を設立して自然科学の研究を援助したりNHK交響楽団を支援したりしたことでも知られる。\n"
            "女優のジェラルディン・フィッツジェラルドさんが17日、米ニューヨークで死去した。")
#: another (seed 23), after a report on a collision at sea
POET = ("この事故とは別に、10日に山口県沖でタンカーと貨物船が、15日には和歌山県沖でタンカーと貨物船が衝突する事故があった。\n"
        "東北大学の名誉教授で歌人の扇畑忠雄（おうぎはたただお）さんが16日、死去した。\n{}\n"
        "扇畑さんはアララギ派の歌人として知られ、1946年『群山』を創刊。")


def eucjp_as_gbk(text: str) -> str:
    return garble(text, "eucjp", "gbk")


CASES = [(ITANIUM.format(eucjp_as_gbk(ITANIUM_LINE)), ITANIUM.format(ITANIUM_LINE)),
         (OBITUARY.format(eucjp_as_gbk("102歳だった。")), OBITUARY.format("102歳だった。")),
         (POET.format(eucjp_as_gbk("94歳だった。")), POET.format("94歳だった。"))]

test_repaired, test_the_text_it_was_stays, test_explain_reports_what_fix_changes = case_tests(CASES)


def test_a_kanji_inside_the_garbled_stretch_that_reads_a_little_worse_is_garbled_with_it():
    # (に燃い is a reading too; the runs either side of it gain 18.9 and 14.3)
    found = repairs(CASES[0][0])
    assert [(f.kind, f.new) for f in found] == [("mojibake.eucjp-as-gbk", ITANIUM_LINE[:-len("げられている。")])]


def test_a_run_at_an_end_of_the_stretch_may_not_lose():
    assert mojibake_japanese._loses([(0, 1, "新", 10.0), (5, 6, "伴", -0.7)])
    assert mojibake_japanese._loses([(0, 1, "伴", -0.7), (5, 6, "新", 10.0), (9, 10, "上", 14.0)])
    assert not mojibake_japanese._loses([(0, 1, "新", 10.0), (5, 6, "伴", -0.7), (9, 10, "上", 14.0)])
    assert mojibake_japanese._loses([(0, 1, "新", 10.0), (5, 6, "伴", -2.5), (9, 10, "上", 14.0)])


def test_the_counter_is_the_reading_of_the_pair_that_makes_one():
    # (盒 read back as EUC-JP through Big5 is 屋, which gains more beside 2 and だ, but no number
    # counts 屋)
    assert [(f.kind, f.old, f.new) for f in repairs(CASES[1][0])] == [("mojibake.eucjp-as-gbk", "盒", "歳")]


def test_a_letter_after_a_number_in_a_sentence_with_other_kanji_stays():
    # (a garbled sentence would show its other kanji garbled too; these are clean: the letter is
    # the writer's)
    for line in ("享年102盒だった。", "夜12盒には寝た。", "1台の端末に2边つのSIMを挿す。"):
        doc = OBITUARY.format(line)
        assert fix(doc) == doc, line


@pytest.mark.parametrize("text", [
    # a Chinese word or letter quoted, or a letter where Japanese writes no number before it
    "中国の「盒饭」は弁当のことで、1箱で足りる。",
    "その盒だった。\n箱のことだ。",
    "中国では土地を3亩の単位で数える。",
    "北京の友人から5盒の月餅が届いた。\n中国語では箱を盒と書く。",
    # a number before a letter that re-reads into no counter
    "中国では1斤は500gで、2两は100gだ。",
])
def test_chinese_quoted_in_japanese_stays(text):
    assert fix(text) == text


def test_every_letter_of_the_table_is_a_counter_japanese_writes_after_numbers():
    counters = mojibake_japanese.japanese_counters()
    assert {"歳", "人", "年", "円", "回", "個"} <= counters
    assert not counters & {"屋", "射", "辺", "月", "分"}  # (not counters, or not after a digit in IPAdic's frames)
    assert 20 <= len(counters) <= 40


def test_the_table_is_what_the_script_makes():
    pytest.importorskip("janome")
    from benchmarks import corpora
    from encfix.data import make_japanese_counters as make

    if not all((corpora.CACHE / "corpora" / f"{kind}.v{corpora.FORMAT_VERSION}.json").is_file() for kind in make.POOLS):
        pytest.skip("the benchmark's Japanese pools are not cached (loading them fetches packages)")
    assert set(make.counters()) == mojibake_japanese.japanese_counters()
