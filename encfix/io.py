"""Files in and out, safely: reading inputs, sniffing binary data, atomic writes.

Writing never touches the user's file until the new text is complete and on disk: the new bytes go
to a temporary file in the same folder (``.NAME.encfix-XXXX.tmp``), which is flushed, fsynced,
given the original's permissions and owner, and then renamed over the original (one atomic step on
POSIX file systems).  If anything fails before the rename -- a full disk, a read-only folder,
Ctrl-C, SIGTERM -- the temporary file is removed and the original is untouched.

Symbolic links: the file a link points to is rewritten and the link itself stays a link.  Hard
links: the rename gives the path a new inode, so other names of the same file keep the old text
(:class:`AtomicWriter` warns when the file has more than one name).
"""
from __future__ import annotations

import codecs
import errno
import io
import os
import shutil
import stat
import sys
import tempfile
from typing import BinaryIO, Iterable, Iterator, List, Optional

#: inputs up to this size are read and decoded whole (better detection, decode findings);
#: larger inputs and pipes are streamed
WHOLE_LIMIT = 4 << 20
#: bytes read per step when streaming
CHUNK_SIZE = 1 << 20
#: bytes looked at to tell binary data from text
SNIFF_SIZE = 8192


class FileError(Exception):
    """A problem with one input or output that the user can fix: ``path: what; hint``."""

    def __init__(self, path: str, what: str, hint: str):
        super().__init__(f"{path}: {what}; {hint}")
        self.path = path
        self.what = what
        self.hint = hint


def os_error(path: str, exc: OSError, writing: bool = False) -> FileError:
    """Turn an :class:`OSError` into a :class:`FileError` that says what to do.

    >>> str(os_error("a.txt", FileNotFoundError(errno.ENOENT, "No such file or directory")))
    'a.txt: no such file or folder; check the path'
    """
    code = exc.errno
    if code == errno.ENOENT:
        return FileError(path, "no such file or folder", "check the path")
    if code in (errno.EACCES, errno.EPERM):
        if writing:
            return FileError(path, "permission denied", "make the file and its folder writable, or write elsewhere with -o")
        return FileError(path, "permission denied", "make the file readable (chmod u+r) or run as its owner")
    if code == errno.EISDIR:
        return FileError(path, "is a folder", "use -r to process the files in it")
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return FileError(path, "no space left on the device", "free some space and run again (the original is untouched)")
    if code == errno.EROFS:
        return FileError(path, "read-only file system", "write the output elsewhere with -o")
    if code == errno.ENAMETOOLONG:
        return FileError(path, "file name too long", "use a shorter path")
    reason = (exc.strerror or str(exc)).lower()
    return FileError(path, reason, "check the file and try again")


# --- binary data -------------------------------------------------------------------------

_MAGIC = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04", b"PK\x05\x06",
    b"\x1f\x8b", b"\x7fELF", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"\x28\xb5\x2f\xfd",
    b"SQLite format 3\x00", b"\x00asm", b"OggS", b"fLaC", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe",
    b"Rar!\x1a\x07", b"wOFF", b"wOF2", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*",
)
_CONTROL = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x1B)) + bytes(range(0x1C, 0x20))


def binary_signature(head: bytes) -> bool:
    """True when ``head`` starts with the signature of a binary format (PNG, ZIP, gzip, ELF ...).

    >>> binary_signature(b"PK\\x03\\x04..."), binary_signature(b"plain text")
    (True, False)
    """
    return head.startswith(_MAGIC)


def looks_binary(head: bytes) -> bool:
    """True when the first bytes of a file are not text in any encoding encfix reads.

    Text in UTF-16/32 is full of NUL bytes, but in a regular pattern; a stray NUL inside text is
    still text.  Binary data starts with a known signature or is dense with control bytes.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> looks_binary("區域，測試".encode("utf-16-le"))
    False
    >>> looks_binary(b"plain text with one \\x00 inside")
    False
    >>> looks_binary(bytes(range(256)) * 4)
    True
    """
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.startswith(_MAGIC):
        return True
    nul = head.count(0)
    if nul and _utf16_or_32(head):
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls * 10 > len(head)


