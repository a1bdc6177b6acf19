"""The facts a built workbook shows, carried inside it, so editions can be compared.

Each build adds one part to the workbook's package, ``customXml/reportgen-facts.xml``:
the rows of ``reportgen export`` (every fact's id, normalised value, resolved period,
source, quote, discrepancy), one JSON object per ``<f>`` element, sorted by id. Excel
and LibreOffice ignore a part no relationship points to; its type is the package's
default for ``.xml``. The part is deterministic (fixed time stamp, rows in id order), so
the same inputs still give a byte-identical workbook. ``reportgen diff OLD.xlsx
NEW.xlsx`` reads it back (:func:`read_snapshot`); a workbook saved again by Excel has
lost it, and says so. After the root element, an ``<edition>`` element names the build
the rows come from (its input fingerprint and title), so ``build --since OLD.xlsx`` can
say which edition it compares with (:func:`read_edition`; a snapshot written before the
element existed is named by the workbook's SHA-256 instead).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import UsageError
from ..evidence.corpus import Corpus
from ..evidence.discrepancies import Discrepancy
from ..evidence.export import iter_fact_rows, json_line

PART = "customXml/reportgen-facts.xml"
ROOT = '<facts xmlns="urn:reportgen:facts-snapshot:1">'
_ROW = re.compile(r"<f>(.*?)</f>", re.S)
_EDITION = re.compile(r'<edition fingerprint="([^"]*)" title="([^"]*)"/>')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;")


def _unescape(text: str) -> str:
    return text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">") \
        .replace("&amp;", "&")


def snapshot(corpus: Corpus, facts: Path, fingerprint: str = "", title: str = "",
             discrepancies: list[Discrepancy] | None = None) -> bytes:
    """The part's text for the facts of ``corpus``, compressed (zlib, its fastest level:
    it is inflated again once, when written) to keep it small while the workbook is
    rendered. Fact files are named relative to the ``facts`` folder, so the part does
    not depend on where the build was run from; ``fingerprint`` and ``title`` name the
    edition (the build's input fingerprint and the report's title); ``discrepancies``:
    those of the facts, when the caller has found them."""
    root = facts.resolve() if facts.is_dir() else facts.resolve().parent
    names: dict[str, str] = {}
    packer = zlib.compressobj(1)
    edition = f'<edition fingerprint="{_escape(fingerprint)}" title="{_escape(title)}"/>\n'
    out = [packer.compress(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                           + ROOT.encode() + b"\n" + edition.encode())]
    lines: list[str] = []
    for row in iter_fact_rows(corpus, discrepancies):
        name = row["fact_file"]
        if name not in names:
            names[name] = _relative(name, root)
        row["fact_file"] = names[name]
        lines.append(json_line(row))
        if len(lines) == _CHUNK:
            out.append(packer.compress(_elements(lines)))
            lines.clear()
    out.append(packer.compress(_elements(lines) + b"</facts>\n"))
    out.append(packer.flush())
    return b"".join(out)


_CHUNK = 1000  # rows escaped and compressed together


def _elements(lines: list[str]) -> bytes:
    """``<f>`` elements of JSON lines, escaped all at once (JSON text holds no line
    break: the lines are joined by one)."""
    if not lines:
        return b""
    # element text: only & < > need escaping (a JSON line is full of '"': as &quot; it
    # would grow by half); the reader's _unescape reads either form
    text = "\n".join(lines).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return ("<f>" + text.replace("\n", "</f>\n<f>") + "</f>\n").encode()


def _relative(name: str, root: Path) -> str:
    path = Path(os.path.abspath(name))
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def add_snapshot(stream: BinaryIO, packed: bytes) -> None:
    """Append the part to the workbook just written to ``stream`` (read-write, seekable)."""
    from ..template.package import part_info  # lxml: loaded only when a workbook is written

    stream.flush()
    stream.seek(0)
    info = part_info(PART, external_attr=0o600 << 16)
    with zipfile.ZipFile(stream, "a") as package, package.open(info, "w") as part:
        unpacker = zlib.decompressobj()
        for start in range(0, len(packed), 1 << 16):  # small pieces: a low peak
            part.write(unpacker.decompress(packed[start:start + (1 << 16)]))
        part.write(unpacker.flush())


def snapshot_rows(packed: bytes) -> list[dict[str, Any]]:
    """The rows of a part :func:`snapshot` made: what the new workbook carries, as
    ``reportgen diff`` reads it back."""
    return _rows(zlib.decompress(packed).decode("utf-8"))


def _rows(text: str) -> list[dict[str, Any]]:
    return [json.loads(_unescape(match.group(1))) for match in _ROW.finditer(text)]


@dataclass
class Edition:
    """A workbook reportgen built: the fact rows it carries and what names it."""

    rows: list[dict[str, Any]]
    fingerprint: str  # its input fingerprint ('' when the snapshot predates it)
    title: str
    sha256: str  # of the workbook file
    #: the whole part, as read: what the new build compares with (for its fingerprint)
    part: bytes = b""


def read_edition(path: Path) -> Edition:
    """The snapshot of a workbook reportgen built, and which edition it is. A missing
    file, a file that is not a workbook, and a workbook without the snapshot (saved
    again by Excel or LibreOffice, which drop it) are usage errors naming the fix."""
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; name the workbook of the previous edition")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.startswith(b"PK"):
        raise UsageError(f"{path} is not an Excel workbook (.xlsx); name the workbook "
                         "reportgen built for the previous edition")
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            part = package.read(PART)
    except KeyError:
        raise UsageError(
            f"{path} carries no facts snapshot: it was not built by reportgen, or was "
            "saved again by Excel or LibreOffice, which drop it; use the workbook as "
            "reportgen wrote it (or rebuild that edition from its facts)") from None
    except (zipfile.BadZipFile, zlib.error, ValueError) as exc:
        raise UsageError(f"{path} is not a readable workbook ({exc})") from None
    text = part.decode("utf-8", "replace")
    if ROOT not in text[:200]:
        raise UsageError(f"{path}: {PART} is not a reportgen facts snapshot")
    found = _EDITION.search(text, 0, 2000)
    try:
        rows = _rows(text)
    except ValueError as exc:
        raise UsageError(f"{path}: its facts snapshot is damaged ({exc})") from None
    return Edition(rows, _unescape(found.group(1)) if found else "",
                   _unescape(found.group(2)) if found else "",
                   hashlib.sha256(data).hexdigest(), part)


def read_snapshot(path: Path) -> list[dict[str, Any]]:
    """The fact rows a workbook built by reportgen carries."""
    return read_edition(path).rows


def load_side(path: Path, sources: Path, articles: Path) -> list[dict[str, Any]]:
    """One side of ``reportgen diff``: a built workbook, an export or a facts folder."""
    if path.suffix.lower() == ".xlsx":
        return read_snapshot(path)
    from ..evidence.diff import load_rows

    return load_rows(path, sources, articles)
