"""Japanese documents of issue #4's samples (seeds 4-17 of the bench's generator) that kept a
part of their damage, each garbled the way the bench garbles it (one stretch of the document,
re-read with another codec), and the clean text the same rules must leave:

* a whole line of a code page's characters that is, byte for byte, Shift_JIS or EUC-JP
  (katakana score low by letter, so the search's unigram test turned it away);
* a line of EUC-JP read as GBK, its kana intact and its kanji common Chinese characters;
* one letter left at the edge of a repaired stretch (``反7月19日``: は; ``私風域``: 暴;
  ``1改512,050円``: 個), one Hangul syllable in a Japanese document (``59분。``: 歳), and one
  letter of a short line the document writes elsewhere (``けが客なし。``: けが人なし。).
"""
from __future__ import annotations

import pytest

import encfix
from encfix.config import Config
from encfix.stages import mojibake, mojibake_japanese


def fix(text: str) -> str:
    return encfix.fix_text(text, ruby=False, residue=False, punctuation=False)


def changes(text: str):
    return [(f.kind, f.old, f.new) for f in mojibake.find(text, Config()) if not f.is_flag]


EUCJP_AS_GBK_LINE = (
    '運転席は窓ガラスが割れていた。\nその後、この男性の死亡が確認された。\n死亡した男性は、奈良県上牧町、47才の会社員と見られている。\n涟稿のガラスには腆10cmの逢が鄂いており、捐脱贾の稿数500mに、墓さ2.5m、吕さ4cmの逞亨が皖ちていた。\nこのことから、大阪府警は、走行中に車両の荷台から落下した鉄パイプが、この車に突き刺さり男性を直撃したものとみており、業務上過失致死の疑いで鉄パイプを落とした車両を探している。\n19日、米ジョージ・W・ブッシュ大統領は、ジョン・G・ロバーツ・ジュニア判事(50）を米連邦最高裁判事に指名したと発表した。',
    '運転席は窓ガラスが割れていた。\nその後、この男性の死亡が確認された。\n死亡した男性は、奈良県上牧町、47才の会社員と見られている。\n前後のガラスには約10cmの穴が空いており、乗用車の後方500mに、長さ2.5m、太さ4cmの角材が落ちていた。\nこのことから、大阪府警は、走行中に車両の荷台から落下した鉄パイプが、この車に突き刺さり男性を直撃したものとみており、業務上過失致死の疑いで鉄パイプを落とした車両を探している。\n19日、米ジョージ・W・ブッシュ大統領は、ジョン・G・ロバーツ・ジュニア判事(50）を米連邦最高裁判事に指名したと発表した。',
)

EUCJP_AS_CP866_LINE = (
    'フレーデフォート・ドーム（南アフリカ）。\nワジ・アル＝ヒタンの鯨渓谷（エジプト）。\n知床（日本）。\n└╛е╬еыежезб╝д╬е╒егешеые╔бвемедещеєе▓еыбже╒егешеые╔дкдшд╙е╩б╝еыекедбже╒егешеые╔б╩е╬еыежезб╝б╦бг\nカリフォルニア湾の諸島および保護地域（メキシコ）。\nドンパヤーイェン――カオヤイ森林地帯（タイ）。',
    'フレーデフォート・ドーム（南アフリカ）。\nワジ・アル＝ヒタンの鯨渓谷（エジプト）。\n知床（日本）。\n西ノルウェーのフィヨルド、ガイランゲル・フィヨルドおよびナールオイ・フィヨルド（ノルウェー）。\nカリフォルニア湾の諸島および保護地域（メキシコ）。\nドンパヤーイェン――カオヤイ森林地帯（タイ）。',
)

SJIS_AS_CP850_LINE = (
    '1999年に入門。\n幕内在位27場所、優勝12回。\n2002年1月に横綱に昇進した。\nïıëóÅBé═âuâïâKâèâAüEâxâèâRâ^âìâmâ{ÅoÉgüAû{û╝âJâìâäâôüEâXâeâtâ@âmâtüEâ}ânâèâââmâtüB\n2002年に入門、2005年3月に小結に昇格した。\n初土俵から入幕まで11場所は史上最速である。',
    '1999年に入門。\n幕内在位27場所、優勝12回。\n2002年1月に横綱に昇進した。\n琴欧州はブルガリア・ベリコタロノボ出身、本名カロヤン・ステファノフ・マハリャノフ。\n2002年に入門、2005年3月に小結に昇格した。\n初土俵から入幕まで11場所は史上最速である。',
)