def _utf16_or_32(head: bytes) -> bool:
    # UTF-16/32 text without a BOM: its NUL bytes sit in fixed columns (the high byte of every
    # ASCII character in UTF-16; the two top bytes of every character in UTF-32).
    n = len(head) - len(head) % 4
    if n < 8:
        return False
    two = sorted(head[o:n:2].count(0) * 2 / n for o in range(2))
    if two[1] >= 0.02 and two[0] * 8 <= two[1]:  # e.g. 20% of high bytes NUL, under 2.5% of low ones
        return True
    four = [head[o:n:4].count(0) * 4 / n for o in range(4)]
    return (four[2] >= 0.9 and four[3] >= 0.9) or (four[0] >= 0.9 and four[1] >= 0.9)


# --- reading -----------------------------------------------------------------------------

class Input:
    """One input: a path or standard input (``-``), opened for binary reading.

    ``head`` holds the first bytes (peeked, not consumed); ``size`` is the file size when known.
    """

    def __init__(self, path: str):
        self.path = path
        self.is_stdin = path == "-"
        self.name = "<stdin>" if self.is_stdin else path
        self.size: Optional[int] = None
        self.stream: Optional[BinaryIO] = None

    def open(self) -> "Input":
        if self.is_stdin:
            if sys.stdin is None:  # started with stdin closed (<&-), as some daemons and cron jobs are
                raise FileError(self.name, "standard input is closed", "give file paths, or pipe text into encfix")
            self.stream = getattr(sys.stdin, "buffer", sys.stdin)
            return self
        try:
            st = os.stat(self.path)
            if stat.S_ISDIR(st.st_mode):
                raise FileError(self.path, "is a folder", "use -r to process the files in it")
            self.stream = open(self.path, "rb")
            if stat.S_ISREG(st.st_mode):
                self.size = st.st_size
        except OSError as exc:
            raise os_error(self.path, exc) from None
        return self

    def close(self) -> None:
        if self.stream is not None and not self.is_stdin:
            self.stream.close()
        self.stream = None

    def __enter__(self) -> "Input":
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def read_head(self, limit: int) -> bytes:
        """Read up to ``limit`` bytes from the start; the stream then continues after them."""
        assert self.stream is not None
        parts = []
        got = 0
        while got < limit:
            try:
                block = self.stream.read(limit - got)
            except OSError as exc:
                raise os_error(self.name, exc) from None
            if not block:
                break
            parts.append(block)
            got += len(block)
        return b"".join(parts)


class PrefixedReader(io.RawIOBase):
    """A binary stream that gives ``prefix`` first, then the rest of ``stream``.

    Lets a caller read the head of a pipe (to decide how to treat it) and still hand the whole
    input to a streaming decoder.
    """

    def __init__(self, prefix: bytes, stream: BinaryIO, name: str = "<input>"):
        super().__init__()
        self._prefix = memoryview(prefix)
        self._stream = stream
        self._name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._prefix.nbytes:
            n = min(len(buffer), self._prefix.nbytes)
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        try:
            data = self._stream.read(len(buffer))
        except OSError as exc:
            raise os_error(self._name, exc) from None
        n = len(data)
        buffer[:n] = data
        return n


def read_rest(inp: Input, head: bytes) -> BinaryIO:
    """A buffered binary stream of the whole input, ``head`` included."""
    assert inp.stream is not None
    return io.BufferedReader(PrefixedReader(head, inp.stream, inp.name), buffer_size=CHUNK_SIZE)


def expand(paths: Iterable[str], recursive: bool, errors: List[FileError]) -> Iterator[str]:
    """Yield the files to process: each path, or with ``recursive`` the files under each folder.

    A folder without ``recursive`` becomes a :class:`FileError` in ``errors`` and is skipped, so
    the other paths are still processed (a missing file is yielded: opening it reports it).  Version-control folders (``.git``,
    ``.hg``, ``.svn``) are not entered, symbolic links to folders are not followed, and a file
    reached twice (through a link) is yielded once.
    """
    seen = set()
    for path in paths:
        if path == "-":
            yield path
            continue
        if os.path.isdir(path):
            if not recursive:
                errors.append(FileError(path, "is a folder", "use -r to process the files in it"))
                continue
            for root, dirs, files in os.walk(path, onerror=lambda exc: errors.append(os_error(exc.filename or path, exc))):
                dirs[:] = sorted(d for d in dirs if d not in (".git", ".hg", ".svn"))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if not os.path.isfile(full):  # sockets, fifos, dangling links
                        continue
                    key = os.path.realpath(full)
                    if key not in seen:
                        seen.add(key)
                        yield full
            continue
        yield path


