"""The fact format reference in Markdown, generated from :mod:`reportgen.schema`."""

from __future__ import annotations

from . import schema as s


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
            f"{'yes' if f.in_quote else ''} | {f.doc} |"
        )
    return lines


def schema_markdown() -> str:
    out: list[str] = ["### Fields every fact has", "", *_table(s.COMMON_FIELDS), ""]
    for kind in s.KINDS.values():
        out += [f"### `{kind.name}`: {kind.title}", "", kind.doc, "", *_table(kind.fields), ""]
    for struct in (s.QUANTITY, s.PERIOD):
        out += [f"### {struct.name}", "", struct.doc, "", *_table(struct.fields), ""]
    out += ["### The sources file", "", s.SOURCE.doc, "", *_table(s.SOURCE.fields), ""]
    return "\n".join(out)


def splice(document: str) -> str:
    """Replace the generated block of docs/facts.md with the current reference."""
    start, end = "<!-- schema:start -->", "<!-- schema:end -->"
    head, _, rest = document.partition(start)
    _, _, tail = rest.partition(end)
    return f"{head}{start}\n{schema_markdown()}{end}{tail}"


def update(path: str = "docs/facts.md") -> bool:
    """Rewrite the generated block of ``path``; True if it changed."""
    from pathlib import Path

    doc = Path(path)
    old = doc.read_text(encoding="utf-8")
    new = splice(old)
    if new != old:
        doc.write_text(new, encoding="utf-8")
    return new != old


if __name__ == "__main__":  # python -m reportgen.schema_doc
    print("updated" if update() else "up to date")
