"""CJK-as-CJK repairs judged on the evidence of foreign characters, repairs that stop where
the clean text beside them starts, and line art that is never mojibake.  The texts are lines
of the benchmark corpora (红楼梦 with Zhiyanzhai's commentary, People's Daily 1998) and the
boxes of DOS-era READMEs, damaged the way the benchmarks damage them."""
import pytest

from encfix.config import Config
from encfix.stages import mojibake


def fix(text: str) -> str:
    import encfix

    return encfix.fix_text(text, ruby=False, residue=False, punctuation=False)


def garble(text: str, source: str, reader: str) -> str:
    return text.encode(source).decode(reader)


def test_a_short_sentence_of_gbk_read_as_big5_is_repaired_on_two_foreign_characters():
    # 黛玉只不答。 read as Big5 is 籧迶硐祥湘﹝: only 籧 and 迶 are characters GB2312 cannot
    # write, and the region around them starts with a 。 that GBK cannot decode from Big5 bytes
    before = "问他几岁上京，路上见何景致古迹，扬州有何遗迹故事，土俗民风。"
    after = "\n宝玉只怕他睡出病来，【庚辰双行夹批：原来只为此。】"
    bad = before + garble("黛玉只不答。", "gbk", "cp950") + after
    assert "籧迶硐祥湘﹝" in bad
    assert fix(bad) == before + "黛玉只不答。" + after


#: a table of People's Daily's stock report (1998), as the corpus holds it
STOCK_TABLE = (
    "·２４\n成份指数４１６４·３５４１６７·８６４１７２·８２４０５４·４４\n深证Ａ股４１４·８１４１４·８９４１６·４６４０１·５４\n"
    "深证Ｂ股７８·８５７８·８５８４·９７７８·８５\n上周收盘涨跌幅成交金额\n１２２２·９１０·７４１７０１５０２０５０１\n"
    "３９２１·１４－０·５６２７８０９２２４２７\n１２９３·７８０·６７１６９８４４１８４０９\n４６·９３４·７４３０６０２０９２\n"
    "３８３·６６－０·９０１７９１７６６４７９４\n４１６５·２８０·０２２７３３４６４３６９\n４１０·４４１·０５１７８２９９６３１０４\n"
    "８４·６９７·４１８７７０１６９０\n沪市上周上涨前五名（％）\n１冰熊股份２１．０５\n２{}１６．８１"
)


def test_hangul_between_the_full_width_digits_of_a_chinese_table():
    # four Hangul syllables in a Chinese document are foreign letters: 웹츠샙눠 gains 15.5 in all
    # as 昆明机床 (12 is enough for foreign letters, 16 for others)
    bad = STOCK_TABLE.format(garble("昆明机床", "gbk", "cp949"))
    assert "웹츠샙눠" in bad
    assert fix(bad) == STOCK_TABLE.format("昆明机床")


def test_a_repair_leaves_the_clean_sentence_it_ran_into():
    # the garbled sentence (GBK read as EUC-KR) starts after 。; the clean 新提名的１１５１人 before
    # it also encodes as EUC-KR and decodes as GBK, into 沔皤伲钴１１５１煅
    clean = "国政协委员留任的１０４５人，占４７．６１％，新提名的１１５１人，占５２．３９％。"
    garbled = ("委员人选平均年龄５９．４８岁，比八届一次会议时下降了将近２岁，委员人选中６０岁以下的（含６０岁）"
               "１１１０人，占总数的５０．４０％，展现了跨世纪的人民政协的蓬勃活力")
    bad = clean + garble(garbled, "gbk", "cp949")
    got = fix(bad)
    assert got.startswith(clean)
    assert got == clean + garbled


BOXES = [
    "  ┌────────┐\n  │ 설치방법 │\n  └────────┘",
    "  ┌─ 제한사항 ────────────────────────────┐\n  │ 이 프로그램은 사용이 제한됩니다. │\n"
    "  └──────────────────────────────────┘",
    "┌──────────┬──────────┐\n│ 设置方法 │ 说明     │\n├──────────┼──────────┤\n"
    "│ 安装     │ 见下文   │\n└──────────┴──────────┘",
    "╔══════════╗\n║ Install  ║\n╚══════════╝",
    "    ▒▒▒▒▒▒▒▒▒▒▒▒\n    ▒▒▒▒▒▒▒▒▒▒▒▒",
]


