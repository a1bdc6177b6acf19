"""Reading a template package safely and writing the rendered one deterministically.

A template is a zip of XML parts. Before anything is decompressed the zip is checked
against bombs (declared sizes and ratios). Every XML part is read as UTF-8 or UTF-16 only
(a part declaring any other encoding, or starting in one, is refused: a declaration in
UTF-7 or EBCDIC could hide from any byte check), UTF-16 parts are turned into UTF-8, and a
part is refused if its *decoded* text declares a DOCTYPE or an entity. Parts are parsed
without entity resolution or network access, a parsed part is checked again (its
document information may hold no DTD, its encoding must be UTF-8 or UTF-16), and a DTD
is never serialised.
The output zip lists entries in the template's order with a fixed timestamp, so the
same inputs always give the same bytes.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from reportgen.errors import BuildError, TemplateError

#: Refuse a template whose members declare more than this many bytes in total.
MAX_TOTAL_UNCOMPRESSED = 256 * 1024 * 1024
#: Refuse a member that declares more than this ratio of uncompressed to compressed size.
MAX_RATIO = 200
#: Members declaring fewer bytes than this are not ratio-checked: they cannot do harm, and
#: tiny parts of repeated markup compress unusually well.
RATIO_FLOOR = 64 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
ZIP_SIGNATURE = b"PK"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
#: zlib level of every part written: measured on a workbook of 100,000 facts (257 MB of
#: XML), level 3 compresses in 0.9 s to 24.2 MB, level 6 (zlib's default) in 2.2 s to
#: 20.1 MB, level 1 in 0.7 s to 28.3 MB (docs/performance.md)
COMPRESS_LEVEL = 3
_CHUNK = 1024 * 1024
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATION = re.compile(rb"[ \t\r\n]*<\?xml[ \t\r\n]([^>]{0,1000})\?>")
_STARTS_AS_XML = re.compile(rb"[ \t\r\n]*<")
_XML_DECLARATION_START = re.compile(rb"[ \t\r\n]*<\?xml", re.IGNORECASE)
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
_UTF8_NAMES = {"utf-8", "utf8"}
_UTF16_NAMES = {"utf-16", "utf16", "utf-16le", "utf-16be"}
#: the only codecs a part may be in, as lxml and Excel name them
ENCODINGS = ("UTF-8", "UTF-16")


class PartRefused(Exception):
    """A part that is not safe to read; the message says why (without naming it)."""


def as_utf8(data: bytes) -> bytes:
    """The part's bytes in UTF-8, or PartRefused when it is in another encoding, its
    declaration names another, or its decoded text declares a DOCTYPE or an ENTITY."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or \
            data[:2] in (b"<\x00", b"\x00<"):
        codec = "utf-16" if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else (
            "utf-16-le" if data[:1] == b"<" else "utf-16-be")
        try:
            text = data.decode(codec).removeprefix("\ufeff")
        except UnicodeDecodeError:
            text = "\x00"
        if "\x00" in text:
            raise PartRefused("starts as UTF-16 but is not valid UTF-16 text") from None
        declared = _declared_encoding(text.encode("utf-8"))
        if declared is not None and declared not in _UTF16_NAMES:
            raise PartRefused(f"is UTF-16 but declares encoding {declared!r}")
        data = text.encode("utf-8")
        head = _DECLARATION.match(data)
        if head is not None:
            data = _utf8_declaration(head) + data[head.end():]
    else:
        body = data.removeprefix(codecs.BOM_UTF8)
        if body and not _STARTS_AS_XML.match(body) or b"\x00" in body:
            raise PartRefused("does not start as XML in UTF-8 or UTF-16")
        declared = _declared_encoding(body)
        if declared is not None and declared not in _UTF8_NAMES:
            raise PartRefused(f"declares encoding {declared!r}; only UTF-8 and UTF-16 "
                              "are accepted (Excel writes UTF-8)")
    if b"<!" in data and _DOCTYPE.search(data):
        raise PartRefused("declares a DOCTYPE or an ENTITY, which Excel never writes "
                          "(it could be an XML bomb or read files of this machine)")
    return data


def _declared_encoding(data: bytes) -> str | None:
    head = _DECLARATION.match(data)
    if head is None:
        if _XML_DECLARATION_START.match(data):
            raise PartRefused("has an XML declaration reportgen cannot read")
        return None
    found = _ENCODING.search(head.group(1))
    return found.group(1).decode("ascii", "replace").strip().lower() if found else None


def _utf8_declaration(match: re.Match) -> bytes:
    return _ENCODING.sub(b'encoding="UTF-8"', match.group(0), count=1)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False
    )