EUCJP_AS_BIG5_FIRST_LETTER = (
    '店頭においてCEROレーティングに関する啓発を要請する。\nこれらの自主規制は、今後各ゲーム販売店舗において順次行われる予定である。\nしかし、あくまで自主規制であり、規制の開始時期や具体的な行動内容については、各店舗に一任されることになる。\nMozillaFoundation反7畸19ゥ﹜它尼皮皮仿它扒MozillaFirefox云方太丟□伙伉□母MozillaThunderbird及蕙仄中田□斥亦件1.0.6毛伉伉□旦仄凶﹝\n両ソフトとも7月12日にバージョン1.0.5をリリースしたばかりだが、1.0.5での機能拡張関係のAPIの仕様変更により一部の機能拡張が機能しなくなったため、これを修正した新バージョンを間を空けずにリリースした。\n英語版以外の各国語版では1.0.5をリリースしなかったため、今回が2ヶ月ぶりのバージョンアップとなる。',
    '店頭においてCEROレーティングに関する啓発を要請する。\nこれらの自主規制は、今後各ゲーム販売店舗において順次行われる予定である。\nしかし、あくまで自主規制であり、規制の開始時期や具体的な行動内容については、各店舗に一任されることになる。\nMozillaFoundationは7月19日、ウェブブラウザMozillaFirefoxおよびメールリーダMozillaThunderbirdの新しいバージョン1.0.6をリリースした。\n両ソフトとも7月12日にバージョン1.0.5をリリースしたばかりだが、1.0.5での機能拡張関係のAPIの仕様変更により一部の機能拡張が機能しなくなったため、これを修正した新バージョンを間を空けずにリリースした。\n英語版以外の各国語版では1.0.5をリリースしなかったため、今回が2ヶ月ぶりのバージョンアップとなる。',
)

EUCJP_AS_GBK_FIRST_LETTER = (
    'マブチモーター（前身、東京科学工業）の創業者で社長も務め、平成10年からは名誉会長を務めていた。\n大型で非常に強いとされる台風第5号「ハイタン」（第0505号）は、17日午後11時現在石垣島の南南西約130kmの海上にあって西北西に進んでいる。\n18日午後9時頃には台湾に上陸の見込み。\n私慎拌にある箔旗俯弟概喷孟数、痊脚怀孟数には、羔稿11箕30尸附哼、私慎侨喜焚鼠が叫ている。\n第135回全英オープンゴルフ選手権大会が7月14～17日にイギリス・スコットランド地方のセント・アンドリュース・ロイヤル&エンシェント・ゴルフクラブ・オールドコースを会場に開かれ、アメリカのタイガー・ウッズ選手が生涯2回目のグランドスラム（ダブルグランドスラム）を達成した。\nウッズは初日から首位をキープし、メジャーでは3度目の“完全優勝”を達成。',
    'マブチモーター（前身、東京科学工業）の創業者で社長も務め、平成10年からは名誉会長を務めていた。\n大型で非常に強いとされる台風第5号「ハイタン」（第0505号）は、17日午後11時現在石垣島の南南西約130kmの海上にあって西北西に進んでいる。\n18日午後9時頃には台湾に上陸の見込み。\n暴風域にある沖縄県宮古島地方、八重山地方には、午後11時30分現在、暴風波浪警報が出ている。\n第135回全英オープンゴルフ選手権大会が7月14～17日にイギリス・スコットランド地方のセント・アンドリュース・ロイヤル&エンシェント・ゴルフクラブ・オールドコースを会場に開かれ、アメリカのタイガー・ウッズ選手が生涯2回目のグランドスラム（ダブルグランドスラム）を達成した。\nウッズは初日から首位をキープし、メジャーでは3度目の“完全優勝”を達成。',
)

EUCJP_AS_GBK_KANJI_AMONG_KANA = (
    'それを答に庶流する弛妒を浮皮するというものである。\n視聴者アンケートに関しては、2004年度も出場歌手選考のために世論調査によるアンケートをとったものの、上位に食い込んでいた松任谷由実、サザンオールスターズ、柴咲コウらが出場を拒んだり、また一部では歌手の順位付けは不快とする意見もあった。\nフジテレビ社員と飲酒、補導された18才少年が演じていた役の代役が19日決まった。',
    'それを基に放送する楽曲を検討するというものである。\n視聴者アンケートに関しては、2004年度も出場歌手選考のために世論調査によるアンケートをとったものの、上位に食い込んでいた松任谷由実、サザンオールスターズ、柴咲コウらが出場を拒んだり、また一部では歌手の順位付けは不快とする意見もあった。\nフジテレビ社員と飲酒、補導された18才少年が演じていた役の代役が19日決まった。',
)