# --- writing -----------------------------------------------------------------------------

def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def writable(path: str, st: os.stat_result) -> bool:
    """False for a file or folder the user marked read-only (no write bit), even when root."""
    return bool(st.st_mode & 0o222) and os.access(path, os.W_OK)


class AtomicWriter:
    """Write a file so that it is either the old one or the complete new one, never half of each.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> target = os.path.join(folder, "a.txt")
    >>> with AtomicWriter(target) as out:
    ...     out.write(b"new text\\n")
    >>> open(target, "rb").read(), os.listdir(folder)
    (b'new text\\n', ['a.txt'])

    ``backup`` (a suffix such as ``.orig``) keeps the original beside the new file.  When
    ``skip_if_same`` is true and the new bytes equal the old ones, the original is left as it was
    (same inode, same modification time) and :attr:`changed` is False.
    """

    def __init__(self, path: str, backup: Optional[str] = None, skip_if_same: bool = False, name: Optional[str] = None):
        self.name = name or path
        # A symbolic link stays a link: rewrite the file it points to.
        self.target = os.path.realpath(path) if os.path.islink(path) else path
        self.backup = backup
        self.skip_if_same = skip_if_same
        self.changed = False
        self.warnings: List[str] = []
        self._tmp: Optional[str] = None
        self._file = None
        self._old: Optional[os.stat_result] = None
        self._discarded = False

    def __enter__(self) -> "AtomicWriter":
        folder = os.path.dirname(os.path.abspath(self.target))
        try:
            self._old = os.stat(self.target)
        except FileNotFoundError:
            self._old = None
        except OSError as exc:
            raise os_error(self.name, exc, writing=True) from None
        if self._old is not None:
            if stat.S_ISDIR(self._old.st_mode):
                raise FileError(self.name, "is a folder", "give a file name to write to")
            if not stat.S_ISREG(self._old.st_mode):
                raise FileError(self.name, "is not a regular file", "write to a regular file")
            if not writable(self.target, self._old):
                raise FileError(self.name, "file is read-only", "make it writable (chmod u+w) or write elsewhere with -o")
        try:
            folder_st = os.stat(folder)
        except FileNotFoundError:
            raise FileError(self.name, "its folder does not exist", "create the folder first, or write elsewhere") from None
        except OSError as exc:
            raise os_error(folder, exc, writing=True) from None
        if not writable(folder, folder_st):
            raise FileError(self.name, "its folder is read-only", "make the folder writable or write elsewhere with -o")
        try:
            fd, self._tmp = tempfile.mkstemp(prefix="." + os.path.basename(self.target) + ".", suffix=".encfix-tmp", dir=folder)
        except OSError as exc:
            raise os_error(self.name, exc, writing=True) from None
        self._file = os.fdopen(fd, "wb")
        return self

    def write(self, data: bytes) -> None:
        try:
            self._file.write(data)
        except OSError as exc:
            raise os_error(self.name, exc, writing=True) from None

    def discard(self) -> None:
        """Leave the original as it was: nothing written so far is committed on exit."""
        self._discarded = True

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None and not self._discarded:
                self._commit()
        finally:
            self._cleanup()

    def _commit(self) -> None:
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        except OSError as exc:
            raise os_error(self.name, exc, writing=True) from None
        old = self._old
        if self.skip_if_same and old is not None and os.path.getsize(self._tmp) == old.st_size:
            if _same_content(self._tmp, self.target):
                return
        try:
            if old is not None:
                self._copy_metadata(old)
            else:
                os.chmod(self._tmp, 0o666 & ~_umask())
            if self.backup and old is not None:
                self._make_backup()
            os.replace(self._tmp, self.target)
            self._tmp = None
            self.changed = True
        except OSError as exc:
            raise os_error(self.name, exc, writing=True) from None
        _fsync_folder(os.path.dirname(os.path.abspath(self.target)))

    def _copy_metadata(self, old: os.stat_result) -> None:
        os.chmod(self._tmp, stat.S_IMODE(old.st_mode))
        if hasattr(os, "chown"):
            st = os.stat(self._tmp)
            if (st.st_uid, st.st_gid) != (old.st_uid, old.st_gid):
                try:
                    os.chown(self._tmp, old.st_uid, old.st_gid)
                except PermissionError:
                    try:  # an ordinary user can keep the group (if a member) but not give the file away
                        os.chown(self._tmp, -1, old.st_gid)
                    except PermissionError:
                        pass
                    self.warnings.append(f"{self.name}: the rewritten file now belongs to you, not its former owner")
                # chown may clear set-user-ID bits: set the mode again
                os.chmod(self._tmp, stat.S_IMODE(old.st_mode))
        if old.st_nlink > 1:
            self.warnings.append(f"{self.name}: had {old.st_nlink} hard links; the other names keep the old text")

    def _make_backup(self) -> None:
        backup = self.target + self.backup
        folder = os.path.dirname(os.path.abspath(self.target))
        # The backup appears whole or not at all: link (or copy) to a temporary name, then rename.
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(backup) + ".", suffix=".encfix-tmp", dir=folder)
        os.close(fd)
        try:
            try:
                os.unlink(tmp)
                os.link(self.target, tmp)
            except OSError:
                shutil.copy2(self.target, tmp)
            os.replace(tmp, backup)
        except BaseException:
            _remove(tmp)
            raise

    def _cleanup(self) -> None:
        if self._file is not None and not self._file.closed:
            try:
                self._file.close()
            except OSError:
                pass
        if self._tmp is not None:
            _remove(self._tmp)
            self._tmp = None


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _same_content(a: str, b: str) -> bool:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x = fa.read(CHUNK_SIZE)
            y = fb.read(CHUNK_SIZE)
            if x != y:
                return False
            if not x:
                return True


