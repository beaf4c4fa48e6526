"""Japanese katakana words written in half-width forms and quoted in Chinese text are no GBK read
as Shift_JIS (helper-38).  The plausibility models never saw half-width kana, so such a run's
own low score proved nothing and ``。ﾌﾘｰｸﾗｽ。`` became ``。特案捉。``; judged as the katakana it
spells (its full-width form under the Japanese model) a real word reads as well as any decoding.
Real GBK-as-Shift_JIS damage, which breaks katakana spelling or reads far better as Chinese,
is still repaired."""
import pytest

from encfix.stages.mojibake_cjk import _reads_as_katakana, _spelled_as_katakana
from mojibake_helpers import fix, garble, repairs

#: katakana words of the ``ja`` corpus (``benchmarks.corpora.load("ja")``) in half-width forms,
#: each of which the stage "repaired" in a Chinese frame before (as GBK, EUC-KR or EUC-JP read
#: as Shift_JIS: ﾌﾘｰｸﾗｽ -> 特案捉, ｺｰﾅｰ -> 별키, ｾﾝﾀｰ -> 象整)
WORDS = ["ﾌﾘｰｸﾗｽ", "ﾐｻｲﾙ", "ｱﾙﾊﾞﾆｱ", "ｶﾙﾊﾞﾗｰ", "ﾏﾊﾘｬﾉﾌ", "ﾆｭｰﾖｰｸ", "ｶｯﾌﾟ", "ﾔﾝﾏｰ", "ﾏﾘﾉｽ",
         "ｺｰﾅｰ", "ｱﾝﾄﾞ", "ﾀﾝｶｰ", "ｱﾘｴﾙ", "ｾﾝﾀｰ", "ｻｯﾁｬｰ"]

#: a clean zh-news paragraph (People's Daily, 1997) and the frames a quoted word stands in
BEFORE = "上午九时二十分，李鹏总理在北京市委书记、市长贾庆林的陪同下，来到位于北京西郊的北京石景山发电总厂。"
AFTER = "始建于一九一九年的北京石景山发电总厂，是华北电网的主力电厂之一。"
FRAMES = [
    BEFORE + "{}。" + AFTER,                    # between 。
    BEFORE[:-1] + "，{}，" + AFTER,             # between ，
    BEFORE + "（{}）\n" + AFTER,                # a byline closing its paragraph
    BEFORE + "\n{}\n" + AFTER,                  # a line of its own
    BEFORE[:-1] + "：{}；" + AFTER,             # between ： and ；
    BEFORE[:-1] + "、{}、" + AFTER,             # between 、
]


@pytest.mark.parametrize("word", WORDS)
def test_katakana_word_in_chinese_stays(word):
    for frame in FRAMES:
        text = frame.format(word)
        assert repairs(text) == [], text
        assert fix(text) == text


@pytest.mark.parametrize("word", ["ｵｯｸｽﾌｫｰﾄﾞ", "ｹﾞｰﾑｿﾌﾄ", "ﾋﾞﾃﾞｵﾘｻｰﾁ"])
def test_quoted_katakana_word_stays(word):
    # the reader's region takes in the closing quote (ﾞ and the first byte of ” read as GBK
    # make 迊): ``ｵｯｸｽﾌｫｰﾄﾞ”`` became 弹附太澳迊h
    for quotes in ("“”", "《》", "「」"):
        text = BEFORE + "据报道" + quotes[0] + word + quotes[1] + "。" + AFTER
        assert repairs(text) == [], text


@pytest.mark.parametrize("chinese", [
    "但仍有一",  # ｵｫﾈﾔﾓﾐﾒｻ: spelled as katakana, but far likelier as Chinese
    "按照巴以",  # ｰｴﾕﾕｰﾍﾒﾔ: no katakana word starts with the long vowel mark
    "经济开放",  # ｾｭｼﾃｿｪｷﾅ
])
def test_garbled_word_of_halfwidth_letters_is_repaired(chinese):
    damaged = garble(chinese, "gbk", "sjis")
    assert all("\uff66" <= ch <= "\uff9f" for ch in damaged)
    assert fix(BEFORE + damaged + "。" + AFTER) == BEFORE + chinese + "。" + AFTER


def test_garbled_sentence_is_repaired():
    sentence = "俗话说，“常在河边走，哪能不湿鞋？”"
    damaged = garble(sentence, "gbk", "sjis")
    assert fix(BEFORE + damaged + AFTER) == BEFORE + sentence + AFTER


def test_katakana_spelling():
    # a sound mark must combine with the kana before it: Unicode has ガ (ｶﾞ) and ヴ (ｳﾞ), no ｱﾞ;
    # GBK's 鞭 (B1 DE) read as Shift_JIS is ``ｱﾞ``
    assert _spelled_as_katakana("ｶﾞｳﾞｧ")
    assert not _spelled_as_katakana(garble("鞭", "gbk", "sjis"))
    # no word starts with a small kana, the long vowel mark or a sound mark (吧, B0 C9, is ``ｰﾉ``)
    assert not _spelled_as_katakana(garble("吧", "gbk", "sjis"))
    assert not _spelled_as_katakana("ｯﾄ") and not _spelled_as_katakana("ﾟﾎ")
    # a foreign name's parts are joined by the middle dot, each a word of its own
    assert _spelled_as_katakana("ｼﾞｮﾝ･ｽﾐｽ") and not _spelled_as_katakana("ｼﾞｮﾝ･ｰｽ")
    # anything but katakana (half-width punctuation, which GBK's marks become) is no word
    assert not _spelled_as_katakana(garble("”子们！", "gbk", "sjis"))


def test_katakana_against_its_decoding():
    # the same bytes judged two ways, in all: the katakana word against GBK's reading of them
    word = "ﾌﾘｰｸﾗｽ"
    from encfix.lang.plausibility import fluency
    new = word.encode("cp932").decode("gbk")
    assert _reads_as_katakana(word, new, fluency(new, ("zh-Hans", "zh-Hant")))
    damaged = garble("但仍有一", "gbk", "sjis")
    assert not _reads_as_katakana(damaged, "但仍有一", fluency("但仍有一", ("zh-Hans", "zh-Hant")))
