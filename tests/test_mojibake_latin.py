"""The Latin family beyond what ftfy reaches: UTF-8 read as cp437, cp850, cp866 and as the CJK codecs
(``ΓÇ£``, ``ÔÇÖ``, ``тАЬ``, ``鈥檚``), leftovers of a document's codec pair, and the cheap gate.

Every case is real text garbled the way programs garble it (``text.encode(source).decode(reader)``).
"""
import json
import random

import pytest

import encfix
from encfix.config import Config
from encfix.findings import apply
from encfix.stages import mojibake

ONLY_MOJIBAKE = dict(ruby=False, residue=False, punctuation=False)

#: English of the kind that carries curly quotes, dashes and soft hyphens (The Story of the Stone,
#: Yang transl., as in benchmarks/corpora.py, and ordinary typography)
ENGLISH = [
    "About this he said:\n“In this busy, dusty world, who would not be lost in his past dreams and "
    "illu\u00acsions?”",
    "“That’s right,” said Jinchuan. “She’s a handsome girl, née Feng — isn’t she?”",
    "He couldn’t prevent it… “Don’t think I’m being rude,” he said; ‘but it’s 5 °C outside’.",
]


def fix(text):
    return encfix.fix_text(text, **ONLY_MOJIBAKE)


def kinds(text):
    return sorted({f.kind for f in mojibake.find(text, Config()) if not f.is_flag})


@pytest.mark.parametrize("reader", ["cp437", "cp850", "cp866"])
@pytest.mark.parametrize("original", ENGLISH)
def test_utf8_punctuation_read_as_a_dos_code_page_is_undone(original, reader):
    damaged = original.encode("utf-8").decode(reader)
    assert damaged != original
    assert fix(damaged) == original
    assert all(k in ("mojibake.latin", f"mojibake.utf8-as-{reader}", "mojibake.utf8-as-cp437") for k in kinds(damaged))


@pytest.mark.parametrize(
    "damaged, repaired, kind",
    [
        ("ΓÇ£In this busy, dusty world", "“In this busy, dusty world", "mojibake.utf8-as-cp437"),
        ("ÔÇ£ThatÔÇÖs right,ÔÇØ", "“That’s right,”", "mojibake.utf8-as-cp850"),
        ("donтАЩt like it", "don’t like it", "mojibake.utf8-as-cp866"),
        ("it鈥檚 done", "it’s done", "mojibake.utf8-as-gbk"),  # the s is the second byte of 檚
        ("鈥淚n this busy world", "“In this busy world", "mojibake.utf8-as-gbk"),
        ("a caf茅 in Paris", "a café in Paris", "mojibake.utf8-as-gbk"),
        ("worrying some卢times", "worrying some¬times", "mojibake.utf8-as-gbk"),
        ("worrying some竅times", "worrying some¬times", "mojibake.utf8-as-big5"),
        ("worrying someﾂｬtimes", "worrying some¬times", "mojibake.utf8-as-sjis"),
        ("worrying some짭times", "worrying some¬times", "mojibake.utf8-as-euckr"),
        # two in a row, each beside the other's CJK characters
        ("before, 窶露窶冤l die", "before, ‘I’ll die", "mojibake.utf8-as-sjis"),
        ("before, 鈥業鈥檒l die", "before, ‘I’ll die", "mojibake.utf8-as-gbk"),
    ],
)
def test_the_classics(damaged, repaired, kind):
    assert fix(damaged) == repaired
    assert kinds(damaged) == [kind]


def test_a_sign_whose_last_byte_gbk_lost_is_one_character_lost_not_invented():
    # ” is E2 80 9D; GBK read E2 80 as 鈥 and could not read 9D before a line break
    original = "He said “It’s fine.”\nNext line — ok."
    damaged = original.encode("utf-8").decode("gbk", errors="replace")
    assert damaged == "He said 鈥淚t鈥檚 fine.鈥\ufffd\nNext line 鈥\ufffd ok."
    assert fix(damaged) == "He said “It’s fine.\ufffd\nNext line \ufffd ok."
    lossy = [f for f in mojibake.find(damaged, Config()) if f.kind == "mojibake.utf8-as-gbk-lossy"]
    assert [f.old for f in lossy] == ["鈥\ufffd", "鈥\ufffd"]
    assert all("1 character(s) lost" in f.reason for f in lossy)


@pytest.mark.parametrize(
    "text",
    [
        "Ôôô VIDA MINHA",  # cp850 reads ⓓ's UTF-8 so; it is Portuguese
        "Mr. 卢 said so in 2005年.",  # a lone CJK character among spaces and digits is a word
        "他说卢先生来了。茅台酒，陆路运输，水牛。",
        "Привет, как дела? Так тоже можно.",
        "шкафом флешка уличен хамшик швеции начальник",  # words that are UTF-8 of CJK characters
        "Καλημέρα σας, τι κάνετε; εσ απ δε",
        "┌──┬──┐\n├──┼──┤\n└──┴──┘ ├┤",
        "Java처럼 쓰는 API를 2010년에",
        "「引号」，‘单引号’——破折号……省略号·间隔号",
    ],
)
def test_clean_text_is_left_alone(text):
    assert [f for f in mojibake.find(text, Config()) if not f.is_flag] == []


@pytest.fixture(scope="module")
def wordfreq():
    return pytest.importorskip("wordfreq")


