"""``reportgen draft``: propose facts for a new article, for an analyst to confirm.

Deterministic rules, no network and no model: the article is split into sentences
(pysbd), each figure is read as the fact format wants it
(:mod:`reportgen.evidence.quantities`), the sentence's period is found and resolved from
the article's date (:mod:`reportgen.evidence.period_labels`), and a kind and metric are
guessed from its words; people with titles, dated meetings and agreements come from
:mod:`reportgen.evidence.statements`. Each candidate's ``quote`` is exactly as printed,
so it passes ``check`` unchanged; what the rules cannot know (who reports a figure,
between whom) is left empty with a ``# TODO`` comment, which ``check`` reports as
missing until the analyst fills it; guesses carry a ``# guess`` comment. A figure an
existing fact already quotes is not proposed again but listed as covered.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .coverage import Intervals, OffsetMap, sentence_spans
from .period_labels import Deadline, Period, find_deadline, find_period
from .provenance import normalise
from .quantities import Quantity, read_quantities
from .statements import meeting_date, people, states_agreement
from .validate import Record
from .values import PartialDate

TODO = object()  #: a field the analyst must fill

_GROWTH_WORDS = re.compile(
    r"\b(grew|grow|growth|increased?|increasing|rose|rise|up|surged?|jumped|climbed|"
    r"decreased?|declined?|fell|down|dropped|higher|lower)\b", re.IGNORECASE)
_TARGET_WORDS = re.compile(r"\b(goal|target|aim|aims|plan|plans|bring|reach|increase .* to)\b",
                           re.IGNORECASE)
_PROJECT_WORDS = re.compile(r"\b(projects?|plant|factory|refinery|build|construction|"
                            r"complex|worth|costing)\b", re.IGNORECASE)
_SHARE_WORDS = re.compile(r"\bshare\b", re.IGNORECASE)
#: (pattern, metric), first match wins
METRIC_WORDS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), m) for p, m in (
        (r"agricultur", "agricultural-trade"),
        (r"container", "container-traffic"),
        (r"cargo|freight|rail", "rail-cargo"),
        (r"non-resource", "non-resource-exports"),
        (r"invest", "investment-inflow"),
        (r"\bexport", "exports"),
        (r"\bimport", "imports"),
        (r"\bshare\b", "trade-share"),
        (r"\bGDP\b", "gdp"),
        (r"turnover|\btrade\b", "turnover"),
    ))
_MONEY_OR_VOLUME = ("USD", "CNY", "KZT", "EUR", "RUB", "tons")


@dataclass
class Candidate:
    """One proposed fact: its fields in order, each with an optional comment."""

    kind: str
    quote: str
    line: int  # where the sentence starts in the article
    quantities: list[Quantity]
    fields: list[tuple[str, Any, str | None]] = field(default_factory=list)
    covered_by: str | None = None  # the id of an existing fact that quotes the figure


@dataclass
class Draft:
    source_id: str | None
    article: str  # the article's name, for the header
    article_date: PartialDate | None
    candidates: list[Candidate]

    @property
    def proposed(self) -> list[Candidate]:
        return [c for c in self.candidates if c.covered_by is None]

    @property
    def covered(self) -> list[Candidate]:
        return [c for c in self.candidates if c.covered_by is not None]


def draft_article(text: str, article: str, source: Record | None = None,
                  facts: list[Record] | tuple = ()) -> Draft:
    """Candidates for every sentence of ``text`` that prints a figure."""
    source_id = source.id if source is not None else None
    article_date = source.get("date") if source is not None else None
    basis = source.get("date_basis", "stated") if source is not None else "stated"
    normalised = normalise(text)
    quoted = [(f.id, span) for f in facts if f.get("source") == source_id
              for span in _spans(normalised, f.get("quote") or "")]
    covered = Intervals([span for _, span in quoted])
    offsets = OffsetMap(text)
    candidates: list[Candidate] = []
    known = _people(facts)
    for start, end in sentence_spans(text):
        sentence = " ".join(text[start:end].split())
        line = offsets.line_column(start)[0]
        base = offsets.to_normalised(start)
        statements = _statements(sentence, line, base, source, article_date, known, quoted,
                                 facts)
        quantities = read_quantities(sentence)
        period = find_period(sentence, article_date, basis)
        deadline = find_deadline(sentence)
        quantities = [q for q in quantities if not _inside_label(q, period, deadline)]
        if not quantities:
            candidates += statements
            continue
        candidates += [c for c in statements if c.kind != "cooperation"]
        for group in _groups(quantities):
            candidate = _candidate(sentence, line, group, period, deadline, source_id)
            for q in group:
                at = (base + q.number.start, base + q.number.end)
                if covered.contain(*at):
                    candidate.covered_by = next(i for i, (a, b) in quoted
                                                if a <= at[0] and at[1] <= b)
            candidates.append(candidate)
    for n, candidate in enumerate(candidates, 1):
        if candidate.kind == "person":
            ident = f"draft-person-{_slug(dict((k, v) for k, v, _ in candidate.fields)['name'])}"
        else:
            ident = f"draft-{source_id or 'article'}-{n:02d}"
        candidate.fields.insert(0, ("id", ident, None))
    return Draft(source_id, article, article_date, candidates)


def _people(facts) -> dict[str, str]:
    """Every name (and printed form) of a person fact -> the person's id."""
    names: dict[str, str] = {}
    for fact in facts:
        if fact.kind == "person":
            for name in [fact.get("name"), *(fact.get("also_printed_as") or ())]:
                if name:
                    names[name] = fact.id
    return names


