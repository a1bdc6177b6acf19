"""The fact schema, declared once.

Validation (:mod:`reportgen.evidence.validate`), the format reference in ``docs/facts.md``
(``reportgen schema``) and the workbook's column labels all derive from the
declarations below. To add a field, add it here, with its doc.

Field types are small objects; ``Struct`` is a nested mapping (a quantity, a
period); ``Kind`` is a fact kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from . import languages

# --------------------------------------------------------------------------- types


@dataclass(frozen=True)
class Type:
    """A scalar type; ``name`` appears in docs and messages."""

    name: str


TEXT = Type("text")  #: any single-line or multi-line string, kept exactly as written
SLUG = Type("slug")  #: lower-case letters, digits and hyphens, e.g. ``2023-09-01-primeminister``
NUMBER = Type("number")  #: a decimal number as printed: 31.5, 1000, 2.6 (no thousands separators)
INTEGER = Type("integer")  #: a whole number
DATE = Type("date")  #: a date, possibly partial: 2023, 2023-05 or 2023-05-19
URL = Type("url")  #: an http or https URL
BOOLEAN = Type("boolean")  #: true or false


@dataclass(frozen=True)
class Enum(Type):
    values: tuple[str, ...] = ()
    #: a project-file key whose list extends ``values`` for one project (``asset_types``);
    #: empty: the list is closed
    extended_by: str = ""


@dataclass(frozen=True)
class Ref(Type):
    """The id of another record: ``target`` is ``source``, ``person`` or ``fact``."""

    target: str = "fact"


@dataclass(frozen=True)
class ListOf(Type):
    item: Type = TEXT


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    doc: str
    required: bool = False
    #: the value must be found in the record's quote (numbers by value, text verbatim)
    in_quote: bool = False
    #: the value must be found in the record's article, not necessarily in its quote
    in_article: bool = False
    #: the column heading the workbook shows for this field
    label: str = ""
    #: the value used when the field is absent (project file paths)
    default: str | None = None
    #: name of a sibling list field whose items may stand in the quote instead
    alternatives: str | None = None

    @property
    def heading(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Struct(Type):
    """A nested mapping with declared fields."""

    doc: str = ""
    fields: tuple[Field, ...] = ()

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class Kind:
    """A fact kind: its name, what it records, and its fields (after the common ones)."""

    name: str
    title: str
    doc: str
    fields: tuple[Field, ...] = field(default=())

    @cached_property
    def all_fields(self) -> tuple[Field, ...]:
        return COMMON_FIELDS + self.fields

    def field(self, name: str) -> Field | None:
        return next((f for f in self.all_fields if f.name == name), None)


# --------------------------------------------------------------------------- vocabularies

SCALES: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    # each declared language's own scale words: 'млрд', 'миллиарда', 'мың', '万', '亿', '万亿'
    **languages.SCALE_WORDS,
}

#: Qualifiers as printed, and what each says about the true value.
QUALIFIERS: dict[str, str] = {
    "about": "approximately",
    "around": "approximately",
    "approximately": "approximately",
    "some": "approximately",
    "nearly": "just below",
    "almost": "just below",
    "over": "above",
    "more than": "above",
    "exceeding": "above",
    "exceeded": "above",
    "above": "above",
    "at least": "at or above",
    "up to": "at or below",
    "under": "below",
    "less than": "below",
    # each declared language's own: 'более', 'около', 'астам', '超过', '约', '近', '逾', ...
    **languages.QUALIFIERS,
}

#: Units with a special meaning in the workbook; any other unit is kept as text.
PERCENT_UNITS = ("percent", "%")
CURRENCY_UNITS = ("USD", "CNY", "KZT", "EUR", "RUB")

ASSET_TYPES = (
    "border-checkpoint",
    "border-crossing",
    "transport-corridor",
    "transport-route",
    "sea-port",
    "dry-port",
    "airport",
    "logistics-base",
    "railway",
    "road",
    "pipeline",
    "power-plant",
    "refinery",
    "industrial-complex",
    "economic-zone",
    "industrial-zone",
    "cooperation-centre",
    "other",
)

STATUSES = (
    "planned",
    "proposed",
    "under-construction",
    "under-implementation",
    "operating",
    "completed",
    "modernised",
    "unknown",
)

EVENT_TYPES = (
    "meeting",
    "visit",
    "talks",
    "summit",
    "expo",
    "delegation",
    "interview",
    "signing",
    "announcement",
    "other",
)

#: what a target's figure rests on
TARGET_BASES = ("official-target", "plan", "forecast", "projection")

#: how a figure is linked to the figures it names in ``related``
RELATIONS = ("same-series", "revises", "narrower", "broader", "rounds")

#: how a rank's position is meant
RANK_QUALIFIERS = ("exactly", "among the top", "one of the largest")

COOPERATION_AREAS = (
    "agreement",
    "trade-relations",
    "investment",
    "transport",
    "energy",
    "agriculture",
    "industry",
    "e-commerce",
    "joint-companies",
    "education",
    "science-technology",
    "culture",
    "tourism",
    "media",
    "people-to-people",
    "policy",
    "other",
)

# --------------------------------------------------------------------------- structs

QUANTITY = Struct(
    "quantity",
    doc="A number as the article prints it; reportgen computes the normalised value.",
    fields=(
        Field(
            "amount",
            NUMBER,
            "The number as printed, without thousands separators and with a decimal "
            "point: 31.5 for '$31.5 billion' and for '31,5 млрд', 1000 for '1,000 "
            "megawatts' and '1 000 МВт', 410 for '410亿', 2.6 for '2.6 times' and "
            "'в 2,6 раза'. Must be found in the quote (digits, full-width digits or a "
            "number word such as 'five', 'пять', '三十二').",
            required=True,
            in_quote=True,
        ),
        Field(
            "scale",
            Enum("enum", tuple(SCALES)),
            "The printed scale word, if any: thousand, million, billion, trillion, or the "
            "source language's own as printed (тыс., млн, млрд, трлн; мың; 万 = 10^4, "
            "亿 = 10^8, 万亿 = 10^12). In a Russian, Kazakh or Chinese source the quote must "
            "print the amount with a scale word of the same size ('31,5 млрд' is amount 31.5, "
            "scale млрд or billion).",
        ),
        Field(
            "unit",
            TEXT,
            "What is counted: a currency code (USD, CNY, KZT), percent, times, tons, MW, "
            "projects, companies, ...",
            required=True,
        ),
        Field(
            "qualifier",
            Enum("enum", tuple(QUALIFIERS)),
            "The printed qualifier, if any: about, over, more than, nearly, exceeding, ...; "
            "более, около, свыше, почти, порядка; астам, шамамен, жуық; 超过, 约, 近, 逾, "
            "多, ... Must be found in the quote.",
            in_quote=True,
        ),
    ),
)

PERIOD = Struct(
    "period",
    doc="The time a figure covers: the label as printed and the dates it resolves to.",
    fields=(
        Field(
            "label",
            TEXT,
            "The period as printed: 'last year', '9 months of 2023', 'in 2022', "
            "'over the past 15 years', 'за 9 месяцев 2023 года', '2023年前10个月'. Must be "
            "found in the quote.",
            in_quote=True,
        ),
        Field(
            "label_en",
            TEXT,
            "The label in English, for a label printed in another language: "
            "'in 9 months of 2023'. For the reader only; check proves the label.",
            label="Period (English)",
        ),
        Field(
            "start",
            DATE,
            "First day covered: 2023 means 2023-01-01, 2023-07 means 2023-07-01.",
            required=True,
        ),
        Field(
            "end",
            DATE,
            "Last day covered: 2023 means 2023-12-31, 2023-09 means 2023-09-30.",
            required=True,
        ),
        Field(
            "resolved_by",
            TEXT,
            "How the label was resolved to dates when the article does not say, "
            "e.g. 'article dated 2024-03 (inferred); last year = 2023'.",
        ),
        Field(
            "approximate",
            BOOLEAN,
            "true when the dates are an estimate the article does not print, such as a "
            "window 'over the past 17 years' whose first year and cut-off are unknown; "
            "the workbook marks such dates with '~'.",
        ),
        Field(
            "label_from",
            TEXT,
            "When the quote only refers to a period stated elsewhere ('the same period', "
            "'this year'), the article's own words that state it: 'in January-October "
            "2023'. Must be found in the article (not the quote); shown as context beside "
            "the label, never as printed in the quote.",
            in_article=True,
        ),
    ),
)

ROLE = Struct(
    "role",
    doc="A position a person holds, as the article states it.",
    fields=(
        Field("title", TEXT, "The title as printed: 'Prime Minister'.", required=True,
              in_quote=True),
        Field("organisation", TEXT, "The body the role belongs to: 'Ministry of Finance'."),
        Field("country", TEXT, "The country the role serves: 'France'."),
    ),
)

# --------------------------------------------------------------------------- kinds

COMMON_FIELDS: tuple[Field, ...] = (
    Field("id", SLUG, "Stable id, unique across all fact files: 'trade-2022-turnover-kz-gov'.",
          required=True, label="ID"),
    Field("kind", Enum("enum", ()), "The fact kind (see below).", required=True),
    Field("source", Ref("ref", "source"), "The id of the article in the sources file.",
          required=True),
    Field(
        "quote",
        TEXT,
        "The exact sentence or passage of the article that states the fact. Found in the "
        "article ignoring line breaks, runs of spaces (no-break ones too), typographic quotes "
        "(“ ” « » „ 「 」), dashes and full-width forms (４１０，５).",
        required=True,
    ),
    Field(
        "quote_en",
        TEXT,
        "The analyst's English rendering of a quote in another language, for the reader. "
        "The quote stays the evidence: check proves the quote, never this.",
        label="Quote (English)",
    ),
    Field("note", TEXT, "The analyst's remark: context, caveats, how the fact was read."),
)

_METRIC = Field(
    "metric",
    SLUG,
    "What is measured: turnover, exports, imports, agricultural-trade, investment-inflow, "
    "rail-cargo, container-traffic, trade-share, non-resource-exports, ... "
    "Figures with the same kind, metric, period, partners, flow and unit are compared: "
    "different values from different reporters (or one reporter) are a discrepancy.",
    required=True,
)
_REPORTER = Field(
    "reporter",
    TEXT,
    "Who the figure is attributed to: a government, a statistics office, a customs "
    "authority, an outlet: 'National Statistics Office', 'Reuters'.",
    required=True,
)
_SPEAKER = Field(
    "speaker", Ref("ref", "person"), "The person who states the figure, if the article says."
)
_PARTNERS = Field(
    "partners",
    ListOf("list", TEXT),
    "The economies or parties the figure is between: [France, Germany].",
    required=True,
)
_ORIGIN = Field("origin", TEXT, "For a one-way flow (exports, investment): where it comes from.")
_DESTINATION = Field("destination", TEXT, "For a one-way flow: where it goes.")
_ROUTE = Field(
    "route", TEXT,
    "For a figure of one route or corridor, its name as printed: 'Altynkol-Khorgos'. "
    "Must be found in the quote; figures of different routes are not compared.",
    in_quote=True,
)
_CHECKPOINT = Field(
    "checkpoint", TEXT,
    "For a figure of one border crossing, port or checkpoint, its name as printed: "
    "'Dostyk'. Must be found in the quote; figures of different checkpoints are not "
    "compared.",
    in_quote=True,
)
_ASSET = Field(
    "asset", Ref("ref", "asset"),
    "The id of the asset fact the route or checkpoint is, if curated.",
)
_SHARE_OF = Field(
    "share_of", TEXT,
    "For a share (unit percent): the whole it is a share of: 'Kazakhstan's foreign "
    "trade', 'Kazakhstan-China trade'. Shares of different wholes are not compared.",
)
_RELATED = Field(
    "related", ListOf("list", Ref("ref", "fact")),
    "Ids of figures this one is linked to but not comparable with: a figure for "
    "another window, a revision, a part of it, a rounding. Needs relation.",
)
_RELATION = Field(
    "relation", Enum("enum", RELATIONS),
    "How this figure relates to those in related: same-series (the same measure for "
    "another period or window), revises (a later figure replacing them), narrower (a "
    "part of them), broader (they are a part of it), rounds (a rounding of the same "
    "figure).",
)

#: who states a figure, between whom, along which route, related to what: the same on
#: trade figures and growth rates
_WHO_AND_WHERE = (_REPORTER, _SPEAKER, _PARTNERS, _ORIGIN, _DESTINATION, _ROUTE, _CHECKPOINT,
                  _ASSET, _SHARE_OF, _RELATED, _RELATION)

KINDS: dict[str, Kind] = {}


def _kind(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


TRADE = _kind(Kind(
    "trade",
    "Trade figure",
    "A figure of trade or economic exchange for a period: turnover, exports, imports, "
    "agricultural trade, investment inflow, rail cargo, container traffic, a partner's share.",
    (
        _METRIC,
        Field("value", QUANTITY, "The figure.", required=True),
        Field("period", PERIOD, "The period the figure covers.", required=True),
        *_WHO_AND_WHERE,
    ),
))

GROWTH = _kind(Kind(
    "growth",
    "Growth rate",
    "A change of a figure: '+30%', 'up 20 percent year on year', 'increased 2.6 times', "
    "'increased by one million tons'.",
    (
        _METRIC,
        Field("value", QUANTITY, "The change: unit percent or times for a rate; any other "
              "unit (tons, USD) for an absolute change, shown with its unit.", required=True),
        Field("period", PERIOD, "The period whose change is stated.", required=True),
        Field("compared_to", TEXT, "The base: 'previous year', 'year on year'."),
        Field("of", Ref("ref", "fact"), "The id of the figure this rate describes, if curated."),
        *_WHO_AND_WHERE,
    ),
))

TARGET = _kind(Kind(
    "target",
    "Target or forecast",
    "A figure still to come: a goal ('bring bilateral trade to $35 billion by 2030'), a "
    "plan, or a forecast or projection, with or without a date ('projected to increase "
    "2.5 times').",
    (
        _METRIC,
        Field("value", QUANTITY, "The target or forecast figure (a level, or a change such "
              "as 2.5 times).", required=True),
        Field("basis", Enum("enum", TARGET_BASES), "What the figure rests on: "
              "official-target (a goal set by a government or body; the default), plan, "
              "forecast, projection."),
        Field("deadline", DATE, "The date by which it is to be reached, if printed: 2030. "
              "Figures without one are not compared."),
        Field("deadline_label", TEXT, "The deadline as printed: 'by 2030'.", in_quote=True),
        _REPORTER,
        _SPEAKER,
        _PARTNERS,
        _ORIGIN,
        _DESTINATION,
        _ROUTE,
        _CHECKPOINT,
        _ASSET,
        _RELATED,
        _RELATION,
    ),
))

PROJECT = _kind(Kind(
    "project",
    "Project",
    "An investment project (a wind farm, a refinery upgrade) or a portfolio "
    "('52 projects worth over $21.2 billion').",
    (
        Field("name", TEXT, "The project's name as printed, or a short description for a "
              "portfolio: 'North Sea wind farm', 'Joint infrastructure projects'.",
              required=True),
        Field("scope", Enum("enum", ("single", "portfolio")), "single or portfolio.",
              required=True),
        Field("sector", TEXT, "energy, renewable energy, oil refining, petrochemicals, "
              "manufacturing, agriculture, ...", required=True),
        Field("status", Enum("enum", STATUSES), "Where the project stands per the article."),
        Field("location", TEXT, "Where it is: a city or region."),
        Field("count", QUANTITY, "For a portfolio: how many projects."),
        Field("value", QUANTITY, "Investment or total value."),
        Field("as_of", DATE, "When the statement holds, if not the article's date."),
        Field("partners", ListOf("list", TEXT), "Countries or companies involved."),
        _RELATED,
        _RELATION,
    ),
))

ASSET = _kind(Kind(
    "asset",
    "Infrastructure asset",
    "A piece of infrastructure: border checkpoint or crossing, transport corridor or route, "
    "sea port, dry port, airport, logistics base, railway, pipeline, power plant, industrial "
    "zone.",
    (
        Field("name", TEXT, "The asset's name as printed: 'Eastern railway checkpoint'. "
              "Must be found in the quote.", required=True, in_quote=True),
        Field("asset_type", Enum("enum", ASSET_TYPES, extended_by="asset_types"),
              "What kind of asset it is. A project adds its own types in reportgen.yml "
              "(asset_types: [cable-car]).", required=True, label="Type"),
        Field("status", Enum("enum", STATUSES), "Where it stands per the article."),
        Field("location", TEXT, "Where it is or what it links: 'the port and the rail hub'."),
        Field("capacity", QUANTITY, "Capacity or size, if stated (MW, tons, ...)."),
        Field("count", QUANTITY, "For a group of assets: how many ('11 railroads and highways')."),
        Field("partners", ListOf("list", TEXT), "Countries or companies involved."),
    ),
))

PERSON = _kind(Kind(
    "person",
    "Person",
    "A person named in the articles, once per person; the quote names them.",
    (
        Field("name", TEXT, "Full name in the usual English order: 'Maria Lopez'. The quote "
              "must contain it or one of also_printed_as.", required=True, in_quote=True,
              alternatives="also_printed_as"),
        Field("also_printed_as", ListOf("list", TEXT),
              "Other spellings or short forms the articles use: ['M. Lopez']."),
        Field("country", TEXT, "The country the person serves or belongs to.", required=True),
    ),
))

ROLE_FACT = _kind(Kind(
    "role",
    "Role",
    "A position a person holds, as an article states it (a person may hold several).",
    (
        Field("person", Ref("ref", "person"), "The person's id.", required=True),
        Field("title", TEXT, "The title as printed: 'Prime Minister'.", required=True,
              in_quote=True),
        Field("organisation", TEXT, "The body, if any: 'Ministry of Finance'."),
        Field("country", TEXT, "The country: 'France'.", required=True),
        Field("as_of", DATE, "When the role is attested: normally the article's date."),
    ),
))

EVENT = _kind(Kind(
    "event",
    "Event or meeting",
    "A meeting, visit, talks, summit or expo: when, where, who, about what, with what result.",
    (
        Field("title", TEXT, "A short title: 'Minister meets the ambassador'.",
              required=True),
        Field("event_type", Enum("enum", EVENT_TYPES), "What sort of event.", required=True,
              label="Type"),
        Field("date_label", TEXT, "The date as printed: 'March 27', 'From Feb. 10 to 13'.",
              in_quote=True),
        Field("start", DATE, "First day, as precise as known.", required=True),
        Field("end", DATE, "Last day, if it lasted more than one day."),
        Field("place", TEXT, "City or venue: 'Geneva'."),
        Field("participants", ListOf("list", Ref("ref", "person")),
              "Ids of the people who took part: at least one, unless participants_unknown."),
        Field("participants_unknown", BOOLEAN,
              "true when the article names no one who took part (describe them in "
              "other_participants, if it says who): participants may then be empty."),
        Field("other_participants", ListOf("list", TEXT),
              "Unnamed or collective participants: 'a delegation of more than 30 Chinese "
              "enterprises'."),
        Field("topics", ListOf("list", TEXT), "What was discussed."),
        Field("outcomes", ListOf("list", TEXT), "What came of it: agreements, decisions."),
    ),
))

RANK = _kind(Kind(
    "rank",
    "Rank",
    "A party's place in a ranking: 'China is Kazakhstan's largest trading partner', "
    "'second largest investor', 'among the top five investors', 'surpassed Russia'. Ranks "
    "of the same party, measure and field are compared across articles, so a change of "
    "rank shows.",
    (
        Field("subject", TEXT, "Who is ranked: 'China'.", required=True),
        Field("metric", SLUG, "What the ranking is by: turnover, investment-inflow, ... "
              "(as for trade figures).", required=True),
        Field("among", TEXT, "Among whom: 'Kazakhstan's trading partners', 'investors in "
              "Kazakhstan'.", required=True),
        Field("position", INTEGER, "The place, 1 for the largest: 2 for 'second largest', "
              "5 for 'among the top five'. Leave out when only an order is printed "
              "('surpassed Russia') or the qualifier is 'one of the largest'."),
        Field("qualifier", Enum("enum", RANK_QUALIFIERS), "How the position is meant: "
              "exactly (the default), among the top ('among the top five'), one of the "
              "largest."),
        Field("position_label", TEXT, "The rank as printed: 'largest', 'second largest', "
              "'among the top five'. Must be found in the quote.", in_quote=True),
        Field("above", ListOf("list", TEXT), "Parties the subject is ranked above, if "
              "printed: [Russia] for 'surpassed Russia'."),
        Field("period", PERIOD, "The period the ranking covers, if printed ('in 2022')."),
        Field("as_of", DATE, "When the rank holds, if not the article's date."),
        Field("reporter", TEXT, "Who the rank is attributed to, if the article says."),
        _SPEAKER,
        _RELATED,
        _RELATION,
    ),
))

COOPERATION = _kind(Kind(
    "cooperation",
    "Other cooperation",
    "Any other cooperation fact: agreements, education, culture, tourism, e-commerce, "
    "joint companies, a partner's standing (a rank in a ranking is kind rank).",
    (
        Field("area", Enum("enum", COOPERATION_AREAS), "The field of cooperation.",
              required=True),
        Field("summary", TEXT, "One sentence in the analyst's words.", required=True),
        Field("value", QUANTITY, "A number, if the fact has one ('3,000 joint companies')."),
        Field("as_of", DATE, "When the statement holds, if not the article's date."),
        Field("parties", ListOf("list", TEXT), "Who is involved."),
        _RELATED,
        _RELATION,
    ),
))

#: fields that hold a fact's number, in the order the workbook prefers
QUANTITY_FIELDS = ("value", "count", "capacity")

# The "kind" field's enum is the set of kinds; patch it in once KINDS is complete.
COMMON_FIELDS = (
    COMMON_FIELDS[0],
    Field("kind", Enum("enum", tuple(KINDS)), COMMON_FIELDS[1].doc, required=True),
    *COMMON_FIELDS[2:],
)

# --------------------------------------------------------------------------- sources

WAIVER = Struct(
    "waiver",
    doc="A passage of an article whose figures no fact needs to quote, and why. `check` "
    "reports every figure an article prints that no fact quotes, unless a waiver covers it. "
    "A waiver is written under its source in the sources file, or in a fact file's "
    "`waivers` list (beside the facts drawn from the same article), where it names its "
    "source.",
    fields=(
        Field("source", Ref("ref", "source"), "In a fact file: the id of the article the "
              "passage is in (required there). Under a source in the sources file, leave it "
              "out: the waiver is that source's."),
        Field("quote", TEXT, "The passage, copied from the article as a fact's quote is: "
              "every figure inside it is accounted for.", required=True),
        Field("reason", TEXT, "Why no fact records it: 'rhetorical', 'out of scope: domestic "
              "figure', 'repeats the headline'.", required=True),
    ),
)


def _waiver(with_source: bool) -> Struct:
    """The waiver as written in one place (declared once, above): in a fact file it names
    its source; under a source in the sources file it does not."""
    fields = tuple(replace(f, required=True) if f.name == "source" else f
                   for f in WAIVER.fields if with_source or f.name != "source")
    return Struct(WAIVER.name, WAIVER.doc, fields)


#: a waiver in a fact file's ``waivers`` list
FILE_WAIVER = _waiver(with_source=True)
#: a waiver in a source's ``waivers`` list, in the sources file
SOURCE_WAIVER = _waiver(with_source=False)

#: the lists a fact file may hold, at its top level
FACT_FILE_LISTS = ("facts", "waivers")

SOURCE = Struct(
    "source",
    doc="One article: the evidence its facts' quotes are checked against.",
    fields=(
        Field("id", SLUG, "A readable id: date, outlet, subject: '2023-05-19-xinhua-bri'.",
              required=True, label="ID"),
        Field("file", TEXT, "The article's text file, relative to the articles folder.",
              required=True),
        Field("title", TEXT, "The headline, or a descriptive title if none is printed.",
              required=True),
        Field("title_printed", BOOLEAN, "true if the title is the article's own headline.",
              required=True),
        Field("outlet", TEXT, "The publisher or outlet, if known: 'Xinhua'."),
        Field("attributed_to", TEXT, "Whom the article credits for its content: "
              "'primeminister.kz', 'Akorda press service'."),
        Field("date", DATE, "Publication date, as precise as known.", required=True),
        Field("date_basis", Enum("enum", ("stated", "inferred")),
              "stated if the article prints its date; inferred otherwise.", required=True),
        Field("date_note", TEXT, "For an inferred date: the reasoning."),
        Field("place", TEXT, "The dateline or place the article is written from."),
        Field("language", TEXT, "Language code: 'en'; 'ru', 'kk' and 'zh' quotes are read "
              "with their own number writing (decimal comma, 'млрд', '亿').", required=True),
        Field("url", URL, "Link to the published article, if known."),
        Field("text", Enum("enum", ("full", "partial")), "full (the default) if the "
              "article file holds the whole article; partial if it holds an excerpt only, "
              "so a fact the excerpt lacks may still be in the article."),
        Field("waivers", ListOf("list", SOURCE_WAIVER),
              "Passages whose figures no fact needs to quote, each with its reason (see "
              "waiver)."),
    ),
)


def kind_names() -> tuple[str, ...]:
    return tuple(KINDS)
