"""The fact format reference in Markdown, generated from :mod:`reportgen.evidence.schema`."""

from __future__ import annotations

from .evidence import schema as s


def _type_name(ftype: s.Type) -> str:
    if isinstance(ftype, s.Struct):
        return ftype.name
    if isinstance(ftype, s.ListOf):
        return f"list of {_type_name(ftype.item)}"
    if isinstance(ftype, s.Ref):
        return f"{ftype.target} id"
    if isinstance(ftype, s.Enum):
        return "one of " + ", ".join(f"`{v}`" for v in ftype.values)
    return ftype.name


def _table(fields: tuple[s.Field, ...]) -> list[str]:
    lines = ["| field | type | required | in quote | meaning |",
             "| --- | --- | --- | --- | --- |"]
    for f in fields:
        lines.append(
            f"| `{f.name}` | {_type_name(f.type)} | {'yes' if f.required else ''} | "
            f"{'yes' if f.in_quote else 'article' if f.in_article else ''} | {f.doc} |"
        )
    return lines


def schema_markdown() -> str:
    out: list[str] = ["### Fields every fact has", "", *_table(s.COMMON_FIELDS), ""]
    for kind in s.KINDS.values():
        out += [f"### `{kind.name}`: {kind.title}", "", kind.doc, "", *_table(kind.fields), ""]
    for struct in (s.QUANTITY, s.PERIOD):
        out += [f"### {struct.name}", "", struct.doc, "", *_table(struct.fields), ""]
    out += ["### The sources file", "", s.SOURCE.doc, "", *_table(s.SOURCE.fields), ""]
    out += [f"### {s.WAIVER.name}", "", s.WAIVER.doc, "", *_table(s.WAIVER.fields), ""]
    out += _languages_table()
    return "\n".join(out)


def _languages_table() -> list[str]:
    """How quotes in each declared language print numbers (``evidence/languages.py``)."""
    from .evidence.languages import LANGUAGES

    def words(items) -> str:
        return ", ".join(f"`{w}`" for w in items)

    def space(mark: str) -> str:
        return "a space (no-break and narrow ones too)" if mark == " " else f"`{mark}`"

    out = ["### Number writing by language", "",
           "A source whose `language` is one of these has its quotes read with that "
           "language's numbers (from Unicode CLDR, plus the words CLDR lacks); any other "
           "language is read as English.", "",
           "| language | decimal mark | thousands separator | scale words | percent | times "
           "| qualifiers |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for lang in LANGUAGES.values():
        powers: dict[int, list[str]] = {}
        for word, multiplier in lang.scales.items():
            powers.setdefault(multiplier, []).append(word)
        scales = "; ".join(f"10^{len(str(m)) - 1}: {words(ws)}" for m, ws in sorted(powers.items()))
        percent = words(lang.percent) + (f"; before: {words(lang.percent_before)}"
                                         if lang.percent_before else "")
        out.append(f"| {lang.name} (`{lang.code}`) | {', '.join(map(space, lang.decimals))} | "
                   f"{', '.join(map(space, lang.groups))} | "
                   f"{scales} | {percent} | {words(lang.times)} | "
                   f"{words(lang.qualifiers)} |")
    return out + [""]


def briefing_markdown() -> str:
    """What the briefing model offers a template: scalars and collections with fields."""
    from .briefing.model import COLLECTIONS, SCALARS

    out = ["### Scalars", "", "| marker | value |", "| --- | --- |"]
    out += [f"| `{{{{ {name} }}}}` | {doc} |" for name, doc in SCALARS.items()]
    out += ["", "### Collections", ""]
    for name, (doc, fields) in COLLECTIONS.items():
        out += [f"- **`{name}`**: {doc} Fields: "
                + ", ".join(f"`{field}`" for field in fields) + "."]
    out += ["", "Every fact collection ends with the provenance fields: `source` (a link to "
            "the article's row on the sources sheet), `source_date`, `quote`, `quote_en` (the "
            "analyst's English rendering of a quote in another language, never checked), "
            "`quote_link` (a link to the paragraph of the articles sheet the quote starts in), "
            "`note`, `id`. Collections with a period also offer `period_label_en`, the "
            "label's English rendering, and `period_label_shown`, the label as printed with "
            "its English rendering beside it when it has one (what the shipped template "
            "shows under As printed).",
            ""]
    return "\n".join(out)


def export_markdown() -> str:
    """The columns of ``reportgen export``."""
    from .evidence.export import COLUMNS

    out = ["| column | type | meaning |", "| --- | --- | --- |"]
    out += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in COLUMNS]
    return "\n".join(out) + "\n"


BLOCKS = {
    "docs/facts.md": ("schema", schema_markdown),
    "docs/templates.md": ("briefing", briefing_markdown),
    "docs/export.md": ("columns", export_markdown),
}


def splice(document: str, block: str = "schema", content=None) -> str:
    """Replace a generated block (between ``<!-- block:start -->`` and ``<!-- block:end -->``)."""
    start, end = f"<!-- {block}:start -->", f"<!-- {block}:end -->"
    head, found, rest = document.partition(start)
    if not found:
        raise ValueError(f"the document has no {start} marker")
    _, _, tail = rest.partition(end)
    text = (content or schema_markdown)()
    return f"{head}{start}\n{text}{end}{tail}"


def update(root: str = ".") -> list[str]:
    """Rewrite every generated block; return the files that changed."""
    from pathlib import Path

    changed = []
    for name, (block, content) in BLOCKS.items():
        doc = Path(root) / name
        old = doc.read_text(encoding="utf-8")
        new = splice(old, block, content)
        if new != old:
            doc.write_text(new, encoding="utf-8")
            changed.append(name)
    return changed


if __name__ == "__main__":  # python -m reportgen.reference
    changed = update()
    print("updated: " + ", ".join(changed) if changed else "docs are up to date")