EUCJP_AS_GBK_LETTER_AS_ON_ITS_LINE = (
    '米Intelは7月18日（米国時間）、FSB（フロントサイドバス）クロックを従来の400MHzから667MHzに引き上げたItanium2プロセッサ2種類を発表した。\nまたそれに伴い、日本法人のインテル株式会社は7月19日に都内で記者会見を行った。\n新しいItanium2はFSBクロックの上昇に伴い、システムバスの帯域幅が従来の6.4GB/secから10.6GB/secへと引き上げられたほか、CPUのコアクロックも1.66GHz（従来は1.60GHzが最高）に若干ながら引き上げられている。\nなお澜墒擦呈は、1000改ロットの眷圭でキャッシュが9Mバイトのものが1改512,050边、票じくキャッシュが6Mバイトのものが241,340边となっている。\nまた日立製作所は、同社が昨年9月に発表したエンタープライズサーバプラットフォーム「BladeSymphony」用にこの新しいItanium2を搭載したブレードを開発し、7月29日より出荷を開始すると発表した。\nこの新ブレードは日立が自社開発したFSB667MHz対応の新チップセットを搭載している。',
    '米Intelは7月18日（米国時間）、FSB（フロントサイドバス）クロックを従来の400MHzから667MHzに引き上げたItanium2プロセッサ2種類を発表した。\nまたそれに伴い、日本法人のインテル株式会社は7月19日に都内で記者会見を行った。\n新しいItanium2はFSBクロックの上昇に伴い、システムバスの帯域幅が従来の6.4GB/secから10.6GB/secへと引き上げられたほか、CPUのコアクロックも1.66GHz（従来は1.60GHzが最高）に若干ながら引き上げられている。\nなお製品価格は、1000個ロットの場合でキャッシュが9Mバイトのものが1個512,050円、同じくキャッシュが6Mバイトのものが241,340円となっている。\nまた日立製作所は、同社が昨年9月に発表したエンタープライズサーバプラットフォーム「BladeSymphony」用にこの新しいItanium2を搭載したブレードを開発し、7月29日より出荷を開始すると発表した。\nこの新ブレードは日立が自社開発したFSB667MHz対応の新チップセットを搭載している。',
)

EUCJP_AS_EUCKR_LONE_SYLLABLE = (
    '91歳だった。\nフィッツジェラルドさんはアイルランド出身。\n旧東京協和信用組合元理事長で背任罪に問われていた高橋治則さんが18日、死去した。\n59분。\n高橋さんは、旧東京協和、安全両信用組合から、自身が社長を務めるリゾート開発会社イ・アイ・イ―インターナショナルに不正融資した疑いで、1995年6月に背任罪で東京地裁に起訴された。',
    '91歳だった。\nフィッツジェラルドさんはアイルランド出身。\n旧東京協和信用組合元理事長で背任罪に問われていた高橋治則さんが18日、死去した。\n59歳。\n高橋さんは、旧東京協和、安全両信用組合から、自身が社長を務めるリゾート開発会社イ・アイ・イ―インターナショナルに不正融資した疑いで、1995年6月に背任罪で東京地裁に起訴された。',
)

EUCJP_AS_GBK_LINE_WRITTEN_ELSEWHERE = (
    '足立区では熱湯がかかりやけどをしたという通報があったとの情報。\n目黒区の民家では火災が発生。\nけが客なし。\n江戸川区では鉄塔が倒れ高圧線が落下。\n隣家の屋根などが焦げたがけが人はなし。\n江東区の立体駐車場で2階から乗用車が地上に落ちた。\nけが人なし。',
    '足立区では熱湯がかかりやけどをしたという通報があったとの情報。\n目黒区の民家では火災が発生。\nけが人なし。\n江戸川区では鉄塔が倒れ高圧線が落下。\n隣家の屋根などが焦げたがけが人はなし。\n江東区の立体駐車場で2階から乗用車が地上に落ちた。\nけが人なし。',
)


