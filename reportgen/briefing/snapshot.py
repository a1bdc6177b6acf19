"""The facts a built workbook shows, carried inside it, so editions can be compared.

Each build adds one part to the workbook's package, ``customXml/reportgen-facts.xml``:
the rows of ``reportgen export`` (every fact's id, normalised value, resolved period,
source, quote, discrepancy), one JSON object per ``<f>`` element, sorted by id. Excel
and LibreOffice ignore a part no relationship points to; its type is the package's
default for ``.xml``. The part is deterministic (fixed time stamp, rows in id order), so
the same inputs still give a byte-identical workbook. ``reportgen diff OLD.xlsx
NEW.xlsx`` reads it back (:func:`read_snapshot`); a workbook saved again by Excel has
lost it, and says so.
"""

from __future__ import annotations

import json
import os
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import UsageError
from ..evidence.corpus import Corpus
from ..evidence.export import iter_fact_rows, json_line

PART = "customXml/reportgen-facts.xml"
ROOT = '<facts xmlns="urn:reportgen:facts-snapshot:1">'
_ROW = re.compile(r"<f>(.*?)</f>", re.S)


def snapshot(corpus: Corpus, facts: Path) -> bytes:
    """The part's text for the facts of ``corpus``, compressed (zlib) to keep it small
    while the workbook is rendered. Fact files are named relative to the ``facts``
    folder, so the part does not depend on where the build was run from."""
    root = facts.resolve() if facts.is_dir() else facts.resolve().parent
    names: dict[str, str] = {}
    packer = zlib.compressobj(6)
    out = [packer.compress(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                           + ROOT.encode() + b"\n")]
    for row in iter_fact_rows(corpus):
        name = row["fact_file"]
        if name not in names:
            names[name] = _relative(name, root)
        row["fact_file"] = names[name]
        text = json_line(row).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(packer.compress(f"<f>{text}</f>\n".encode()))
    out.append(packer.compress(b"</facts>\n"))
    out.append(packer.flush())
    return b"".join(out)


def _relative(name: str, root: Path) -> str:
    path = Path(os.path.abspath(name))
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def add_snapshot(stream: BinaryIO, packed: bytes) -> None:
    """Append the part to the workbook just written to ``stream`` (read-write, seekable)."""
    stream.flush()
    stream.seek(0)
    info = zipfile.ZipInfo(PART, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    with zipfile.ZipFile(stream, "a") as package, package.open(info, "w") as part:
        unpacker = zlib.decompressobj()
        for start in range(0, len(packed), 1 << 16):  # small pieces: a low peak
            part.write(unpacker.decompress(packed[start:start + (1 << 16)]))
        part.write(unpacker.flush())


def read_snapshot(path: Path) -> list[dict[str, Any]]:
    """The fact rows a workbook built by reportgen carries."""
    try:
        with zipfile.ZipFile(path) as package:
            text = package.read(PART).decode("utf-8")
    except KeyError:
        raise UsageError(f"{path} carries no facts snapshot (built by an older reportgen, "
                         "or saved again by Excel); rebuild it, or diff an export") from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise UsageError(f"{path} is not a workbook reportgen built: {exc}") from None
    if ROOT not in text[:200]:
        raise UsageError(f"{path}: {PART} is not a reportgen facts snapshot")
    rows = []
    for match in _ROW.finditer(text):
        raw = match.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        rows.append(json.loads(raw))
    return rows


def load_side(path: Path, sources: Path, articles: Path) -> list[dict[str, Any]]:
    """One side of ``reportgen diff``: a built workbook, an export or a facts folder."""
    if path.suffix.lower() == ".xlsx":
        return read_snapshot(path)
    from ..evidence.diff import load_rows

    return load_rows(path, sources, articles)