@pytest.mark.parametrize("lang", ["fr", "de", "es", "pt", "pl", "cs", "tr", "ru", "uk", "el", "zh", "ja", "ko"])
def test_real_words_of_many_languages_are_left_alone(wordfreq, lang):
    # sentences of the language's 3000 most frequent words that are not plain ASCII
    words = [w for w in wordfreq.top_n_list(lang, 3000) if not w.isascii()]
    rng = random.Random(lang)
    sep = "" if lang in ("zh", "ja") else " "
    for _ in range(60):
        text = "“" + sep.join(rng.sample(words, 12)) + "”, " + sep.join(rng.sample(words, 12)) + "."
        assert [f for f in mojibake.find(text, Config()) if not f.is_flag] == [], text


def _law(shared_dir, title):
    with open(shared_dir / "corpora" / "taiwan_laws_moj_sample.jsonl", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if doc["title"] == title:
                return doc["text"][:3000]
    raise LookupError(title)


def test_a_document_read_as_cp866_is_repaired_to_its_last_line(shared_dir):
    # ``第 1 條`` read as cp866 is ``чмм 1 цвЭ``: all Cyrillic, which the other gates take for Russian
    original = _law(shared_dir, "中華民國憲法")
    damaged = original.encode("utf-8").decode("cp866")
    assert "чмм 1 цвЭ" in damaged
    assert fix(damaged) == original
    found = encfix.explain(damaged, **ONLY_MOJIBAKE)
    assert apply(damaged, found) == original
    assert {f.kind for f in found} == {"mojibake.utf8-as-cp866"}
    # and alone, one article heading in clean text
    assert fix("前文。\n" + "第 17 條".encode("utf-8").decode("cp866") + "\n後文。") == "前文。\n第 17 條\n後文。"


def test_a_repair_with_another_pair_is_redone_with_the_documents_pair():
    # ＊＊＊ in GBK read as Latin-1 is ``£ª£ª£ª``, which also decodes as Shift_JIS read as cp437 (惡惡惡)
    original = ("启示之三：企业改制，既要严格执行规范，又要进行灵活调整。\n＊＊＊\n"
                "两家企业的经验说明，一种新的制度必然存在磨合期。\n" * 3)
    damaged = original.encode("gbk").decode("latin-1")
    assert fix(damaged) == original
    assert {f.kind for f in encfix.explain(damaged, **ONLY_MOJIBAKE)} == {"mojibake.gbk-as-latin1"}


def test_leftovers_of_a_document_read_as_latin1_are_repaired():
    # two long lines of GBK read as Latin-1 undone; the short title between them is the same damage
    original = "第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀" * 3 + "\n戚蓼生序\n" + "吾闻绛树两歌，一声在喉，一声在鼻。" * 4
    damaged = original.encode("gbk").decode("latin-1")
    assert fix(damaged) == original


KOREAN = (
    "제 1 조(목적) 이 법은 육아휴직 급여에 관한 사항을 규정함을 목적으로 한다.\n"
    "  ① 행정청은 다음 각 호의 사항을 고려하여야 한다.\n"
    "  ② 제1항에 따른 급여액은 다음 식에 따른다.\n"
    "N×p×X + N×육아휴직급여액 - N×P > 0\n"
    "X > 10.7×P\n"
    "부칙 이 법은 공포한 날부터 시행한다.\n"
)


@pytest.mark.parametrize("reader", ["latin-1", "cp437", "cp866"])
def test_short_leftovers_of_the_documents_codec_pair(reader):
    # × (A1 BF in EUC-KR) read as Latin-1 is ``¡¿``; ② is ``¨è``: too short to judge alone, but the
    # document says which codecs it went through
    damaged = KOREAN.encode("cp949").decode(reader)
    assert fix(damaged) == KOREAN
    assert apply(damaged, encfix.explain(damaged, **ONLY_MOJIBAKE)) == KOREAN


def test_utf8_korean_read_as_cp437_repairs_a_lone_syllable_between_repaired_lines():
    original = KOREAN + "때\n" + KOREAN
    damaged = original.encode("utf-8").decode("cp437")
    assert "\nδòî\n" in damaged
    assert fix(damaged) == original


def test_explain_reports_what_fix_changes_and_fix_is_idempotent():
    text = "ΓÇ£ItÔÇÖs it鈥檚 n├®e,ΓÇ¥ тАЬokтАЭ illu┬¼sions"
    out = fix(text)
    assert apply(text, encfix.explain(text, **ONLY_MOJIBAKE)) == out
    assert fix(out) == out
    assert "“" in out and "’s" in out and "¬" in out


def test_the_gate_lets_no_clean_line_through(seed_text):
    # ASCII punctuation in Chinese (the seed's damage) and curly quotes are not signs of mojibake
    damaged = seed_text.replace("，", ",").replace("：", ":")
    assert list(mojibake._candidate_lines(damaged)) == []
    assert not mojibake.could_hold_mojibake("“引号”——破折号……省略号，2005年，Python编程")
    assert not mojibake.could_hold_mojibake("He said: “It’s fine — really…”")
    assert mojibake.could_hold_mojibake("it鈥檚") and mojibake.could_hold_mojibake("a caf茅")
    assert mojibake.could_hold_mojibake("ΓÇ£x") and mojibake.could_hold_mojibake("тАЬx")