def _covering(quoted, kinds: dict[str, str], kind: str, span: tuple[int, int]
              ) -> str | None:
    """The id of an existing fact of ``kind`` whose quote overlaps ``span``."""
    return next((i for i, (a, b) in quoted if kinds.get(i) == kind and a < span[1]
                 and span[0] < b), None)


def _statements(sentence: str, line: int, base: int, source: Record | None,
                article_date: PartialDate | None, known: dict[str, str], quoted,
                facts) -> list[Candidate]:
    """Candidates for the people with titles, the dated meeting and the agreement a
    sentence states (figures are drafted separately)."""
    source_id = source.id if source is not None else None
    kinds = {f.id: f.kind for f in facts}
    found: list[Candidate] = []

    def candidate(kind: str, why: str, quote: str, fields, covered_kind: str,
                  span: tuple[int, int]) -> None:
        c = Candidate(kind, quote, line, [])
        c.fields += [("kind", kind, f"guess: {why}"),
                     ("source", source_id or TODO,
                      None if source_id else "TODO: the article's id in the sources file"),
                     ("quote", quote, None), *fields]
        c.covered_by = _covering(quoted, kinds, covered_kind, (base + span[0], base + span[1]))
        found.append(c)

    for mention in people(sentence):
        quote = sentence[mention.start:mention.end]
        person = known.get(mention.name)
        if person is None:
            candidate("person", "a name with a title", quote, [
                ("name", mention.name, None),
                ("country", TODO, "TODO: the country the person serves")],
                "person", (mention.start, mention.end))
            if found[-1].covered_by is None:
                known[mention.name] = f"draft-person-{_slug(mention.name)}"
        candidate("role", "a title with a name", quote, [
            ("person", person or known.get(mention.name, TODO),
             None if person else "guess: the person drafted above"),
            ("title", mention.title, None),
            ("country", TODO, "TODO: the country of the role"),
            *([("as_of", article_date, "guess: the article's date")] if article_date else [])],
            "role", (mention.start, mention.end))
    day = meeting_date(sentence)
    if day is not None:
        word = re.search(r"\b(visit|talks|summit|expo|forum|delegation)", sentence, re.I)
        event_type = {"visit": "visit", "talks": "talks", "summit": "summit", "expo": "expo",
                      "forum": "other", "delegation": "delegation"}.get(
            word.group(1).lower() if word else "", "meeting")
        year = article_date.year if article_date else None
        if article_date and article_date.month and day.month > article_date.month:
            year -= 1  # a month after the article's is last year's
        dates = [("start", PartialDate(year, day.month, day.day) if year else TODO,
                  "guess: the year from the article's date" if year else
                  "TODO: the date (the article has no date)")]
        if day.last_day and year:
            dates.append(("end", PartialDate(year, day.month, day.last_day), "guess"))
        participants = [known[m.name] for m in people(sentence) if m.name in known]
        candidate("event", "a dated meeting or visit", sentence, [
            ("title", TODO, "TODO: a short title"),
            ("event_type", event_type, "guess"),
            ("date_label", day.label, None), *dates,
            ("participants", participants or TODO,
             "guess: the people named" if participants else "TODO: [person ids]")],
            "event", (0, len(sentence)))
    if states_agreement(sentence):
        candidate("cooperation", "an agreement signed or reached", sentence, [
            ("area", "agreement", "guess"),
            ("summary", TODO, "TODO: one sentence in your words")],
            "cooperation", (0, len(sentence)))
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _spans(article: str, quote: str) -> list[tuple[int, int]]:
    text = normalise(quote)
    found, start = [], article.find(text) if text else -1
    while start >= 0:
        found.append((start, start + len(text)))
        start = article.find(text, start + 1)
    return found


