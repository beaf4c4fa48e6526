"""The ``encfix`` command line: fix, check, detect, through the real entry point and typer's runner."""
from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import encfix
from encfix.cli import common
from encfix.cli.app import _register, app

_register()

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "samples" / "seed-zh-news-crawl.txt"
DAMAGED = "區(qū)域,,測試\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _encfix_binary() -> str:
    candidate = Path(sys.executable).parent / "encfix"
    return str(candidate) if candidate.exists() else ""


ENCFIX = _encfix_binary()
needs_binary = pytest.mark.skipif(not ENCFIX, reason="the encfix console script is not installed")


def encfix_cmd(*args, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("timeout", 120)
    return subprocess.run([ENCFIX, *args], **kwargs)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args, input=None):
    result = runner.invoke(app, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def out_bytes(result) -> bytes:
    return result.stdout_bytes


def assert_one_line_error(stderr: str, path: str, what: str) -> None:
    lines = [line for line in stderr.splitlines() if line.startswith("encfix: error:")]
    assert any(line.startswith(f"encfix: error: {path}: ") and what in line and "; " in line for line in lines), stderr
    assert "Traceback" not in stderr


# --- fix: stdin to stdout ----------------------------------------------------------------------

@needs_binary
def test_stdin_goes_through_the_pipeline():
    done = encfix_cmd("fix", input=DAMAGED.encode("utf-8"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == encfix.fix_text(DAMAGED)
    assert done.stdout.decode("utf-8") == "區域，測試\n"
    assert done.stderr == b""


def test_dash_reads_stdin_and_options_reach_the_stages(runner):
    result = invoke(runner, "fix", "-", input=DAMAGED)
    assert result.exit_code == 0
    assert result.stdout == "區域，測試\n"
    result = invoke(runner, "fix", "--no-ruby", "--no-punctuation", input=DAMAGED)
    assert result.stdout == encfix.fix_text(DAMAGED, ruby=False, punctuation=False) == DAMAGED


def test_clean_text_comes_back_byte_identical(runner, tmp_path):
    clean = "區域，測試。\r\nKorean: 안녕하세요, 세계!\r\n=COUNTIF(A1:A9,\">1\") 1,000 10:30 https://example.org/a?b=1,2\r\nno final newline"
    path = tmp_path / "clean.txt"
    data = b"\xef\xbb\xbf" + clean.encode("utf-8")
    path.write_bytes(data)
    result = invoke(runner, "fix", str(path))
    assert result.exit_code == 0
    assert out_bytes(result) == data  # BOM, CRLF, final line without newline all kept


def test_crlf_and_bom_survive_a_repair(runner, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "區(qū)域,,測試\r\n第二行\r\nlast".encode("utf-8"))
    result = invoke(runner, "fix", str(path))
    expected = encfix.fix_text("區(qū)域,,測試\r\n第二行\r\nlast")
    assert out_bytes(result) == b"\xef\xbb\xbf" + expected.encode("utf-8")
    assert expected.count("\r\n") == 2


def test_legacy_encoding_is_read_and_written_as_utf8(runner, tmp_path):
    text = "示范区认真组织收听收看，并随即召开专业会议安排部署疫情防控工作。\n" * 3
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    result = invoke(runner, "fix", "-e", "gbk", str(path))
    assert result.exit_code == 0
    assert out_bytes(result).decode("utf-8") == encfix.fix_text(text)


def test_output_encoding(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    result = invoke(runner, "fix", "--output-encoding", "gb18030", str(path))
    assert out_bytes(result).decode("gb18030") == "區域，測試\n"
    result = invoke(runner, "fix", "--output-encoding", "latin-1", str(path))
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, str(path), "cannot be written in latin-1")


def test_convert_option(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    result = invoke(runner, "fix", "--convert", "t2s", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == encfix.fix_text(DAMAGED, convert="t2s")
    assert result.stdout.startswith("区域")


def test_large_input_is_streamed_and_matches_fix_text(runner, tmp_path, monkeypatch):
    # Past WHOLE_LIMIT the input is decoded as a stream and repaired block by block.
    lines = [f"第{i}段：區(qū)域,,測試;示范區(qū)認真組織收聽收看,,並隨即召開會議。\n" for i in range(300)]
    text = "".join(lines)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    monkeypatch.setattr(common, "WHOLE_LIMIT", 2048)
    from encfix import streaming

    monkeypatch.setattr(streaming, "MAX_BLOCK", 1500)
    monkeypatch.setattr(streaming, "PARAGRAPH_FROM", 750)
    result = invoke(runner, "fix", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == encfix.fix_text(text)
    result = invoke(runner, "fix", input=text)
    assert result.stdout == encfix.fix_text(text)
    # check keeps the lines and offsets of the whole file across blocks
    result = invoke(runner, "check", "--format", "json", str(path))
    found = json.loads(result.stdout)
    whole = encfix.explain(text)
    assert [(f["start"], f["line"], f["column"], f["kind"]) for f in found] == [(f.start, f.line, f.column, f.kind) for f in whole]


# --- fix: outputs ---------------------------------------------------------------------------

def test_output_file(runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(DAMAGED, encoding="utf-8")
    out = tmp_path / "out.txt"
    result = invoke(runner, "fix", str(src), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == "區域，測試\n"
    result = invoke(runner, "fix", str(src), str(src), "-o", str(out))
    assert result.exit_code == 2
    assert "-o takes one input" in result.stderr


def test_diff_shows_the_repairs_and_applies_with_patch(runner, tmp_path):
    text = "第一行沒有問題。\n區(qū)域,,測試\n" + "".join(f"中間第{i}行。\n" for i in range(10)) + "最後,,一行"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = invoke(runner, "fix", "--diff", str(path))
    assert result.exit_code == 0
    diff = result.stdout
    assert diff.startswith(f"--- {path}\n+++ {path}\n@@ -1,")
    assert "-區(qū)域,,測試\n+區域，測試\n" in diff
    assert diff.endswith("\\ No newline at end of file\n")
    assert path.read_text(encoding="utf-8") == text  # --diff writes nothing
    if shutil.which("patch"):
        patch = tmp_path / "a.diff"
        patch.write_text(diff, encoding="utf-8")
        subprocess.run(["patch", "-s", str(path), str(patch)], check=True, capture_output=True)
        assert path.read_text(encoding="utf-8") == encfix.fix_text(text)


def test_diff_hunks_keep_line_numbers_across_blocks(runner, tmp_path, monkeypatch):
    from encfix import streaming

    text = "".join(f"第{i}行。\n" if i % 20 else "區(qū)域,,測試\n" for i in range(100))
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(streaming, "MAX_BLOCK", 120)
    result = invoke(runner, "fix", "--diff", str(path))
    assert result.stdout.count("\n@@ ") == 5
    removed = []  # the line numbers, in the whole file, of the lines the diff removes
    number = 0
    for line in result.stdout.splitlines()[2:]:
        hunk = re.match(r"@@ -(\d+)", line)
        if hunk:
            number = int(hunk.group(1))
        elif line.startswith("-"):
            removed.append(number)
            number += 1
        elif line.startswith(" "):
            number += 1
    assert removed == [1, 21, 41, 61, 81]


def test_in_place_keeps_mode_and_makes_a_backup(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    path.chmod(0o640)
    result = invoke(runner, "fix", "--in-place", "--backup", ".orig", str(path))
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == "區域，測試\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert (tmp_path / "a.txt.orig").read_text(encoding="utf-8") == DAMAGED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.orig"]


def test_in_place_leaves_clean_files_untouched(runner, tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("區域，測試。\n", encoding="utf-8")
    before = path.stat()
    result = invoke(runner, "fix", "-i", "--backup", ".orig", str(path))
    assert result.exit_code == 0
    after = path.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert not (tmp_path / "clean.txt.orig").exists()


def test_in_place_through_a_symlink_rewrites_the_target(runner, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(DAMAGED, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    result = invoke(runner, "fix", "--in-place", str(link))
    assert result.exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "區域，測試\n"


def test_in_place_read_only_file_is_an_error_and_others_go_on(runner, tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(DAMAGED, encoding="utf-8")
    locked.chmod(0o444)
    other = tmp_path / "other.txt"
    other.write_text(DAMAGED, encoding="utf-8")
    result = invoke(runner, "fix", "--in-place", str(locked), str(other))
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, str(locked), "read-only")
    assert locked.read_text(encoding="utf-8") == DAMAGED
    assert other.read_text(encoding="utf-8") == "區域，測試\n"


def test_in_place_full_disk_keeps_the_original_and_no_temp_file(runner, tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = invoke(runner, "fix", "--in-place", str(path))
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, str(path), "no space left")
    assert path.read_text(encoding="utf-8") == DAMAGED
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_in_place_refuses_stdin_and_diff(runner, tmp_path):
    result = invoke(runner, "fix", "--in-place", input=DAMAGED)
    assert result.exit_code == 2 and "in place" in result.stderr
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    result = invoke(runner, "fix", "--in-place", "--diff", str(path))
    assert result.exit_code == 2
    assert path.read_text(encoding="utf-8") == DAMAGED


def test_recursive_skips_binary_files_with_a_notice(runner, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "b.txt").write_text("區域，測試。\n", encoding="utf-8")
    shutil.copy(os.path.realpath(sys.executable), tmp_path / "python.bin")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "COMMIT_EDITMSG").write_text(DAMAGED, encoding="utf-8")
    result = invoke(runner, "fix", "-r", "--in-place", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "sub" / "a.txt").read_text(encoding="utf-8") == "區域，測試\n"
    assert (tmp_path / ".git" / "COMMIT_EDITMSG").read_text(encoding="utf-8") == DAMAGED
    assert f"encfix: skipped {tmp_path / 'python.bin'}: binary file" in result.stderr
    result = invoke(runner, "check", "-r", str(tmp_path))
    assert result.exit_code == 0


# --- bad input --------------------------------------------------------------------------------

def test_missing_file_is_reported_and_the_others_processed(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(DAMAGED, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = invoke(runner, "fix", str(missing), str(good))
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, str(missing), "no such file")
    assert result.stdout == "區域，測試\n"


def test_unreadable_file(runner, tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    if IS_ROOT:  # root reads anything: make the open itself fail as it would for a user
        import encfix.io as eio

        def denied(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

        monkeypatch.setattr(eio, "open", denied, raising=False)
    else:
        path.chmod(0)
    result = invoke(runner, "fix", str(path))
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, str(path), "permission denied")


def test_folder_without_r(runner, tmp_path):
    result = invoke(runner, "fix", str(tmp_path))
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, str(tmp_path), "is a folder; use -r")


def test_binary_file(runner, tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    for command in ("fix", "check"):
        result = invoke(runner, command, str(path))
        assert result.exit_code == 2
        assert_one_line_error(result.stderr, str(path), "binary")


def test_bytes_the_forced_encoding_cannot_decode(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("區域測試\n".encode("utf-8"))
    result = invoke(runner, "fix", "--encoding", "ascii", str(path))
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, str(path), "ascii")
    result = invoke(runner, "fix", "--encoding", "no-such-codec", str(path))
    assert result.exit_code == 2
    assert "encfix: error: --encoding no-such-codec: unknown encoding; " in result.stderr


def test_unknown_convert_config(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    for command in ("fix", "check"):
        result = invoke(runner, command, "--convert", "x2y", str(path))
        assert result.exit_code == 2
        assert_one_line_error(result.stderr, "--convert x2y", "x2y")
        assert "t2s" in result.stderr  # the error lists the valid names


@needs_binary
def test_user_errors_never_show_a_traceback(tmp_path):
    missing = tmp_path / "missing.txt"
    for args in (["fix", str(missing)], ["check", "--convert", "x2y"]):
        done = encfix_cmd(*args, input=b"")
        assert done.returncode == 2, args
        assert b"Traceback" not in done.stderr
        assert done.stderr.decode().startswith("encfix: error: ")
        assert len(done.stderr.decode().strip().splitlines()) == 1


# --- pipes and signals --------------------------------------------------------------------------

@needs_binary
def test_closed_pipe_ends_quietly(tmp_path):
    path = tmp_path / "big.txt"
    # several blocks of output, each larger than a pipe's buffer
    path.write_text("".join(f"The quick brown fox, line {i}.\n" for i in range(40_000)), encoding="utf-8")
    proc = subprocess.Popen([ENCFIX, "fix", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline() == b"The quick brown fox, line 0.\n"
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read()
    assert proc.wait(timeout=120) == common.BROKEN_PIPE
    assert stderr == b"", stderr


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@needs_binary
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, common.INTERRUPTED), (signal.SIGTERM, common.TERMINATED)])
def test_interrupt_leaves_no_half_written_output(tmp_path, sig, code):
    out = tmp_path / "out.txt"
    out.write_text("previous content\n", encoding="utf-8")
    # (a shell that starts a job in the background makes it ignore SIGINT, and the child would
    # inherit that: give it back the default, as a user's terminal does)
    proc = subprocess.Popen([ENCFIX, "fix", "-o", str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_default_sigint)
    proc.stdin.write(("區(qū)域,,測試\n" * 1000).encode("utf-8"))
    proc.stdin.flush()
    deadline = time.time() + 60
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".encfix-tmp")]:
        assert time.time() < deadline, "no temporary file appeared"
        time.sleep(0.05)
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert b"Traceback" not in stderr
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


# --- check ------------------------------------------------------------------------------------------

def test_check_exit_codes_and_text_format(runner, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("區域，測試。\nplain English, with commas.\n", encoding="utf-8")
    result = invoke(runner, "check", str(clean))
    assert result.exit_code == 0 and result.stdout == ""
    damaged = tmp_path / "damaged.txt"
    damaged.write_text("第一行。\n" + DAMAGED, encoding="utf-8")
    result = invoke(runner, "check", str(damaged))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    findings = encfix.explain("第一行。\n" + DAMAGED)
    assert len(lines) == len(findings)
    for line, f in zip(lines, findings):
        assert line == f'{damaged}:{f.line}:{f.column}: {f.kind}: {json.dumps(f.old, ensure_ascii=False)} → {json.dumps(f.new, ensure_ascii=False)}'
    assert lines[0].startswith(f"{damaged}:2:2: ruby.pinyin: \"(qū)\" → \"\"")
    result = invoke(runner, "check", str(damaged), str(tmp_path / "missing.txt"))
    assert result.exit_code == 2


def test_check_json_lists_every_field(runner, tmp_path):
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(DAMAGED, encoding="utf-8")
    result = invoke(runner, "check", "--format", "json", str(damaged))
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    expected = [dict(path=str(damaged), **f.to_dict()) for f in encfix.explain(DAMAGED)]
    assert found == expected
    result = invoke(runner, "check", "--format", "json", input="區域，測試。\n")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_check_shows_flags_as_flags(runner):
    text = "这段文字锟斤拷坏了\ufffd\ufffd\ufffd。\n"
    found = encfix.explain(text)
    assert any(f.is_flag for f in found)
    result = invoke(runner, "check", input=text)
    for f in found:
        if f.is_flag:
            assert f"<stdin>:{f.line}:{f.column}: {f.kind}: {json.dumps(f.old, ensure_ascii=False)} (flagged: {f.reason})" in result.stdout
    assert result.exit_code == (1 if found else 0)


@needs_binary
def test_check_through_the_real_command():
    done = encfix_cmd("check", input=DAMAGED.encode("utf-8"))
    assert done.returncode == 1
    assert done.stdout.decode("utf-8").startswith('<stdin>:1:2: ruby.pinyin: "(qū)" → ""')


# --- detect -----------------------------------------------------------------------------------------

def test_detect_text_and_json(runner, tmp_path):
    path = tmp_path / "big5.txt"
    text = "中華民國憲法第一條：中華民國基於三民主義，為民有民治民享之民主共和國。\r\n" * 4
    path.write_bytes(text.encode("big5"))
    result = invoke(runner, "detect", "--format", "json", str(path))
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(result.stdout)
    expected = encfix.detect(text.encode("big5"))
    expected_fields = expected.to_dict() if hasattr(expected, "to_dict") else vars(expected)
    assert record == json.loads(json.dumps(dict(path=str(path), **expected_fields), default=str))
    result = invoke(runner, "detect", str(path))
    assert result.stdout.splitlines()[0] == str(path)
    assert re.search(r"^  encoding:\s+" + re.escape(str(record["encoding"])), result.stdout, re.M)


def test_detect_several_inputs_and_an_error(runner, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(DAMAGED, encoding="utf-8")
    result = invoke(runner, "detect", "--format", "json", str(a), str(tmp_path / "nope"), str(a))
    assert result.exit_code == 2
    assert len(json.loads(result.stdout)) == 2
    assert_one_line_error(result.stderr, str(tmp_path / "nope"), "no such file")


@needs_binary
def test_detect_reads_stdin():
    done = encfix_cmd("detect", "--format", "json", input="區域，測試\n".encode("gb18030"))
    assert done.returncode == 0, done.stderr
    [record] = json.loads(done.stdout)
    assert record["path"] == "<stdin>" and record["encoding"]


# --- help -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["fix", "check", "detect"])
def test_every_command_has_examples_in_its_help(runner, command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "Examples" in result.stdout
    assert f"encfix {command}" in result.stdout


# --- line endings -------------------------------------------------------------------------------------

LINE_END_CASES = {
    "ruby": (ROOT / "samples" / "ruby-pinyin.txt").read_text(encoding="utf-8"),
    "stacked": (ROOT / "samples" / "punct-stacked.txt").read_text(encoding="utf-8"),
    "residue": (ROOT / "samples" / "residue.txt").read_text(encoding="utf-8"),
    "latin-mojibake": "The cafÃ© was closed.\nnaÃ¯ve rÃ©sumÃ©\n",
    "ascii-punct-inside-line": "他說:你好,世界!然後離開了。\n下一行。\n",
}


@pytest.mark.parametrize("name", sorted(LINE_END_CASES))
def test_crlf_input_is_repaired_like_lf_input(runner, tmp_path, name):
    text = LINE_END_CASES[name]
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = invoke(runner, "fix", str(path))
    assert result.exit_code == 0
    expected = encfix.fix_text(text)
    assert expected != text  # each case holds damage
    assert out_bytes(result) == expected.replace("\n", "\r\n").encode("utf-8")


def test_crlf_ascii_punctuation_at_line_end(runner, tmp_path):
    text = "他說:你好,世界!\n然後離開了;\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = invoke(runner, "fix", str(path))
    assert out_bytes(result) == encfix.fix_text(text).replace("\n", "\r\n").encode("utf-8")


def test_in_place_on_a_legacy_encoding_says_it_is_now_utf8(runner, tmp_path):
    text = "示范区认真组织收听收看,,并随即召开专业会议安排部署疫情防控工作。\n"
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    result = invoke(runner, "fix", "--in-place", "-e", "gbk", str(path))
    assert result.exit_code == 0
    assert path.read_bytes() == encfix.fix_text(text).encode("utf-8")
    assert f"encfix: {path}: rewritten in UTF-8 (it was gbk)" in result.stderr


def test_nul_bytes_round_trip_when_the_encoding_is_given(runner, tmp_path):
    # Detection calls NUL-bearing data binary (a clear error); a forced codec reads it as text.
    path = tmp_path / "nul.txt"
    data = "區域\x00測試\r\nlast".encode("utf-8")
    path.write_bytes(data)
    result = invoke(runner, "fix", str(path))
    assert result.exit_code == 2 and "--encoding" in result.stderr
    result = invoke(runner, "fix", "-e", "utf-8", str(path))
    assert result.exit_code == 0
    assert out_bytes(result) == data
