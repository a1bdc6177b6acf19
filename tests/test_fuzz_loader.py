"""Random text and structures thrown at the fact loader end in data or clean problems."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.problems import CODES
from reportgen.schema import KINDS
from reportgen.validate import fact_fields, read_records
from reportgen.yamlsafe import load_yaml, parse_text

FIELDS = ["id", "kind", "source", "quote", "value", "amount", "period", "start", "end",
          "metric", "partners", "name", "participants", "unit", "scale", "label"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["NO", "on", "0755", "1:20", "1.10", "2024-02-30",
                                           "trade", "person", "=1+1", "billion", "~"]),
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


def _assert_clean(problems):
    for problem in problems:
        assert problem.code in CODES


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text_never_raises(text):
    parsed = parse_text("fuzz.yaml", text)
    _assert_clean(parsed.problems)
    records, problems = read_records(parsed.root, "fuzz.yaml", "facts", fact_fields)
    _assert_clean(problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(structures, max_size=5))
def test_random_fact_structures_never_raise(facts):
    text = yaml.safe_dump({"facts": facts}, allow_unicode=True)
    parsed = parse_text("fuzz.yaml", text)
    assert parsed.root is not None, parsed.problems
    records, problems = read_records(parsed.root, "fuzz.yaml", "facts", fact_fields)
    _assert_clean(problems)
    for record in records:
        assert record.kind in KINDS  # records exist only for real kinds


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.yaml"
    path.write_bytes(data)
    _assert_clean(load_yaml(path).problems)


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
    assert parsed.root.items["a"][1].value == text
