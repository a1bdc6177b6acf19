"""Random text and structures thrown at the fact loader end in data or clean problems,
and the fast path never disagrees with the exact one."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from reportgen.evidence.corpus import read_fact_file
from reportgen.evidence.line_index import LineIndex
from reportgen.evidence.safe_yaml import load_yaml, parse_text
from reportgen.evidence.schema import KINDS
from reportgen.evidence.validate import fact_fields, read_records
from reportgen.problems import CODES

FIELDS = ["id", "kind", "source", "quote", "value", "amount", "period", "start", "end",
          "metric", "partners", "name", "participants", "unit", "scale", "label", "country"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["NO", "on", "0755", "1:20", "1.10", "2024-02-30",
                                           "2023-05-19", "2023", "trade", "person", "=1+1",
                                           "billion", "~", "0x1F", "1e3", ".inf", "+5"]),
    st.dates(),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), children,
                        max_size=5),
    ),
    max_leaves=25,
)
# facts that are nearly right, so the fast path is taken often
near_facts = st.fixed_dictionaries(
    {"id": st.sampled_from(["a", "b-1", "2023", "x.y"]),
     "kind": st.sampled_from(list(KINDS)),
     "source": st.sampled_from(["s1", "s2"]),
     "quote": st.text(max_size=20)},
    optional={
        "name": scalars, "country": scalars, "metric": scalars,
        "value": st.fixed_dictionaries({"amount": scalars, "unit": scalars}),
        "period": st.fixed_dictionaries({"start": scalars, "end": scalars}),
        "partners": st.lists(scalars, max_size=2),
        "participants": st.lists(scalars, max_size=2), "reporter": scalars,
        "title": scalars, "event_type": scalars, "person": scalars, "organisation": scalars},
)

words = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20),
    st.sampled_from(["NO", "on", "yes", "0755", "1:20", "1.10", "2023-05-19", "2023", "~",
                     "null", "true", "1e3", "0x1F", "+5", ".inf", "- x", "a: b", "#x", "&a"]),
)
amounts = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False),
    st.sampled_from(["0755", "1.10", "1e3", "+5", "1_000", "23.", ".5"]),
)
dates = st.one_of(st.dates(), st.integers(min_value=1990, max_value=2040),
                  st.sampled_from(["2023-05", "2024-02-30", "2023-01-01T10:00:00"]))
valid_facts = st.one_of(
    st.fixed_dictionaries({
        "id": st.sampled_from(["p1", "p-2", "x.y"]), "kind": st.just("person"),
        "source": st.just("s1"), "quote": words, "name": words, "country": words},
        optional={"also_printed_as": st.lists(words, max_size=3), "note": words}),
    st.fixed_dictionaries({
        "id": st.just("t1"), "kind": st.just("trade"), "source": st.just("s1"),
        "quote": words, "metric": st.sampled_from(["turnover", "rail-cargo"]),
        "value": st.fixed_dictionaries({"amount": amounts, "unit": words},
                                       optional={"scale": st.just("billion")}),
        "period": st.fixed_dictionaries({"start": dates, "end": dates},
                                        optional={"label": words}),
        "reporter": words, "partners": st.lists(words, min_size=1, max_size=3)},
        optional={"colour": words}),
)


def _dump_amounts(value):
    """Decimals as plain YAML numbers; the sampled strings as they are written."""
    from decimal import Decimal

    if isinstance(value, dict):
        return {k: _dump_amounts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dump_amounts(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return value


SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _assert_clean(problems):
    for problem in problems:
        assert problem.code in CODES


@SETTINGS
@given(st.text(max_size=400))
def test_random_text_never_raises(text):
    parsed = parse_text("fuzz.yaml", text)
    _assert_clean(parsed.problems)
    records, validator = read_records(parsed.root, "fuzz.yaml", "facts", fact_fields,
                                      parsed.location)
    _assert_clean(validator.located(parsed.location))


@SETTINGS
@given(st.lists(structures, max_size=5))
def test_random_fact_structures_never_raise(facts):
    text = yaml.safe_dump({"facts": facts}, allow_unicode=True)
    records, problems, _ = read_fact_file("fuzz.yaml", text.encode())
    _assert_clean(problems)
    for record in records:
        assert record.kind in KINDS  # records exist only for real kinds


waivers = st.lists(st.fixed_dictionaries(
    {"source": st.sampled_from(["s1", "2023-05-19-x", "1.10"]),
     "quote": st.text(min_size=1, max_size=30), "reason": st.sampled_from(["rhetorical", ""])},
    optional={"colour": st.text(max_size=5)}), max_size=3)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(valid_facts, valid_facts, near_facts, structures), min_size=1,
                max_size=4),
       st.sampled_from([None, False, True]), waivers, st.booleans())
def test_fast_and_exact_paths_agree(facts, flow, waived, waivers_first):
    """Facts, and a fact file's waivers before or after them, read the same both ways."""
    lists = {"facts": _dump_amounts(facts)}
    if waived:
        lists = {"waivers": waived, **lists} if waivers_first else {**lists, "waivers": waived}
    text = yaml.safe_dump(lists, allow_unicode=True, default_flow_style=flow,
                          sort_keys=False)
    # amounts sampled as strings stand for what a person types: write them unquoted
    for raw in ("0755", "1.10", "1e3", "+5", "1_000", "23.", ".5"):
        text = text.replace(f"amount: '{raw}'", f"amount: {raw}")
    fast_records, fast_problems, fast_waivers = read_fact_file("f.yaml", text.encode())
    fast = bool(fast_records) and isinstance(fast_records[0].locate, LineIndex)
    event("fast path" if fast else "exact path")
    exact_records, exact_problems, exact_waivers = read_fact_file("f.yaml", text.encode(),
                                                                  exact=True)
    assert [r.data for r in fast_records] == [r.data for r in exact_records]
    assert [w.data for w in fast_waivers] == [w.data for w in exact_waivers]
    assert [p.code for p in fast_problems] == [p.code for p in exact_problems]
    assert [str(p.location) for p in fast_problems] == \
        [str(p.location) for p in exact_problems]
    for fast_one, exact_one in zip(fast_records + fast_waivers, exact_records + exact_waivers,
                                   strict=True):  # where a later check would point
        key = "quote" if "quote" in exact_one.data else "id"
        assert str(fast_one.location(key)) == str(exact_one.location(key))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    path.write_bytes(data)
    _assert_clean(load_yaml(path).problems)
    _assert_clean(read_fact_file("f.yaml", data)[1])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                      blacklist_characters="\r\x85\u2028\u2029"),
               min_size=1, max_size=60))
def test_quoted_text_round_trips_exactly(text):
    """Any text written as a YAML string comes back exactly (or as a clean problem).

    CR, NEL, LS and PS are line breaks to YAML itself, which folds them in scalars."""
    dumped = yaml.safe_dump({"a": text}, allow_unicode=True)
    parsed = parse_text("t.yaml", dumped)
    if parsed.problems:
        _assert_clean(parsed.problems)
        return
    assert parsed.root["a"] == text
