"""Safe file I/O and streaming: atomic writes, binary sniffing, output encoding, block regrouping."""
from __future__ import annotations

import errno
import gzip
import io
import os
import stat
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import encfix
from encfix import streaming
from encfix.config import Config
from encfix.findings import apply, with_positions
from encfix.io import (
    AtomicWriter,
    FileError,
    PrefixedReader,
    UnencodableError,
    encode_chunks,
    expand,
    looks_binary,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "samples" / "seed-zh-news-crawl.txt").read_text(encoding="utf-8")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def temp_files(folder: Path):
    return [p.name for p in folder.iterdir() if p.name.endswith(".encfix-tmp")]


# --- binary or text ------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "gb18030", "big5", "utf-16", "utf-8-sig"])
def test_text_in_any_encoding_is_not_binary(codec):
    text = SEED if codec != "big5" else "區域測試，中華民國憲法。\n" * 50
    data = text.encode(codec, errors="ignore") if codec == "big5" else text.encode(codec)
    assert not looks_binary(data[:8192])


def test_english_in_utf16_without_bom_is_not_binary():
    text = "The quick brown fox, line 1\nand line 2\n" * 40
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        assert not looks_binary(text.encode(codec)[:8192]), codec


def test_real_binary_files_are_binary(tmp_path):
    # The interpreter itself, a gzip stream, a zip archive, compiled bytecode.
    assert looks_binary(Path(os.path.realpath(sys.executable)).read_bytes()[:8192])
    assert looks_binary(gzip.compress(SEED.encode("utf-8"))[:8192])
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("seed.txt", SEED)
    assert looks_binary(archive.read_bytes()[:8192])
    import importlib.util

    pyc = importlib.util.cache_from_source(encfix.__file__)
    if os.path.exists(pyc):
        assert looks_binary(Path(pyc).read_bytes()[:8192])


def test_a_stray_nul_inside_text_is_still_text():
    assert not looks_binary(("區域，測試\x00" + SEED).encode("utf-8")[:8192])
    assert not looks_binary(b"")


def test_conformance_files_are_text(shared_dir):
    folder = shared_dir / "conformance" / "charset-normalizer"
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix not in (".md",) and p.name != "LICENSE"]
    assert files
    for path in files:
        assert not looks_binary(path.read_bytes()[:8192]), path.name


# --- atomic writes -------------------------------------------------------------------------