class Package:
    """The parts of a template, in the zip's order, read into memory after the checks."""

    def __init__(self, path: Path, names: list[str], data: dict[str, bytes]):
        self.path = path
        self.names = names
        self._data = data

    @classmethod
    def open(cls, path: Path) -> Package:
        path = Path(path)
        try:
            with open(path, "rb") as fh:
                head = fh.read(8)
        except OSError as exc:
            raise TemplateError(f"template {path}: cannot be read ({exc.strerror})") from exc
        if head.startswith(OLE_SIGNATURE):
            raise TemplateError(
                f"template {path}: is an encrypted (password-protected) workbook or a legacy "
                ".xls file; save it in Excel as an unprotected .xlsx workbook"
            )
        if not head.startswith(ZIP_SIGNATURE):
            raise TemplateError(f"template {path}: is not an .xlsx workbook (not a zip file)")
        try:
            with zipfile.ZipFile(path) as zf:
                infos = zf.infolist()
                _check_bomb(path, infos)
                names = [i.filename for i in infos]
                if "xl/workbook.xml" not in names:
                    raise TemplateError(
                        f"template {path}: is a zip file but not an Excel workbook "
                        "(it has no xl/workbook.xml)"
                    )
                data = {i.filename: _read_member(path, zf, i) for i in infos if not i.is_dir()}
        except zipfile.BadZipFile as exc:
            raise TemplateError(
                f"template {path}: is a damaged or truncated zip file ({exc})"
            ) from exc
        names = [n for n in names if n in data]
        for name in names:  # parts copied verbatim are checked too: none may carry a DTD
            if name.lower().endswith((".xml", ".rels", ".vml")):
                try:
                    data[name] = as_utf8(data[name])
                except PartRefused as exc:
                    raise TemplateError(f"template {path}: part {name} {exc}") from None
        return cls(path, names, data)

    def __contains__(self, name: str) -> bool:
        return name in self._data

    def raw(self, name: str) -> bytes:
        return self._data[name]

    def xml(self, name: str) -> etree._ElementTree:
        """Parse one part (checked when the package was opened, and again here)."""
        try:
            data = as_utf8(self._data[name])
            tree = etree.ElementTree(etree.fromstring(data, _parser()))
        except PartRefused as exc:
            raise TemplateError(f"template {self.path}: part {name} {exc}") from None
        except etree.XMLSyntaxError as exc:
            raise TemplateError(
                f"template {self.path}: part {name} is not well-formed XML ({exc})"
            ) from exc
        info = tree.docinfo
        if info.doctype or info.internalDTD is not None or info.externalDTD is not None or \
                (info.encoding or "UTF-8").upper() not in ENCODINGS:
            raise TemplateError(
                f"template {self.path}: part {name} declares a DOCTYPE or an encoding other "
                "than UTF-8 once parsed; refusing it"
            )
        return tree


def _check_bomb(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise TemplateError(
            f"template {path}: declares {total:,} bytes uncompressed, more than the "
            f"{MAX_TOTAL_UNCOMPRESSED:,} reportgen accepts (a zip bomb?)"
        )
    for info in infos:
        if info.file_size < RATIO_FLOOR:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            raise TemplateError(
                f"template {path}: member {info.filename} expands {ratio:.0f}:1, more than "
                f"the {MAX_RATIO}:1 reportgen accepts (a zip bomb?)"
            )


def _read_member(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one member, stopping if it inflates past its declared size."""
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > info.file_size:
                    raise TemplateError(
                        f"template {path}: member {info.filename} inflates past its declared "
                        "size (a zip bomb?)"
                    )
                chunks.append(chunk)
    except (EOFError, zlib.error, zipfile.BadZipFile, NotImplementedError, ValueError,
            OSError) as exc:
        raise TemplateError(
            f"template {path}: part {info.filename} is damaged or truncated "
            f"({exc or type(exc).__name__}); save the workbook again in Excel"
        ) from None
    return b"".join(chunks)


def serialize(tree: etree._ElementTree, standalone: bool | None = None) -> bytes:
    """Serialize a parsed part with the XML declaration Excel writes (never a DTD: only
    the root element and what surrounds it are written)."""
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise TemplateError("refusing to write a part that holds a DOCTYPE")
    if standalone is None:
        standalone = bool(tree.docinfo.standalone)
    head = b'<?xml version="1.0" encoding="UTF-8"' + (b' standalone="yes"' if standalone else b"")
    return head + b"?>\r\n" + etree.tostring(tree, encoding="UTF-8", xml_declaration=False)


def part_info(name: str, **attributes: int) -> zipfile.ZipInfo:
    """A deflated zip entry with the fixed timestamp and :data:`COMPRESS_LEVEL` (which
    ``ZipFile.open(info, "w")`` reads from the entry, not from the zip file)."""
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    if hasattr(info, "compress_level"):  # Python 3.13 and later
        info.compress_level = COMPRESS_LEVEL
    else:
        info._compresslevel = COMPRESS_LEVEL
    for key, value in attributes.items():
        setattr(info, key, value)
    return info


class PackageWriter:
    """Writes zip entries with a fixed timestamp and compression, in the order given."""

    def __init__(self, dest: BinaryIO):
        self._zip = zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED,
                                    compresslevel=COMPRESS_LEVEL)

    @staticmethod
    def _info(name: str) -> zipfile.ZipInfo:
        return part_info(name, create_system=0, external_attr=0)

    def write(self, name: str, data: bytes) -> None:
        self._zip.writestr(self._info(name), data, compresslevel=COMPRESS_LEVEL)

    def write_chunks(self, name: str, chunks: Iterable[bytes], large: bool = False) -> None:
        with self._zip.open(self._info(name), "w", force_zip64=large) as out:
            for chunk in chunks:
                out.write(chunk)

    def close(self) -> None:
        try:
            self._zip.close()
        except OSError as exc:
            raise BuildError(f"could not finish writing the workbook ({exc})") from exc
