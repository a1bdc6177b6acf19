"""Small XML text helpers: element fragments as strings, keeping the document's prefixes.

Generated rows are written as strings into a part whose namespaces are declared on its
root. These helpers turn template elements into strings that fit that context: they use
the prefixes in scope and drop declarations the root already makes.
"""

from __future__ import annotations

import re

from lxml import etree

SLOT_PREFIX = "reportgen-slot-"
_ATTR_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                 "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_ATTR_RE = re.compile('[&<>"\n\r\t]')


def escape_attr(value: str) -> str:
    return _ATTR_RE.sub(lambda m: _ATTR_ESCAPES[m.group()], value)


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` escaped for element text (what ``xml.sax.saxutils.escape``
    does, without importing it: it pulls in ``urllib.request`` and ``http.client``,
    about 25 ms of every build's start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def prefix_of(el: etree._Element) -> str:
    """``'x:'`` when the element's namespace is bound to prefix x, else ``''``."""
    return f"{el.prefix}:" if el.prefix else ""


def scope_declarations(root: etree._Element) -> set[str]:
    """The namespace declarations in scope at ``root``, as they appear in a start tag."""
    return {
        f' xmlns="{uri}"' if prefix is None else f' xmlns:{prefix}="{uri}"'
        for prefix, uri in root.nsmap.items()
    }


def attributes(el: etree._Element, skip: tuple[str, ...] = ()) -> str:
    """The attributes of ``el`` as start-tag text (``' s="3" x14ac:dyDescent="0.25"'``)."""
    out = []
    prefixes = None
    for name, value in el.attrib.items():
        if name in skip:
            continue
        if name.startswith("{"):
            if prefixes is None:
                prefixes = {uri: p for p, uri in el.nsmap.items() if p}
            uri, local = name[1:].split("}", 1)
            if uri == "http://www.w3.org/XML/1998/namespace":
                name = "xml:" + local
            elif uri in prefixes:
                name = f"{prefixes[uri]}:{local}"
            else:
                continue  # cannot happen in a parsed document
        out.append(f' {name}="{escape_attr(value)}"')
    return "".join(out)


def fragment(el: etree._Element, declared: set[str]) -> str:
    """``el`` serialized, without namespace declarations the target context already has."""
    text = etree.tostring(el, encoding=str, with_tail=False)
    end = text.find(">")
    head = text[:end]
    for decl in declared:
        if decl in head:
            head = head.replace(decl, "", 1)
    return head + text[end:]


def slot_token(data: bytes) -> str:
    """A comment text prefix that does not occur in ``data``, to mark places to fill."""
    token = SLOT_PREFIX
    while token.encode() in data:
        token += "x"
    return token


def slot_pattern(token: str) -> re.Pattern[bytes]:
    return re.compile(b"<!--" + re.escape(token.encode()) + rb"(\d+)-->")


def split_slots(data: bytes, token: str) -> list[bytes | int]:
    """Split serialized XML at slot comments: bytes pieces and slot numbers, in order."""
    out: list[bytes | int] = []
    last = 0
    for m in slot_pattern(token).finditer(data):
        out.append(data[last : m.start()])
        out.append(int(m.group(1)))
        last = m.end()
    out.append(data[last:])
    return out


def make_slot(token: str, number: int) -> etree._Comment:
    return etree.Comment(f"{token}{number}")