def _inside_label(q: Quantity, period: Period | None, deadline: Deadline | None) -> bool:
    """'9' of '9 months of 2023' and '17' of 'over the past 17 years' are the period's."""
    for label in (period, deadline):
        if label is not None and label.start_offset <= q.number.start < label.end_offset:
            return True
    return False


def _groups(quantities: list[Quantity]) -> list[list[Quantity]]:
    """One candidate per figure, except a count of projects and the money they are worth
    ('52 projects worth over $21.2 billion'), which make one portfolio."""
    counts = [q for q in quantities if q.unit == "projects"]
    money = [q for q in quantities if q.unit in _MONEY_OR_VOLUME[:-1]]
    if len(counts) == 1 and len(money) == 1:
        rest = [q for q in quantities if q is not counts[0] and q is not money[0]]
        return [[counts[0], money[0]], *([q] for q in rest)]
    return [[q] for q in quantities]


def _candidate(sentence: str, line: int, group: list[Quantity], period: Period | None,
               deadline: Deadline | None, source_id: str | None) -> Candidate:
    first = group[0]
    kind, why = _kind(sentence, group, period, deadline)
    c = Candidate(kind, sentence, line, group)
    add = c.fields.append
    add(("kind", kind, f"guess: {why}"))
    add(("source", source_id or TODO,
         None if source_id else "TODO: add the article to the sources file; its id"))
    add(("quote", sentence, None))
    if kind in ("trade", "growth", "target"):
        metric = next((m for p, m in METRIC_WORDS if p.search(sentence)), None)
        add(("metric", metric or TODO, "guess" if metric else "TODO: what is measured"))
        add(("value", first, None))
        if kind == "target":
            add(("deadline", deadline.year if deadline else TODO,
                 None if deadline else "TODO: the deadline"))
            if deadline:
                add(("deadline_label", deadline.label, None))
        else:
            add(("period", period or TODO, None if period else
                 "TODO: the period the figure covers: {label: as printed, start: , end: }"))
            if kind == "growth" and re.search(r"year[- ]on[- ]year", sentence, re.I):
                add(("compared_to", "previous year", "guess"))
        add(("reporter", TODO, "TODO: who the figure is attributed to"))
        add(("partners", TODO, "TODO: [A, B], the economies it is between"))
    elif kind == "project":
        count = next((q for q in group if q.unit == "projects"), None)
        value = next((q for q in group if q is not count), None)
        add(("name", TODO, "TODO: the project's name, or a description of the portfolio"))
        add(("scope", "portfolio" if count else "single", "guess"))
        add(("sector", TODO, "TODO: energy, agriculture, ..."))
        if count is not None:
            add(("count", count, None))
        if value is not None:
            add(("value", value, None))
    else:
        if states_agreement(sentence):
            add(("area", "agreement", "guess"))
        else:
            add(("area", TODO, "TODO: agreement, investment, transport, education, ..."))
        add(("summary", TODO, "TODO: one sentence in your words"))
        add(("value", first, None))
        if period is not None and period.kind == "as-of" and period.end:
            add(("as_of", period.end, "guess: " + period.label))
    return c