def test_atomic_write_replaces_whole_file_and_keeps_mode(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    with AtomicWriter(str(target)) as out:
        out.write(b"new ")
        out.write(b"text\n")
    assert target.read_bytes() == b"new text\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert temp_files(tmp_path) == []


def test_new_file_gets_the_usual_permissions(tmp_path):
    target = tmp_path / "new.txt"
    with AtomicWriter(str(target)) as out:
        out.write(b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize("exc", [RuntimeError("boom"), KeyboardInterrupt()])
def test_failure_midway_leaves_original_and_no_temp_file(tmp_path, exc):
    target = tmp_path / "a.txt"
    target.write_bytes(b"original\n")
    with pytest.raises(type(exc)):
        with AtomicWriter(str(target)) as out:
            out.write(b"half of the new")
            assert temp_files(tmp_path)  # the new text goes to a temporary file beside it
            raise exc
    assert target.read_bytes() == b"original\n"
    assert temp_files(tmp_path) == []


def test_full_disk_is_a_clear_error(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_bytes(b"original\n")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FileError) as info:
        with AtomicWriter(str(target)) as out:
            out.write(b"new text\n")
    assert "no space left" in str(info.value) and "untouched" in str(info.value)
    assert target.read_bytes() == b"original\n"
    assert temp_files(tmp_path) == []


def test_read_only_file_is_refused(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"original\n")
    target.chmod(0o444)
    with pytest.raises(FileError, match="read-only"):
        with AtomicWriter(str(target)) as out:
            out.write(b"new\n")
    assert target.read_bytes() == b"original\n"
    assert temp_files(tmp_path) == []


def test_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "a.txt"
    target.write_bytes(b"original\n")
    folder.chmod(0o555)
    try:
        with pytest.raises(FileError, match="read-only"):
            with AtomicWriter(str(target)) as out:
                out.write(b"new\n")
        assert target.read_bytes() == b"original\n"
        assert temp_files(folder) == []
    finally:
        folder.chmod(0o755)


def test_symlink_stays_a_link_and_its_target_is_rewritten(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    with AtomicWriter(str(link), backup=".orig") as out:
        out.write(b"new\n")
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_bytes() == b"new\n"
    assert (tmp_path / "real.txt.orig").read_bytes() == b"old\n"  # the backup sits beside the target


def test_backup_keeps_the_original(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    (tmp_path / "a.txt.bak").write_bytes(b"older backup\n")
    with AtomicWriter(str(target), backup=".bak") as out:
        out.write(b"new\n")
    assert target.read_bytes() == b"new\n"
    assert (tmp_path / "a.txt.bak").read_bytes() == b"old\n"
    assert temp_files(tmp_path) == []


def test_same_content_leaves_the_file_alone(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"same\n")
    before = target.stat()
    with AtomicWriter(str(target), backup=".orig", skip_if_same=True) as out:
        out.write(b"same\n")
    after = target.stat()
    assert not out.changed
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert not (tmp_path / "a.txt.orig").exists()
    assert temp_files(tmp_path) == []


@pytest.mark.skipif(not IS_ROOT, reason="giving a file to another owner needs root")
def test_owner_is_kept(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    os.chown(target, 12345, 23456)
    with AtomicWriter(str(target)) as out:
        out.write(b"new\n")
    st_ = target.stat()
    assert (st_.st_uid, st_.st_gid) == (12345, 23456)


def test_hard_links_are_reported(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    os.link(target, tmp_path / "b.txt")
    with AtomicWriter(str(target)) as out:
        out.write(b"new\n")
    assert any("hard links" in w for w in out.warnings)


def test_folder_is_not_a_target(tmp_path):
    with pytest.raises(FileError, match="folder"):
        with AtomicWriter(str(tmp_path)):
            pass


# --- inputs --------------------------------------------------------------------------------

def test_prefixed_reader_gives_the_head_then_the_rest():
    raw = io.BytesIO(b"0123456789")
    head = raw.read(4)
    reader = io.BufferedReader(PrefixedReader(head, raw))
    assert reader.read(2) + reader.read() == b"0123456789"


def test_expand_walks_folders_and_reports_the_rest(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / "link.txt").symlink_to("1.txt")
    errors = []
    found = list(expand([str(tmp_path), str(tmp_path / "missing")], True, errors))
    assert [os.path.relpath(p, tmp_path) for p in found] == ["1.txt", os.path.join("b", "2.txt"), "missing"]
    errors_without_r = []
    assert list(expand([str(tmp_path)], False, errors_without_r)) == []
    assert "use -r" in str(errors_without_r[0])


# --- output encoding -----------------------------------------------------------------------

def test_utf16_output_has_one_bom_across_chunks():
    data = b"".join(encode_chunks(["區域\n", "測試\n"], "utf-16"))
    assert data.decode("utf-16") == "區域\n測試\n"
    assert data.count(b"\xff\xfe") + data.count(b"\xfe\xff") == 1


def test_lone_surrogates_round_trip_in_utf8():
    raw = b"abc\xff\xfe def\n"
    text = raw.decode("utf-8", "surrogateescape")
    assert b"".join(encode_chunks([text])) == raw


def test_unencodable_character_names_its_line():
    with pytest.raises(UnencodableError) as info:
        b"".join(encode_chunks(["abc\n", "def\nghi 區\n"], "latin-1"))
    assert info.value.line == 3 and info.value.char == "區"


# --- streaming -----------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="ab,\n\r 。區", max_size=40), max_size=12), st.integers(min_value=1, max_value=16))
def test_blocks_give_back_the_text_and_respect_the_size(pieces, size):
    out = list(streaming.blocks(pieces, max_block=size))
    assert "".join(out) == "".join(pieces)
    assert all(0 < len(b) <= size for b in out)
    for left, right in zip(out, out[1:]):
        # "\r\n" is never split unless a single character block forces it
        assert not (left.endswith("\r") and right.startswith("\n") and size > 1)


def test_blocks_end_at_line_breaks_when_there_are_any():
    lines = [f"第{i}行，區域測試 line {i}\n" for i in range(2000)]
    out = list(streaming.blocks(lines, max_block=1000))
    assert all(b.endswith("\n") for b in out)
    assert "".join(out) == "".join(lines)


def test_a_huge_line_is_cut_in_bounded_blocks():
    line = "區域測試。" * 50_000  # one 250,000-character line
    out = list(streaming.blocks([line], max_block=10_000))
    assert "".join(out) == line
    assert max(map(len, out)) <= 10_000
    assert all(b.endswith("。") for b in out)  # cut after a sentence end, not inside a word


def _damaged_document(lines: int) -> str:
    seed_lines = [line for line in SEED.splitlines(keepends=True) if line.strip()]
    body = "".join(seed_lines[i % len(seed_lines)] for i in range(lines))
    return body


def test_fix_chunks_matches_fix_text_across_block_boundaries(monkeypatch):
    text = _damaged_document(12)
    expected = encfix.fix_text(text)
    monkeypatch.setattr(streaming, "MAX_BLOCK", 700)
    monkeypatch.setattr(streaming, "PARAGRAPH_FROM", 350)
    assert len(list(streaming.blocks([text]))) >= 3
    assert "".join(streaming.fix_chunks([text], Config())) == expected


def test_explain_chunks_keeps_offsets_and_lines_of_the_whole_text(monkeypatch):
    text = _damaged_document(12).replace("\n", "\r\n")
    whole = encfix.explain(text)
    monkeypatch.setattr(streaming, "MAX_BLOCK", 700)
    monkeypatch.setattr(streaming, "PARAGRAPH_FROM", 350)
    pieces = [text[i:i + 97] for i in range(0, len(text), 97)]
    fixed, found = [], []
    for block_fixed, block_found in streaming.explain_chunks(pieces, Config()):
        fixed.append(block_fixed)
        found.extend(block_found)
    assert found, "the seed lines hold damage"
    for f in found:
        assert text[f.start:f.end] == f.old
    assert found == with_positions(text, found)  # line/column are those of the whole text
    assert apply(text, found) == "".join(fixed) == encfix.fix_text(text)
    assert [(f.start, f.kind) for f in found] == [(f.start, f.kind) for f in whole]


def test_explain_chunks_columns_continue_across_a_cut_inside_a_line(monkeypatch):
    text = ("區域測試" * 40 + "區(qū)域,,測試") + "\n"
    monkeypatch.setattr(streaming, "MAX_BLOCK", 64)
    found = [f for _, fs in streaming.explain_chunks([text], Config()) for f in fs]
    assert found
    assert found == with_positions(text, found)


@pytest.mark.parametrize("module", ["encfix.io", "encfix.streaming", "encfix.cli.common", "encfix.cli.check", "encfix.cli.detect", "encfix.cli.fix"])
def test_doctests(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