@pytest.mark.parametrize("box", BOXES)
def test_line_art_is_left_alone(box):
    assert [f for f in mojibake.find(box, Config()) if not f.is_flag] == []
    assert fix(box) == box


def test_garbled_text_of_box_drawing_characters_is_still_repaired():
    # GBK read as cp437 is box drawing in good part; a file name, and a reduplicated word
    # (妹妹, ``├├├├``) in a garbled line, are no line art
    assert fix("文件名：" + garble("中文", "gbk", "cp437") + ".txt") == "文件名：中文.txt"
    line = "宝玉笑道：“好妹妹，你别撒谎，你看这三个字那一个好？”"
    assert "├├├├" in garble(line, "gbk", "cp437")
    assert fix(garble(line, "gbk", "cp437")) == line


# -- what a document writes on purpose (excerpts of the harm-only pools: a DOS README of Mdir III,
# -- a Korean chatbot dialogue, a Japanese blog of 2005) ------------------------------------------

MDIR_README = (
    "┃      │ 파일창 ← 좌:이동,엔터키 / 우:파일선택 / 중간,양쪽:Tab키 │      ┃\n"
    "┃      └─────────────────────────────┘      ┃\n"
    "┃                                                                          ┃\n"
    "┃파일칸수변경            다음화면(PgDn)                                    ┃\n"
    "┃│                         ↓                         숨은파일포함───┐┃\n"
    "┃│━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━  │┃\n"
    "┃└> 1234 File,  1 Dir                                   정렬방식 → EZ <"
)
KOREAN_CHAT = ("how are you?\n아임 파인 땡큐, 엔 유?\nI'm fine. Thank you, and you?\n방갑다.\n저도 방가워요.\n"
               "ㅎㅇ\nㅎㅇㅎㅇ\nㅎ2\n안녕~\n안녕하세요?\n안녕하세요\n안녕 안 합니다\nㅎㅇ")
JAPANESE_BLOG = (
    "これは、不気味の谷現象と、よく似てはいませぬか…という話を書こうと思ってたんですよ。はははは（虚笑\n"
    "ああ、ちゃんと書いてれば、ええ記事になっとたのに（爆\n"
    "ゲームの話を枕に、現代の世相を斬る…素晴らしい展開だ、ブログの鏡だ（ｳｯﾄﾘ\n"
    "まあ、不気味の谷現象の説明によれば、完璧に近づけすぎないのが、夢見るための大切な条件…"
)


@pytest.mark.parametrize("doc", [MDIR_README, KOREAN_CHAT, JAPANESE_BLOG], ids=["line-art", "jamo", "half-width"])
def test_what_a_document_writes_on_purpose_is_left_alone(doc):
    # the box a README draws (───┐ is GBK's 哪目 read as cp437), Korean chat's jamo (ㅎㅇㅎㅇ is
    # EUC-JP's ぞしぞし read as EUC-KR), Japanese in half-width kana (ｳｯﾄﾘ is GBK's 朝呢 read as
    # Shift_JIS)
    assert [f for f in mojibake.find(doc, Config()) if not f.is_flag] == []
    assert fix(doc) == doc


def test_half_width_kana_of_euc_jp_in_a_japanese_document_are_still_repaired():
    # EUC-JP read as Shift_JIS makes half-width kana of a Japanese document's own text
    doc = "91歳だった。\n死去した。\n" + garble("59歳。", "euc_jp", "cp932") + "\n高橋さんは、旧東京協和、安全両信用組合から"
    assert "ｺﾐ" in doc
    assert fix(doc) == doc.replace(garble("59歳。", "euc_jp", "cp932"), "59歳。")


def test_a_japanese_line_read_whole_as_big5_is_repaired():
    # EUC-JP's katakana read as Big5 are common Chinese characters: nothing in the line is a
    # character Japanese does not write; the line reads as no language and decodes whole
    before = "ユネスコの世界遺産のうち、自然遺産に登録されている隕石の跡、化石の産地などは次の7つである。\n"
    line = "フレーデフォート・ドーム（南アフリカ）。"
    after = "\nワジ・アル＝ヒタンの鯨渓谷（エジプト）。\n知床（日本）。"
    bad = before + garble(line, "euc_jp", "cp950") + after
    assert "白伊□犯白巧□玄’" in bad
    assert fix(bad) == before + line + after


def test_a_japanese_heading_of_kanji_is_left_alone():
    doc = "中華人民共和国国務院総理温家宝\n温家宝首相は、北京で記者会見を開き、経済政策について説明した。"
    assert fix(doc) == doc