def _kind(sentence: str, group: list[Quantity], period: Period | None,
          deadline: Deadline | None) -> tuple[str, str]:
    unit = group[0].unit
    if unit == "projects":
        return "project", "a count of projects"
    if unit in ("percent", "times"):
        if _SHARE_WORDS.search(sentence) and unit == "percent":
            return "trade", "a share"
        if deadline and _TARGET_WORDS.search(sentence):
            return "target", f"a multiple to reach {deadline.label}"
        return "growth", "a change in percent or times"
    if unit in _MONEY_OR_VOLUME:
        if deadline and _TARGET_WORDS.search(sentence):
            return "target", f"a figure to reach {deadline.label}"
        if period is not None and period.kind == "period":
            return "trade", f"a figure for {period.label}"
        if unit != "tons" and _PROJECT_WORDS.search(sentence):
            return "project", "money for something built or invested in"
    return "cooperation", "a figure with no period"


def draft_project(sources: Path, articles: Path, facts: Path, article: str) -> Draft:
    """Draft ``article`` (a source id, or the path of an article file) of a project,
    skipping the figures its existing facts already quote."""
    from ..errors import UsageError
    from .check import check_paths
    from .corpus import display_path

    corpus = check_paths(sources, articles, facts).corpus  # problems do not stop a draft
    if article in corpus.sources:
        source = corpus.sources[article]
        text = corpus.articles.raw(article)
        if text is None:
            raise UsageError(f"the article of source {article!r} cannot be read; run "
                             "'reportgen check' for the reason")
        return draft_article(text, str(source.get("file")), source, corpus.facts)
    path = Path(article)
    if not path.is_file():
        raise UsageError(f"{article}: neither a source id of {display_path(sources)} nor "
                         "an article file")
    resolved = path.resolve()
    source = next((s for s in corpus.sources.values()
                   if (articles / str(s.get("file"))).resolve() == resolved), None)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {article}: {exc}") from None
    return draft_article(text, path.name, source, corpus.facts)


# ----------------------------------------------------------------------------- YAML


def to_yaml(draft: Draft, include_covered: bool = False) -> str:
    """The draft as a fact file: comments mark guesses and TODOs; covered figures are
    listed at the end (or drafted too, with ``include_covered``)."""
    shown = draft.candidates if include_covered else draft.proposed
    head = [f"# Draft facts for {draft.article}"
            + (f" (source {draft.source_id}, dated {draft.article_date})"
               if draft.source_id else " (not in the sources file)"),
            "# Made by 'reportgen draft': every fact below is a proposal. Confirm each",
            "# '# guess', fill each '# TODO' (check reports it as missing until you do),",
            "# delete what you do not keep, and give each kept fact a readable id.",
            f"# {len(draft.proposed)} proposed, {len(draft.covered)} already covered by "
            "existing facts.",
            "facts:"]
    lines = head[:]
    for c in shown:
        lines.append(f"  # article line {c.line}"
                     + (f"; already covered by {c.covered_by}" if c.covered_by else ""))
        lines += _fact_lines(c)
        lines.append("")
    if not shown:
        lines[-1] = "facts: []"
    if draft.covered and not include_covered:
        lines.append("# Already covered (not drafted again):")
        for c in draft.covered:
            figures = ", ".join(repr(_printed(q)) for q in c.quantities)
            lines.append(f"#   line {c.line}: {figures} quoted by {c.covered_by}")
    return "\n".join(lines).rstrip() + "\n"


def _fact_lines(c: Candidate) -> list[str]:
    out = []
    for n, (name, value, comment) in enumerate(c.fields):
        lead = "  - " if n == 0 else "    "
        note = f"  # {comment}" if comment else ""
        if value is TODO:
            out.append(f"{lead}{name}:{note}")
        elif name == "quote":
            out.append(f"{lead}quote: >-")
            out += ["      " + line for line in textwrap.wrap(value, 84,
                                                              break_on_hyphens=False)]
        elif isinstance(value, Quantity) and value.unit is None:
            out.append(f"{lead}{name}:")
            out += [f"      {key}: {_scalar(v)}" for key, v in value.as_yaml_dict().items()
                    if v is not None]
            out.append(f"      unit:  # TODO: what is counted ({_printed(value)} ...)")
        elif isinstance(value, Quantity):
            out.append(f"{lead}{name}: {_flow(value.as_yaml_dict())}{note}")
        elif isinstance(value, Period):
            out.append(f"{lead}{name}:{note}")
            out.append(f"      label: {_scalar(value.label)}")
            out.append(f"      start:{' ' + str(value.start) if value.start else ''}"
                       + ("" if value.start else "  # TODO: first day covered"))
            out.append(f"      end:{' ' + str(value.end) if value.end else ''}"
                       + ("" if value.end else "  # TODO: last day covered"))
            if value.resolved_by:
                out.append(f"      resolved_by: {_scalar(value.resolved_by)}  # guess")
        elif isinstance(value, list):
            out.append(f"{lead}{name}: [{', '.join(_scalar(v) for v in value)}]{note}")
        else:
            out.append(f"{lead}{name}: {_scalar(value)}{note}")
    return out