def _fsync_folder(folder: str) -> None:
    # Make the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- encoding the output -------------------------------------------------------------------

class UnencodableError(Exception):
    """A character the chosen output encoding cannot represent."""

    def __init__(self, char: str, encoding: str, line: int):
        super().__init__(f"character {char!r} (U+{ord(char):04X}) on line {line} cannot be written in {encoding}")
        self.char = char
        self.encoding = encoding
        self.line = line


def encode_chunks(chunks: Iterable[str], encoding: str = "utf-8", bom: bool = False) -> Iterator[bytes]:
    """Encode text pieces one by one; ``bom`` puts a UTF-8 BOM first (unless the text has one).

    In UTF-8, lone surrogates (from a decoder that escaped undecodable bytes) are written back as
    the bytes they stand for, so such text round-trips.  Other encodings fail with
    :class:`UnencodableError` naming the first character they cannot hold.

    >>> b"".join(encode_chunks(["a\\r\\n", "b"], bom=True))
    b'\\xef\\xbb\\xbfa\\r\\nb'
    """
    utf8 = codecs.lookup(encoding).name == "utf-8"
    encoder = codecs.getincrementalencoder(encoding)("strict")
    first = True
    line = 1
    for chunk in chunks:
        if not chunk:
            continue
        if first:
            first = False
            if bom and utf8 and not chunk.startswith("\ufeff"):
                yield codecs.BOM_UTF8
        try:
            data = encoder.encode(chunk)
        except UnicodeEncodeError as exc:
            if utf8:
                data = _encode_surrogates(chunk)
            else:
                raise UnencodableError(exc.object[exc.start], encoding, line + exc.object.count("\n", 0, exc.start)) from None
        line += chunk.count("\n")
        yield data
    tail = encoder.encode("", final=True)
    if tail:
        yield tail


def _encode_surrogates(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
