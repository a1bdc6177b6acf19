"""Reading input files safely: confined to their folder, regular files only, size-capped.

A sources file or fact corpus received from someone else must not be able to copy a file of
the analyst's machine into a workbook. A name a source gives for its article is therefore
refused when it is absolute, climbs with ``..``, or resolves (through a symbolic link)
outside the articles folder; fact files found in the facts folder are held to the same
rule. Whatever is read must be a regular file (never a device, a pipe or a folder: no
``/dev/zero``, no FIFO that hangs) no larger than a cap, checked on the open file itself.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

#: The largest article reportgen reads (a 50 MB article is within it).
MAX_ARTICLE_BYTES = 64 * 1024 * 1024


class FileRefused(Exception):
    """An input path or file reportgen will not read; ``code`` is a problem code."""

    def __init__(self, code: str, message: str, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def confined(folder: Path, name: str, what: str = "file", root: Path | None = None) -> Path:
    """``folder / name`` resolved, refused unless it stays inside ``folder`` (``root``:
    the folder already resolved, when the caller resolves many names in it)."""
    if _PLAIN_NAME.fullmatch(name) and name not in (".", ".."):
        # a plain file name (most articles): nothing to climb, one lstat for a link
        root = root or folder.resolve()
        full = root / name
        try:
            link = stat.S_ISLNK(os.lstat(full).st_mode)
        except OSError:
            link = False  # missing: reading it will say so
        if not link:
            return full
    fix = f"name the {what} relative to {folder.name}/, without '..'"
    if not name or not name.strip():
        raise FileRefused("path-outside-folder", f"the {what} name is empty", fix)
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(name).drive or name.startswith("~"):
        raise FileRefused("path-outside-folder", f"{name!r} is an absolute path", fix)
    if ".." in posix.parts:
        raise FileRefused("path-outside-folder", f"{name!r} climbs out with '..'", fix)
    try:
        root = root or folder.resolve()
        full = resolve_below(root, posix.parts)
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links
        raise FileRefused("path-outside-folder", f"{name!r} cannot be resolved ({exc})",
                          fix) from None
    if not is_inside(full, root):
        raise FileRefused(
            "path-outside-folder",
            f"{name!r} leads (through a symbolic link) outside {folder.name}/",
            f"put the {what} itself in {folder.name}/",
        )
    return full


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


def resolve_below(root: Path, parts: tuple[str, ...]) -> Path:
    """``root / parts`` with symbolic links resolved; ``root`` must be resolved already.
    Without a link on the way (the usual case) this costs one lstat per part."""
    path = root
    for part in parts:
        if part in ("", "."):
            continue
        path = path / part
        try:
            link = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:
            link = False  # missing: reading it will say so
        if link or part == "..":
            return Path(os.path.realpath(root.joinpath(*parts)))
    return path


def is_inside(path: Path, root: Path) -> bool:
    """``path`` (resolved) is ``root`` or below it."""
    inside, top = str(path), str(root)
    return inside == top or inside.startswith(top.rstrip(os.sep) + os.sep)


def read_regular(path: Path, cap: int, what: str = "file") -> bytes:
    """The bytes of a regular file no larger than ``cap``.

    Raises FileRefused for anything else and OSError when the file cannot be opened. The
    file is opened without blocking (a FIFO cannot hang) and checked on the open handle, so
    it cannot be swapped between the check and the read."""
    return read_stamped(path, cap, what)[0]


#: what tells one state of a file from another: device, inode, size, modified and changed
#: times (the last is set by the system on every write and cannot be set back)
Stamp = tuple[int, int, int, int, int]


def _stamp(info: os.stat_result) -> Stamp:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def stamp_of(path: Path) -> Stamp:
    """The stamp of ``path`` as it is now (OSError if it cannot be read)."""
    return _stamp(os.stat(path))


def read_stamped(path: Path, cap: int, what: str = "file") -> tuple[bytes, Stamp]:
    """:func:`read_regular`, with the stamp of the file as it was read (to read a part of
    it again later, see :func:`read_again`)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
            raise FileRefused("not-a-regular-file", f"the {what} is {kind}, not a file",
                              f"the {what} must be an ordinary file")
        if info.st_size > cap:
            raise FileRefused("file-too-large", _too_large(what, info.st_size, cap))
        chunks, left = [], cap + 1
        while left > 0:  # to the end, or one byte past the cap (it may have grown)
            chunk = os.read(fd, min(left, max(info.st_size + 1, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > cap:
        raise FileRefused("file-too-large", _too_large(what, len(data), cap))
    return data, _stamp(info)


def read_again(path: Path, stamp: Stamp, start: int = 0, end: int | None = None
               ) -> bytes | None:
    """Bytes ``start:end`` of a file read before with :func:`read_stamped`, or None when
    it is no longer the same file in the same state (or cannot be read)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        if _stamp(os.fstat(fd)) != stamp:
            return None
        size = stamp[2]
        end = size if end is None else min(end, size)
        chunks, at = [], start
        while at < end:
            chunk = os.pread(fd, end - at, at)
            if not chunk:
                return None  # shorter than it was: not the same state
            chunks.append(chunk)
            at += len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _too_large(what: str, size: int, cap: int) -> str:
    return f"the {what} holds {size:,} bytes, more than the {cap:,} reportgen reads"
