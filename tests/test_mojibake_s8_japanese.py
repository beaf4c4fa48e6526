"""Documents of issue #4's samples (seeds 4-13 of the bench's generator) that kept a part of their
damage, each garbled the way the bench garbles it, and the clean text the same rules must leave:

* UTF-8 read as Shift_JIS in Chinese law texts, where one CJK character's last byte (80) became the
  C1 control U+0080 and ftfy's reading of it as ``€`` took the line from the CJK decoding that
  accounts for it (``莠斐\\x80∬ｯ∵紺`` is 五、证据; ``蜊∽ｸ\\x80`` is 十一);
* EUC-JP read as GBK, one letter of a Japanese obituary: ``91盒だった。`` is 91歳だった。
"""
from __future__ import annotations

import encfix
from encfix.config import Config
from encfix.stages import mojibake


def fix(text: str) -> str:
    return encfix.fix_text(text, ruby=False, residue=False, punctuation=False)


def changes(text: str):
    return [(f.kind, f.old, f.new) for f in mojibake.find(text, Config()) if not f.is_flag]


def utf8_as_sjis(text: str) -> str:
    # (Python's cp932 reads 80 as U+0080 and A0 as U+F8F0, as the bench's damage does)
    return text.encode("utf-8").decode("cp932")


#: a Simplified Chinese commentary on the criminal procedure law (seed 10): a heading garbled
PROCEDURE = ("１６．刑事诉讼法第四十条规定：“自诉案件的自诉人及其法定代理人，附带民事诉讼的当事人及其法定代理人，"
             "有权随时委托诉讼代理人。”根据这一规定，对自诉人及其法定代理人、附带民事诉讼的当事人及其法定代理人"
             "委托诉讼代理人不应当限定为在“开庭审判前”。\n{}\n１７．刑事诉讼法第九十七条规定：“侦查人员询问证人，"
             "可以到证人的所在单位或者住处进行”，“在必要的时候，也可以通知证人到人民检察院或者公安机关提供证言”。")
#: the Constitution of the Republic of China (seed 12): a chapter heading garbled
CONSTITUTION = ("第 111 條\n除第一百零七條、第一百零八條、第一百零九條及第一百十條列舉事項外，如有未列舉事項發生時，"
                "其事務有全國一致之性質者屬於中央，有全省一致之性質者屬於省，有一縣之性質者屬於縣。"
                "遇有爭議時，由立法院解決之。\n{}\n第 一 節 省\n第 112 條\n"
                "省得召集省民代表大會，依據省縣自治通則，制定省自治法，但不得與憲法牴觸。")


def test_a_c1_control_inside_a_cjk_decoding_is_a_byte_of_it_not_cp1252():
    damaged = utf8_as_sjis("五、证据")
    assert "\x80" in damaged
    doc = PROCEDURE.format("五、证据")
    assert fix(PROCEDURE.format(damaged)) == doc
    assert changes(PROCEDURE.format(damaged)) == [("mojibake.utf8-as-sjis", damaged, "五、证据")]


def test_one_character_between_blanks_with_its_c1_byte():
    heading = "第 十一 章 地方制度"
    damaged = utf8_as_sjis(heading)
    assert "\x80" in damaged and "\uf8f0" in damaged
    assert fix(CONSTITUTION.format(damaged)) == CONSTITUTION.format(heading)


def test_c1_controls_outside_the_cjk_decoding_are_still_ftfys():
    # cp1252 quotes read as Latin-1 beside a garbled word: ftfy's, and only the garbled word is CJK
    text = "\x93Hello\x94 he said, " + "你好世界".encode("utf-8").decode("gbk")
    assert ("mojibake.latin", "\x93Hello\x94", "“Hello”") in changes(text)


#: a Japanese news digest (seed 4): an obituary's first line, one letter read as GBK
OBITUARY = ("{}\nフィッツジェラルドさんはアイルランド出身。\n"
            "イギリスで映画デビューののち、ハリウッドに移り、映画『嵐が丘』、『愛の勝利』などに出演、"
            "『嵐が丘』ではアカデミー助演女優賞にノミネートされた。\n"
            "旧東京協和信用組合元理事長で背任罪に問われていた高橋治則さんが18日、死去した。\n59歳。\n"
            "同年、有罪判決。")


def test_a_letter_japanese_never_writes_alone_between_a_number_and_kana():
    line = "91歳だった。"
    damaged = line.encode("euc_jp").decode("gbk")
    assert damaged == "91盒だった。"
    assert fix(OBITUARY.format(damaged)) == OBITUARY.format(line)
    assert changes(OBITUARY.format(damaged)) == [("mojibake.eucjp-as-gbk", "盒", "歳")]


def test_a_letter_japanese_never_writes_needs_the_document_to_write_its_reading():
    # (no ``59歳`` elsewhere, and 盒 is not the only kanji of its sentence, so it is not taken for
    # the number's counter either: nothing says what 盒 stood for)
    doc = OBITUARY.format("享年91盒だった。").replace("59歳。\n", "")
    assert changes(doc) == []


def test_a_chinese_character_quoted_in_japanese_stays():
    for quoted in ("「话」という字を書いた。", "今日で終わり。（擔）15日、", "91盒だった。\n「鑫」の字。"):
        doc = OBITUARY.format(quoted)
        assert fix(doc) == doc, quoted
