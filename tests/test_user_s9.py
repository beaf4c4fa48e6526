"""What a demanding user met in encfix 0.1.0 (session 9, acceptance testing), kept as regressions.

Each test is a thing a user did -- a folder fixed in place with a forced codec, a UTF-16 file from
Notepad, output redirected to a full disk, a corrupt shard in a crawl -- and asserts what they must
get: their data untouched, a one-line error that names the file and says what to do, exit status 2.
"""
from __future__ import annotations

import codecs
import errno
import gzip
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import encfix
from encfix.cli import common
from encfix.cli.app import _register, app

_register()

DAMAGED = "隨著疫情防控轉入常態化,,要堅決克服松懈心態。\r\n第二行,測試(qū)文字。\r\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200) + b"IHDR\x00\x00\x01\x00"


def invoke(*args, input=None):
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def one_line_error(result, *words) -> str:
    lines = [line for line in result.stderr.splitlines() if line.startswith("encfix: error:")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# --- encfix fix -r --in-place -e ENC: a picture in the folder is not text -------------------------

def test_forced_encoding_does_not_rewrite_binary_files_met_in_a_folder(tmp_path):
    folder = tmp_path / "legacy"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(DAMAGED.encode("gb18030"))
    (folder / "sub" / "logo.png").write_bytes(PNG)
    (folder / "sub" / "data.bin").write_bytes(bytes(range(256)) * 8)

    result = invoke("fix", "-r", "--in-place", "-e", "gb18030", folder)

    assert result.exit_code == 0, result.stderr
    assert (folder / "sub" / "logo.png").read_bytes() == PNG
    assert (folder / "sub" / "data.bin").read_bytes() == bytes(range(256)) * 8
    assert "skipped" in result.stderr and "logo.png" in result.stderr
    assert (folder / "a.txt").read_bytes() == encfix.fix_text(DAMAGED).encode("utf-8")


def test_forced_encoding_still_reads_bom_less_utf16_met_in_a_folder(tmp_path):
    # The user forced the codec because detection cannot see BOM-less UTF-16 of Chinese text:
    # such a file is text in that codec, not binary.
    (tmp_path / "notes.txt").write_bytes(DAMAGED.encode("utf-16-le"))
    result = invoke("fix", "-r", "-e", "utf-16-le", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode("utf-8") == encfix.fix_text(DAMAGED)


# --- UTF-16/32 with a byte-order mark is text ----------------------------------------------------

@pytest.mark.parametrize("codec, bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
])
def test_utf16_and_utf32_files_with_a_bom_are_fixed_and_checked(tmp_path, codec, bom):
    path = tmp_path / "notepad.txt"
    path.write_bytes(bom + DAMAGED.encode(codec))

    fixed = invoke("fix", path)
    assert fixed.exit_code == 0, fixed.stderr
    assert fixed.stdout_bytes.decode("utf-8") == encfix.fix_text(DAMAGED)

    checked = invoke("check", path)
    assert checked.exit_code == 1, checked.stderr
    assert "punct.stacked" in checked.stdout and "ruby.pinyin" in checked.stdout

    piped = invoke("fix", input=path.read_bytes())
    assert piped.exit_code == 0, piped.stderr
    assert piped.stdout_bytes.decode("utf-8") == encfix.fix_text(DAMAGED)


def test_large_utf16_file_with_a_bom_is_streamed(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "WHOLE_LIMIT", 4096)  # this input is "large": streamed in pieces
    text = DAMAGED * 200
    path = tmp_path / "big.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    result = invoke("fix", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode("utf-8") == encfix.fix_text(text)


def test_in_place_on_utf16_rewrites_it_as_utf8_and_says_so(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + DAMAGED.encode("utf-16-le"))
    result = invoke("fix", "--in-place", path)
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes().decode("utf-8") == encfix.fix_text(DAMAGED)
    assert "UTF-8" in result.stderr


@pytest.mark.parametrize("codec, text", [
    ("shift_jis", "日本語のテキストです。東京都に住んでいます。\r\n"),
    ("euc-kr", "한국어 텍스트입니다. 서울에 살고 있습니다.\n"),
    ("big5", "中華民國憲法第一條。\n"),
])
def test_in_place_leaves_a_clean_legacy_file_in_its_own_codec(tmp_path, codec, text):
    # "A file that needs no repair is not touched": a clean Shift_JIS file other programs read
    # as Shift_JIS must not come back as UTF-8 because encfix looked at it.
    path = tmp_path / "clean.txt"
    data = text.encode(codec)
    path.write_bytes(data)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    assert encfix.fix_text(text) is text or encfix.fix_text(text) == text
    result = invoke("fix", "-r", "--in-place", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == data
    assert path.stat().st_mtime == 1_000_000_000
    assert "rewritten" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_in_place_on_a_named_pipe_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code = "import sys; from encfix.cli.app import main; sys.argv[0] = 'encfix'; main()"
    # Before: opening the pipe to read it waited for a writer that never came.
    done = subprocess.run([sys.executable, "-c", code, "fix", "--in-place", str(fifo)],
                          capture_output=True, timeout=30)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert err.startswith(f"encfix: error: {fifo}: not a regular file") and "-o" in err


def test_in_place_on_a_large_legacy_file_says_it_is_now_utf8_or_leaves_it(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "WHOLE_LIMIT", 4096)  # these files are "large": streamed in pieces
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(("示范区认真组织收听收看,,并随即召开专业会议。\n" * 400).encode("gbk"))
    clean = tmp_path / "clean.txt"
    clean_bytes = ("今天天气很好，我们去公园散步吧。\n" * 400).encode("gbk")
    clean.write_bytes(clean_bytes)
    result = invoke("fix", "--in-place", damaged, clean)
    assert result.exit_code == 0, result.stderr
    assert damaged.read_bytes() == ("示范区认真组织收听收看，并随即召开专业会议。\n" * 400).encode("utf-8")
    assert f"{damaged}: rewritten in UTF-8 (it was gb18030)" in result.stderr
    assert clean.read_bytes() == clean_bytes
    assert str(clean) not in result.stderr


# --- the standard output is a full disk ----------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_full_disk_on_stdout_is_one_line_and_status_2(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(DAMAGED * 50, encoding="utf-8")
    code = "import sys; from encfix.cli.app import main; sys.argv[0] = 'encfix'; main()"
    with open("/dev/full", "wb") as full:  # encfix fix page.txt > /dev/full
        done = subprocess.run([sys.executable, "-c", code, "fix", str(path)], stdout=full,
                              stderr=subprocess.PIPE, timeout=120)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("encfix: error: <stdout>: no space left"), err


class _FullDisk:
    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self):
        pass


@pytest.mark.parametrize("command", [["check"], ["detect"], ["fix", "--diff"], ["check", "--format", "json"]])
def test_every_command_reports_a_full_stdout_in_one_line(tmp_path, monkeypatch, command):
    path = tmp_path / "page.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    monkeypatch.setattr(common, "stdout_bytes", lambda: _FullDisk())
    result = invoke(*command, path)
    assert result.exit_code == 2
    one_line_error(result, "<stdout>", "no space left")


# --- tail -f | encfix fix --line-buffered ---------------------------------------------------------

def test_line_buffered_writes_each_line_before_the_input_ends():
    # Without --line-buffered nothing is written before 4 MB or the end of input: no use behind
    # tail -f.  With it, a line comes back while the writer still holds the pipe open.
    code = "import sys; from encfix.cli.app import main; sys.argv[0] = 'encfix'; main()"
    proc = subprocess.Popen([sys.executable, "-c", code, "fix", "--line-buffered"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write("區(qū)域,,測試\n".encode("utf-8"))
        proc.stdin.flush()
        ready = select.select([proc.stdout], [], [], 60)[0]
        assert ready, "no line came back while the input was still open"
        assert proc.stdout.readline().decode("utf-8") == "區域，測試\n"
        proc.stdin.write("第二行是GBK编码的文字,,测试。\n".encode("gbk"))
        proc.stdin.close()
        assert proc.stdout.read().decode("utf-8") == "第二行是GBK编码的文字，测试。\n"
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        for stream in (proc.stdout, proc.stderr):
            stream.close()


def test_line_buffered_output_matches_fix_line_by_line():
    seed = (Path(__file__).resolve().parent.parent / "samples" / "seed-zh-news-crawl.txt").read_bytes()
    data = codecs.BOM_UTF8 + seed.replace(b"\n", b"\r\n")
    result = invoke("fix", "--line-buffered", input=data)
    assert result.exit_code == 0, result.stderr
    lines = data[3:].decode("utf-8").splitlines(keepends=True)
    assert result.stdout_bytes == codecs.BOM_UTF8 + "".join(encfix.fix_text(line) for line in lines).encode("utf-8")


def test_line_buffered_keeps_the_codec_of_earlier_lines():
    # Two characters alone are too short to tell Big5 from GBK (測試 in Big5 reads as GBK's 代刚):
    # a line that decodes in the legacy codec an earlier line was detected in is read in it.
    text = "中文資料\n資料\n測試\n台北\n"
    result = invoke("fix", "--line-buffered", input=text.encode("big5"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode("utf-8") == text


@pytest.mark.parametrize("args, data, words", [
    (["page.txt"], b"", ["--line-buffered", "drop the file paths"]),
    (["--in-place", "page.txt"], b"", ["--line-buffered"]),
    ([], codecs.BOM_UTF16_LE + "區域\n".encode("utf-16-le"), ["UTF-16"]),
    ([], PNG, ["binary"]),
])
def test_line_buffered_refuses_what_it_cannot_do(args, data, words):
    result = invoke("fix", "--line-buffered", *args, input=data)
    assert result.exit_code == 2
    one_line_error(result, *words)
    assert result.stdout_bytes == b""


@pytest.mark.skipif(os.name != "posix", reason="closes a descriptor before the child starts")
def test_closed_stdin_and_stdout_are_one_line_errors(tmp_path):
    # A cron job or daemon may start encfix with standard input or output closed (<&-, >&-).
    page = tmp_path / "page.txt"
    page.write_text(DAMAGED, encoding="utf-8")
    code = "import sys; from encfix.cli.app import main; sys.argv[0] = 'encfix'; main()"
    for fd, args, what in [(0, ["check"], "standard input is closed"),
                           (1, ["fix", str(page)], "standard output is closed")]:
        done = subprocess.run([sys.executable, "-c", code, *args], stderr=subprocess.PIPE, timeout=60,
                              preexec_fn=lambda fd=fd: os.close(fd))
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 2, err
        assert "Traceback" not in err and what in err and len(err.strip().splitlines()) == 1, err


# --- help examples work as written ---------------------------------------------------------------

def test_check_help_example_prints_a_newline_not_a_backslash():
    # printf '...\\n' prints a backslash and an n: the example must read '...\n' like fix's.
    shown = invoke("check", "--help").stdout
    assert "printf '區(qū)域,,測試\\n' | encfix check" in shown
    assert "\\\\n" not in shown


# --- encfix corpus: bad shards and outputs are one line, exit 2 -----------------------------------

def _records(n=5) -> bytes:
    return b"".join(b'{"id": %d, "text": "\xe5\x8d\x80(q\xc5\xab)\xe5\x9f\x9f,,"}\n' % i for i in range(n))


@pytest.mark.parametrize("name, data, words", [
    ("notgzip.jsonl.gz", b"hello\n", ["notgzip.jsonl.gz", "gzip"]),
    ("cut.jsonl.gz", gzip.compress(_records(400))[:300], ["cut.jsonl.gz", "gzip"]),
    ("notzstd.jsonl.zst", b"hello\n", ["notzstd.jsonl.zst", "zstd"]),
    ("notparquet.parquet", b"hello", ["notparquet.parquet", "parquet"]),
])
def test_a_corrupt_shard_is_one_line_naming_it(tmp_path, name, data, words):
    if name.endswith(".zst"):
        pytest.importorskip("zstandard")
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    shard = tmp_path / name
    shard.write_bytes(data)
    result = invoke("corpus", shard, "-o", tmp_path / "out", "-j", "1", "-q")
    assert result.exit_code == 2
    one_line_error(result, *words, "check")
    out = tmp_path / "out"
    assert not out.exists() or not [p for p in out.iterdir()]


def test_corpus_output_that_is_a_file_is_refused_clearly(tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "a.jsonl").write_bytes(_records())
    taken = tmp_path / "notes.txt"
    taken.write_text("keep me", encoding="utf-8")
    result = invoke("corpus", shards, "-o", taken, "-j", "1", "-q")
    assert result.exit_code == 2
    one_line_error(result, "notes.txt", "folder")
    assert taken.read_text(encoding="utf-8") == "keep me"


def test_corpus_output_folder_inside_the_input_folder_is_not_read_again(tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "a.jsonl").write_bytes(_records())
    for _ in range(2):  # the second run must not repair crawl/fixed/a.jsonl into crawl/fixed/fixed/
        result = invoke("corpus", crawl, "-o", crawl / "fixed", "-j", "1", "-q")
        assert result.exit_code == 0, result.stderr
    assert sorted(p.relative_to(crawl).as_posix() for p in crawl.rglob("*") if p.is_file()) == ["a.jsonl", "fixed/a.jsonl"]


def test_corpus_never_writes_one_shard_over_another_input(tmp_path):
    # crawl/sub/z.jsonl goes to out/sub/z.jsonl, which is the other input given
    (tmp_path / "crawl" / "sub").mkdir(parents=True)
    (tmp_path / "out" / "sub").mkdir(parents=True)
    (tmp_path / "crawl" / "sub" / "z.jsonl").write_bytes(_records())
    mine = b'{"text": "my own file"}\n'
    (tmp_path / "out" / "sub" / "z.jsonl").write_bytes(mine)
    result = invoke("corpus", tmp_path / "crawl", tmp_path / "out" / "sub" / "z.jsonl", "-o", tmp_path / "out",
                    "-j", "1", "-q")
    assert result.exit_code == 2
    one_line_error(result, "overwrite")
    assert (tmp_path / "out" / "sub" / "z.jsonl").read_bytes() == mine


def test_parquet_column_that_is_not_text_says_to_use_field(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    shard = tmp_path / "ids.parquet"
    pq.write_table(pa.table({"text": [1, 2], "body": ["區(qū)域,,測試", "clean"]}), shard)
    result = invoke("corpus", shard, "-o", tmp_path / "out", "-j", "1", "-q")
    assert result.exit_code == 2
    one_line_error(result, "ids.parquet", "int64", "--field")


def test_jsonl_to_parquet_keeps_a_record_with_a_numeric_text_aside(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    shard = tmp_path / "crawl.jsonl"
    shard.write_bytes(_records(3) + b'{"id": 7, "text": 5}\nnot json\n' + _records(2))
    result = invoke("corpus", shard, "-o", tmp_path / "out", "--output-format", "parquet", "-j", "1")
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(tmp_path / "out" / "crawl.parquet")
    assert table.column("text").to_pylist() == [encfix.fix_text("區(qū)域,,")] * 5
    side = tmp_path / "out" / "crawl.parquet.bad.jsonl"
    assert side.read_bytes() == b'{"id": 7, "text": 5}\nnot json\n'
    assert str(side) in result.stderr


def test_dictionary_encoded_text_column_is_repaired_and_keeps_its_type(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from encfix.integrations.arrow import fix_table

    column = pa.array(["區(qū)域,,測試", "clean", None, "區(qū)域,,測試"]).dictionary_encode()
    fixed = fix_table(pa.table({"text": column}))
    assert fixed.schema.field("text").type == column.type
    assert fixed.column("text").to_pylist() == ["區域，測試", "clean", None, "區域，測試"]

    shard = tmp_path / "cat.parquet"
    pq.write_table(pa.table({"text": column}), shard)
    result = invoke("corpus", shard, "-o", tmp_path / "out", "-j", "1", "-q")
    assert result.exit_code == 0, result.stderr
    assert pq.read_table(tmp_path / "out" / "cat.parquet").column("text").to_pylist() == fixed.column("text").to_pylist()


# --- 7-bit ISO-2022: old Japanese e-mail and JIS text files ----------------------------------------

@pytest.mark.parametrize("codec, text", [
    ("iso2022_jp", "日本語のテキストです。東京都に住んでいます。\n"),
    ("iso2022_kr", "한국어 텍스트입니다. 서울에 살고 있습니다.\n"),
])
def test_iso2022_text_is_decoded_not_passed_through_with_escapes(tmp_path, codec, text):
    data = text.encode(codec)
    assert encfix.fix_bytes(data) == text
    assert encfix.detect(data).encoding == codec
    path = tmp_path / "mail.txt"
    path.write_bytes(data)
    result = invoke("fix", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode("utf-8") == text
    piped = invoke("fix", input=data * 3)
    assert piped.stdout_bytes.decode("utf-8") == text * 3


def test_iso2022_stream_is_decoded(monkeypatch):
    monkeypatch.setattr(common, "WHOLE_LIMIT", 4096)
    text = "日本語のテキストです。\n" * 2000
    result = invoke("fix", input=text.encode("iso2022_jp"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.decode("utf-8") == text


def test_ansi_colour_codes_are_not_iso2022():
    data = b"\x1b[31mred\x1b[0m and plain ASCII\n"
    assert encfix.fix_bytes(data) == data.decode("ascii")


# --- the library's contract ------------------------------------------------------------------------

@pytest.mark.parametrize("function, other", [(encfix.fix_bytes, "fix_text"), (encfix.detect, "explain")])
def test_bytes_functions_given_str_say_which_function_to_use(function, other):
    with pytest.raises(TypeError, match=other):
        function("區(qū)域,,測試")


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-32"])
def test_fix_bytes_in_each_encoding_gives_fix_text(codec):
    assert encfix.fix_bytes(DAMAGED.encode(codec)) == encfix.fix_text(DAMAGED)


def test_explain_reproduces_fix_and_fix_is_stable_on_the_seed():
    seed = (Path(__file__).resolve().parent.parent / "samples" / "seed-zh-news-crawl.txt").read_text(encoding="utf-8")
    for convert in (None, "zh-Hans"):
        fixed = encfix.fix_text(seed, convert=convert)
        found = encfix.explain(seed, convert=convert)
        assert encfix.apply(seed, found) == fixed
        assert all(seed[f.start:f.end] == f.old for f in found)
        assert encfix.fix_text(fixed, convert=convert) == fixed
    clean = encfix.fix_text(seed)
    assert encfix.fix_text(clean) is clean
