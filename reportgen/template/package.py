"""Reading a template package safely and writing the rendered one deterministically.

A template is a zip of XML parts. Before anything is decompressed the zip is checked
against bombs (declared sizes and ratios); every XML part is refused if it declares a
DOCTYPE or an entity, and is parsed without entity resolution or network access.
The output zip lists entries in the template's order with a fixed timestamp, so the
same inputs always give the same bytes.
"""

from __future__ import annotations

import re
import zipfile
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
_CHUNK = 1024 * 1024
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


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
        package = cls(path, names, data)
        for name in names:  # parts copied verbatim are checked too: none may carry a DTD
            if name.endswith((".xml", ".rels", ".vml")):
                package._check_declarations(name)
        return package

    def __contains__(self, name: str) -> bool:
        return name in self._data

    def raw(self, name: str) -> bytes:
        return self._data[name]

    def xml(self, name: str) -> etree._ElementTree:
        """Parse one part, refusing DOCTYPE and ENTITY declarations."""
        data = self._check_declarations(name)
        try:
            return etree.ElementTree(etree.fromstring(data, _parser()))
        except etree.XMLSyntaxError as exc:
            raise TemplateError(
                f"template {self.path}: part {name} is not well-formed XML ({exc})"
            ) from exc

    def _check_declarations(self, name: str) -> bytes:
        """Refuse a part that is not UTF-8 or declares a DOCTYPE or an ENTITY."""
        data = self._data[name]
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:200]:
            raise TemplateError(
                f"template {self.path}: part {name} is not UTF-8 (Excel writes UTF-8); "
                "refusing it, since declarations in other encodings could hide from checks"
            )
        if b"<!" in data and _DOCTYPE.search(data):
            raise TemplateError(
                f"template {self.path}: part {name} declares a DOCTYPE or an ENTITY, "
                "which Excel never writes; refusing it (it could be an XML bomb)"
            )
        return data


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
    return b"".join(chunks)


def serialize(tree: etree._ElementTree, standalone: bool | None = None) -> bytes:
    """Serialize a parsed part with the XML declaration Excel writes."""
    if standalone is None:
        standalone = bool(tree.docinfo.standalone)
    head = b'<?xml version="1.0" encoding="UTF-8"' + (b' standalone="yes"' if standalone else b"")
    return head + b"?>\r\n" + etree.tostring(tree, encoding="UTF-8", xml_declaration=False)


class PackageWriter:
    """Writes zip entries with a fixed timestamp and compression, in the order given."""

    def __init__(self, dest: BinaryIO):
        self._zip = zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)

    @staticmethod
    def _info(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0
        info.external_attr = 0
        return info

    def write(self, name: str, data: bytes) -> None:
        self._zip.writestr(self._info(name), data, compresslevel=6)

    def write_chunks(self, name: str, chunks: Iterable[bytes], large: bool = False) -> None:
        with self._zip.open(self._info(name), "w", force_zip64=large) as out:
            for chunk in chunks:
                out.write(chunk)

    def close(self) -> None:
        try:
            self._zip.close()
        except OSError as exc:
            raise BuildError(f"could not finish writing the workbook ({exc})") from exc