@pytest.mark.parametrize("damaged, original", [
    SJIS_AS_CP850_LINE, EUCJP_AS_CP866_LINE, EUCJP_AS_GBK_LINE, EUCJP_AS_GBK_KANJI_AMONG_KANA,
    EUCJP_AS_BIG5_FIRST_LETTER, EUCJP_AS_GBK_FIRST_LETTER, EUCJP_AS_GBK_LETTER_AS_ON_ITS_LINE,
    EUCJP_AS_EUCKR_LONE_SYLLABLE, EUCJP_AS_GBK_LINE_WRITTEN_ELSEWHERE,
], ids=["sjis-as-cp850 line", "eucjp-as-cp866 line", "eucjp-as-gbk line", "eucjp-as-gbk kanji among kana",
        "eucjp-as-big5 first letter", "eucjp-as-gbk first letter", "eucjp-as-gbk letter as on its line",
        "eucjp-as-euckr lone syllable", "eucjp-as-gbk short line written elsewhere"])
def test_the_samples_misses_are_restored(damaged, original):
    assert fix(damaged) == original
    assert fix(original) == original


def test_a_code_page_line_is_one_repair_named_by_its_pair():
    found = changes(SJIS_AS_CP850_LINE[0])
    assert [(kind, new) for kind, _old, new in found] == [
        ("mojibake.sjis-as-cp850", "琴欧州はブルガリア・ベリコタロノボ出身、本名カロヤン・ステファノフ・マハリャノフ。")]
    found = changes(EUCJP_AS_CP866_LINE[0])
    assert [kind for kind, _old, _new in found] == ["mojibake.eucjp-as-cp866"]


def test_a_kanji_line_among_kana_is_one_repair_and_licenses_no_other_line():
    # one repair for the stretch: four runs of kanji are no licence for the document's pair
    # (which would re-read every clean line with a kanji GBK writes)
    doc = EUCJP_AS_GBK_KANJI_AMONG_KANA[0]
    assert changes(doc) == [("mojibake.eucjp-as-gbk", "答に庶流する弛妒を浮皮", "基に放送する楽曲を検討")]


@pytest.mark.parametrize("text", [
    # Simplified words quoted in a Japanese line: GBK's characters, but the re-read kanji are no
    # Japanese (and one word is not many runs)
    "中国のスローガン「积极推动」「发展经济」「稳定」について、記者は次のように書いた。",
    "中国語で「谢谢」は「ありがとう」、「对不起」は「すみません」という意味です。",
    "北京の友人は「我们一起去吧」と言ったが、私は「还没有时间」と答えた。",
    # a Korean word, and a Korean age, in Japanese text: Hangul that is Korean
    "韓国語の「김치」はキムチのことです。",
    "容疑者のキム・ミンス(23세)は、19歳のときに来日した。",
    # a French line in a Japanese document: Latin-1 letters, no Japanese codec's text
    "フランス語の例文です。\nÇa coûte 5 €, à côté de la gare.\n以上です。",
    "ドイツ語: Größe, Übung, Ärger。\nロシア語: Москва — столица России。",
])
def test_clean_japanese_quoting_other_languages_stays(text):
    assert changes(text) == []
    assert fix(text) == text


def test_a_letter_next_to_a_repair_needs_its_own_evidence():
    # 第 before ``7`` and a garbled month: re-read it would be no common letter that reads better
    line, _ = EUCJP_AS_BIG5_FIRST_LETTER
    clean = line.replace("MozillaFoundation反7", "MozillaFoundation第7")
    assert "第7月19日" in fix(clean)


def test_kana_beside_chinese_finds_what_its_pattern_finds():
    # (found from the Chinese characters, for speed: the same spans as the pattern's)
    import random

    rng = random.Random(7)
    alphabet = "かなカナー钳辉爬的中、 a"
    texts = [damaged for damaged, _ in (EUCJP_AS_GBK_LINE, EUCJP_AS_GBK_KANJI_AMONG_KANA, EUCJP_AS_GBK_FIRST_LETTER)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 24))) for _ in range(3000)]
    pattern = mojibake_japanese._kana_beside_chinese_re()
    for text in texts:
        assert mojibake_japanese._kana_beside_chinese(text) == [m.span() for m in pattern.finditer(text)], text


def test_a_short_line_needs_its_twin_written_elsewhere():
    damaged, original = EUCJP_AS_GBK_LINE_WRITTEN_ELSEWHERE
    alone = damaged.replace("\nけが人なし。", "")
    assert "けが客なし。" in fix(alone)  # (no twin: 客 is a common letter, and stays)
    twice = damaged.replace("けが客なし。", "けが客なし。\nけが客なし。")
    assert "けが客なし。\nけが客なし。" in fix(twice)  # (written twice as it is: the document's own)