def _flow(mapping: dict) -> str:
    parts = []
    for key, value in mapping.items():
        parts.append(f"{key}:" if value is None else f"{key}: {_scalar(value)}")
    return "{" + ", ".join(parts) + "}"


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._-]*|[0-9][a-z0-9-]*[a-z][a-z0-9-]*")


def _scalar(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (int, PartialDate)):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in ("yes", "no", "on", "off", "true",
                                                       "false", "null") \
            and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def _printed(q: Quantity) -> str:
    return " ".join(str(p) for p in (q.qualifier, q.amount, q.scale, q.unit) if p)


# ----------------------------------------------------------------------------- measure


@dataclass(frozen=True)
class Score:
    curated: int  # figures the curated facts record
    exact: int  # of those, proposed with the same amount, scale, unit and qualifier
    found: int  # proposed with the same amount and scale
    drafted: int  # figures the draft proposes (including those already covered)
    kept: int  # of those, the analyst kept (a curated figure has its amount and scale)

    @property
    def recall(self) -> float:
        return self.exact / self.curated if self.curated else 1.0

    @property
    def found_share(self) -> float:
        return self.found / self.curated if self.curated else 1.0

    @property
    def precision(self) -> float:
        return self.kept / self.drafted if self.drafted else 1.0


def score(corpus) -> Score:
    """How the draft of each article compares with the facts curated from it."""
    curated = exact = found = drafted = kept = 0
    for source_id, source in corpus.sources.items():
        text = corpus.articles.raw(source_id)
        if text is None:
            continue
        draft = draft_article(text, source_id, source, ())
        proposed = [q for c in draft.candidates for q in c.quantities]
        truth = [q for f in corpus.facts if f.get("source") == source_id
                 for name in ("value", "count", "capacity") if (q := f.get(name))]
        full = Counter(_key(q.amount, q.scale, q.unit, q.qualifier) for q in proposed)
        loose = Counter((q.amount, q.scale) for q in proposed)
        curated += len(truth)
        for q in truth:
            key = _key(q["amount"], q.get("scale"), q.get("unit"), q.get("qualifier"))
            if full[key] > 0:
                full[key] -= 1
                exact += 1
            if loose[(q["amount"], q.get("scale"))] > 0:
                loose[(q["amount"], q.get("scale"))] -= 1
                found += 1
        wanted = Counter((q["amount"], q.get("scale")) for q in truth)
        drafted += len(proposed)
        for q in proposed:
            if wanted[(q.amount, q.scale)] > 0:
                wanted[(q.amount, q.scale)] -= 1
                kept += 1
    return Score(curated, exact, found, drafted, kept)


def _key(amount, scale, unit, qualifier) -> tuple:
    return (Decimal(amount), scale, (unit or "").lower(), qualifier)


def score_roles(corpus) -> tuple[int, int, int]:
    """(curated roles, drafted with the same title and a name of the same person, role
    candidates drafted): people with titles, measured like the figures."""
    people = {f.id: f for f in corpus.facts if f.kind == "person"}
    curated = found = drafted = 0
    for source_id, source in corpus.sources.items():
        text = corpus.articles.raw(source_id)
        if text is None:
            continue
        proposed = [dict((k, v) for k, v, _ in c.fields)
                    for c in draft_article(text, source_id, source, ()).candidates
                    if c.kind == "role"]
        drafted += len(proposed)
        for role in (f for f in corpus.facts
                     if f.kind == "role" and f.get("source") == source_id):
            curated += 1
            person = people.get(role.get("person"))
            names = [person.get("name"), *(person.get("also_printed_as") or ())] \
                if person else []
            match = next((c for c in proposed if c["title"].lower() == role.get("title", "")
                          .lower() and any(n and n in c["quote"] for n in names)), None)
            if match is not None:
                proposed.remove(match)
                found += 1
    return curated, found, drafted
