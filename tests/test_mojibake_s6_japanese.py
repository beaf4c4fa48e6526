"""Japanese documents with one sentence garbled (Shift_JIS and EUC-JP read with another codec),
and the leftovers of documents garbled whole: real documents the bench and the held-out samples
missed, each garbled the way the bench garbles it, and the clean text the same rules must leave.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `benchmarks` is a package at the root, beside `encfix`
    sys.path.insert(0, str(ROOT))

import encfix  # noqa: E402
from encfix.config import Config  # noqa: E402
from encfix.stages import mojibake  # noqa: E402


def fix(text: str) -> str:
    return encfix.fix_text(text, ruby=False, residue=False, punctuation=False)


def changes(text: str):
    return [(f.old, f.new) for f in mojibake.find(text, Config()) if not f.is_flag]


@pytest.fixture(scope="module")
def ja_docs():
    from benchmarks import corpora

    try:
        return corpora.load("ja", limit=60)
    except (RuntimeError, OSError, ImportError) as exc:  # no registry offline: never required
        pytest.skip(f"ja: {exc}")


def _document_with(docs, sentence: str) -> str:
    found = [d for d in docs if sentence in d]
    assert found, sentence
    return found[0]


#: (the sentence garbled, its codec, the codec that read it): each one a document the bench or a
#: held-out sample left garbled (its first characters, or one sign)
SENTENCES = [
    # Shift_JIS katakana read as cp866: pairs of Г and ASCII or a capital letter (マ is Г})
    ("マブチモーター（前身、東京科学工業）の創業者で社長も務め、平成10年からは名誉会長を務めていた。", "cp932", "cp866"),
    ("プロサッカーチーム、東京ヴェルディは7月19日付を持って、アルディレス監督を解任し、代理監督として石崎信弘コーチが就任すると発表した。",
     "cp932", "cp866"),
    ("ホルスト・ケーラードイツ連邦大統領は現地時間21日午後8時15分（日本時間22日午前3時15分）からテレビ演説を行い、ドイツ連邦議会の解散を発表した。",
     "cp932", "cp866"),
    ("ゲアハルト・シュレーダードイツ連邦首相に対して7月1日に内閣信任決議が否決されたことに対するもの。", "cp932", "cp866"),
    # Shift_JIS read as cp437, cut by ASCII words into pieces too short to judge alone (é═ is は)
    ("MozillaFoundationは7月19日、ウェブブラウザMozillaFirefoxおよびメールリーダMozillaThunderbirdの"
     "新しいバージョン1.0.6をリリースした。", "cp932", "cp437"),
    # EUC-JP's ） read as GBK is ∷, closing the bracket its line opened
    ("現場はバグダッドから南へ約60km離れた町、ムサイブ（ムサイイブ、AlMusayyib）のガソリンスタンド。", "euc_jp", "gbk"),
    # EUC-JP's 。 read as Big5 is ﹝, at the end of its line
    ("これに対し、メルケル党首は、シュレーダー党首と与党連合は行動を取ることができないだけであると述べている。", "euc_jp", "cp950"),
    # EUC-JP's ー read as GBK is 〖, between katakana
    ("現在、Firefoxは既に日本語版が提供されており、MozillaJapanからダウンロードすることができる。", "euc_jp", "gbk"),
    # ... which names the codec pair of its line, whose kanji are garbled too (思 is 蛔), down to
    # lone letters between kana and digits (妈3 is 第3, 斧え is 見え)
    ("第3ラウンドで思わぬミスに見舞われたため、最終日は混戦ムードになるかに見えた。", "euc_jp", "gbk"),
    # EUC-JP's ・ read as GBK is ˇ, a tone mark, between katakana
    ("セント・キルダ（イギリス）。", "euc_jp", "gbk"),
    ("セント・アンドリュースのコースで、ダブルグランドスラムの偉業を成し遂げた。", "euc_jp", "gbk"),
    # a line garbled whole, its brackets （） read as GBK's ∈ ∷: a pair of brackets names the
    # line's codec pair, whose kanji are garbled (17泣丹据模券山 is 17日気象庁発表)
    ("（17日気象庁発表）。", "euc_jp", "gbk"),
    # lone letters a sentence's repair leaves between digits and ASCII: 7奉19泣の is 7月19日の
    ("7月19日のMozillaZineによれば、先日セキュリティーホールの修正版として1.0.5がリリースされたばかりの"
     "MozillaFirefoxとMozillaThunderbirdに、機能拡張の動作に影響を与える不具合が確認された。", "euc_jp", "gbk"),
]


@pytest.mark.parametrize("sentence, source, reader", SENTENCES, ids=[s[:8] for s, _, _ in SENTENCES])
def test_a_garbled_sentence_of_a_japanese_document_is_restored(ja_docs, sentence, source, reader):
    doc = _document_with(ja_docs, sentence)
    bad = doc.replace(sentence, sentence.encode(source).decode(reader), 1)
    assert bad != doc
    assert fix(bad) == doc


def test_a_lone_letter_in_a_sentence_of_its_own_is_left():
    # (月 of 10月, a common letter, is left by :func:`mojibake._lone_letter_leftover`: its doctest)
    # a lone letter in a sentence of its own, apart from the line's repair, stays too
    assert not mojibake._in_a_repaired_sentence("奉る。黎泣", 0, 1, None, 3)


def test_russian_in_a_japanese_document_is_left_as_written(ja_docs):
    doc = ja_docs[0] + "\nロシア語では ГУГЛ、ГАГАРИН、ГОСТ と書く。\nГАЗ と БМВ。"
    assert changes(doc) == []


def test_signs_whose_place_tells_nothing_are_left(ja_docs):
    base = ja_docs[1]
    for extra in (
        "比は（x∷y）と書き、また（a∷b）とも書く。",  # ∷ written twice, brackets balanced
        "「価格は\n１００＞５０だ」と述べた。",  # a quotation over two lines: ＞ is no 「
        "数式（a≈b",  # nothing re-reads into the bracket ≈ would close
        "彼はこう書いた﹝\n注﹝",  # ﹝ written twice in the document
        "型は f ∷ Int で、x ∈ xs とする。",  # signs written as signs, between blanks
        "元∈集合、比は2∷3とする。",  # nothing between them re-reads into better Japanese
    ):
        doc = base + "\n" + extra
        assert changes(doc) == [], extra


#: a Korean bill read as cp850 whole, each syllable of a table heading on its own line (출 is
#: EC B6 9C, ``ýÂ£``, whose ``Â£`` ftfy takes for £)
KOREAN_BILL = (
    "    가.  재정수반요인  :  부대의 파견경비는 우리 정부의 부담으로 함.\n    나.  비용추계의 전제  :  국군부대의 UAE  "
    "교육훈련 지원 등에 관한 \n파견 동의안\n          ○  파견 연장 기간 :  2011년 1월 1일부터 2012년 12월 31일까지\n"
    "          ○  파견부대 규모 :  150명 이내\n    다.  비용추계의 결과\n                                          "
    "연  도 \n    구  분\n  ◦ 인 건 비\n  ◦ 운 영 비\n소 계 (a)\n-\n소 계 (b)\n지\n출\n수\n입"
)

#: Taiwan's constitution read as cp850 whole: 第 N 條 (``▓─ 77 ▒°``) reads the same through cp437,
#: and 司 (A5 71) is ``Ñq``, one high character with an ASCII trail byte
CONSTITUTION = (
    "第 77 條\n司法院為國家最高司法機關，掌理民事、刑事、行政訴訟之審判及公務員之懲戒。\n第 78 條\n"
    "司法院解釋憲法，並有統一解釋法律及命令之權。\n第 79 條\n司法院設院長、副院長各一人，由總統提名，經監察院同意任命之。\n"
    "司法院設大法官若干人，掌理本憲法第七十八條規定事項，由總統提名，經監察院同意任命之。\n第 80 條\n"
    "法官須超出黨派以外，依據法律獨立審判，不受任何干涉。\n第 81 條\n"
    "法官為終身職，非受刑事或懲戒處分，或禁治產之宣告，不得免職。非依法律，不得停職、轉任或減俸。"
)


def test_a_korean_bill_read_whole_as_cp850_keeps_no_leftover():
    bad = KOREAN_BILL.encode("utf-8").decode("cp850")
    assert "ýÂ£" in bad
    assert fix(bad) == KOREAN_BILL


def test_a_traditional_document_read_whole_as_cp850_keeps_no_leftover():
    bad = CONSTITUTION.encode("cp950").decode("cp850")
    assert "\nÑq" in bad
    assert fix(bad) == CONSTITUTION


def test_explain_reports_what_fix_changes_and_fix_is_stable_on_these_documents(ja_docs):
    from encfix.findings import apply

    for sentence, source, reader in SENTENCES:
        doc = _document_with(ja_docs, sentence)
        bad = doc.replace(sentence, sentence.encode(source).decode(reader), 1)
        once = fix(bad)
        opts = dict(ruby=False, residue=False, punctuation=False)
        assert apply(bad, encfix.explain(bad, **opts)) == once
        assert fix(once) == once


def test_a_rule_of_box_drawing_beside_a_repaired_sentence_stays():
    # ``──`` is cp850's C4 C4, GBK's 哪: on a line where a sentence of GBK read as a code page is
    # repaired, the rule of the clean sentence before it is no leftover of that sentence
    doc = ("宝玉听了，忙问：“什么事？”袭人笑道：“没什么──不过是玩笑。”这一句话说得黛玉心里一动，便不再言语了。\n"
           "次日一早，宝玉便往潇湘馆去。")
    sentence = "这一句话说得黛玉心里一动，便不再言语了。"
    for reader in ("cp850", "cp437", "cp866"):
        bad = doc.replace(sentence, sentence.encode("gbk").decode(reader))
        assert fix(bad) == doc, reader


def test_a_latin_name_beside_a_repaired_sentence_stays():
    doc = "ミュラー（Müller）とオングストローム（Ångström）の名を挙げた。新しいバージョンをリリースした。"
    sentence = "新しいバージョンをリリースした。"
    bad = doc.replace(sentence, sentence.encode("cp932").decode("cp437"))
    assert fix(bad) == doc


#: clean lines whose brackets do not balance (a truncated snippet, a quotation opened on an
#: earlier page) around a sign that another CJK codec makes of a bracket: the sign is the
#: writer's.  A formula's sign stands between ASCII or blanks (∷ of Haskell, ∈, ≧), and ※ of a
#: note, ≒ and ♪ are signs Japanese prose writes beside its words.
UNBALANCED = [
    "型シグネチャ（例: f ∷ Int → Int",
    "比は（2∷3",
    "x ∈ A）",
    "論文『A≧B',",
    "※は原文のまま』と記している。",
    "第一章．\n引用は次の行から‘",  # ‘ is a quotation mark wherever it stands
]


@pytest.mark.parametrize("extra", UNBALANCED)
def test_signs_beside_brackets_that_do_not_balance_are_left(ja_docs, extra):
    for base in ja_docs[:6]:
        doc = base + "\n" + extra
        assert changes(doc) == [], extra
        assert fix(doc) == doc
