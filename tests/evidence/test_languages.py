"""A Russian, a Kazakh and a Chinese article (tests/data/languages) pass check as written,
and fail it, naming the bad value, when one of their values is changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.evidence.check import check_paths

from ..conftest import DATA


@pytest.fixture
def languages(tmp_path: Path) -> Path:
    dest = tmp_path / "languages"
    shutil.copytree(DATA / "languages", dest)
    return dest


def run(project: Path):
    return check_paths(project / "sources.yaml", project / "articles", project / "facts",
                       use_cache=False)


def test_three_languages_pass_check_as_written(languages):
    checked = run(languages)
    assert checked.report.problems == [], [p.format() for p in checked.report.problems]
    assert checked.report.stats["facts_by_kind"] == {
        "cooperation": 3, "event": 1, "growth": 6, "person": 2, "role": 1, "target": 2,
        "trade": 6}
    languages_used = {s.get("language") for s in checked.corpus.sources.values()}
    assert languages_used == {"ru", "kk", "zh-CN"}


def test_kazakh_article_holds_every_kazakh_letter():
    text = (DATA / "languages" / "articles" / "kk.txt").read_text(encoding="utf-8").lower()
    assert set("әғқңөұүһі") <= set(text)


def test_values_normalise_by_their_own_scale_words(languages):
    from reportgen.evidence.quantity import normalised

    facts = run(languages).corpus.by_id()
    assert normalised(facts["ru-trade-9m-2023"].get("value")) == 31_500_000_000
    assert normalised(facts["kk-trade-9m-2023"].get("value")) == 31_500_000_000
    assert normalised(facts["kk-grain-2022"].get("value")) == 150_000
    assert normalised(facts["zh-trade-10m-2023"].get("value")) == 32_800_000_000
    assert normalised(facts["zh-grain-2022"].get("value")) == 1_200_000
    assert normalised(facts["zh-target-2030"].get("value")) == \
        normalised(facts["ru-target-2030"].get("value")) == 40_000_000_000


#: file, text as written, text changed (and where the error is, if not at the change):
#: each change must fail check, with one error
CHANGES = {
    "ru-amount": ("ru.yaml", "amount: 31.5, scale: млрд", "amount: 32.5, scale: млрд"),
    "ru-scale": ("ru.yaml", "amount: 31.5, scale: млрд", "amount: 31.5, scale: млн"),
    "ru-scale-english": ("ru.yaml", "amount: 40, scale: billion", "amount: 40, scale: million"),
    "ru-growth": ("ru.yaml", "amount: 32, unit: percent", "amount: 23, unit: percent"),
    "ru-percent-as-times": ("ru.yaml", "amount: 32, unit: percent", "amount: 32, unit: times"),
    "ru-times": ("ru.yaml", "amount: 1.5, unit: times", "amount: 2.5, unit: times"),
    "ru-grouped": ("ru.yaml", "amount: 1250000,", "amount: 1250,"),
    "ru-label": ("ru.yaml", "label: За 9 месяцев 2023 года, label_en",
                 "label: За 10 месяцев 2023 года, label_en"),
    "ru-relative-label": ("ru.yaml", "label: в прошлом году\n", "label: в этом году\n"),
    "ru-qualifier": ("ru.yaml", "qualifier: более", "qualifier: около"),
    "ru-person": ("ru.yaml", "[Алихан Смаилов,", "[Алихан Смайлов,", "name: Alikhan Smailov"),
    "kk-amount": ("kk.yaml", "amount: 150, scale: мың", "amount: 160, scale: мың"),
    "kk-scale": ("kk.yaml", "amount: 150, scale: мың", "amount: 150, scale: млн"),
    "kk-growth": ("kk.yaml", "amount: 32, unit: percent", "amount: 33, unit: percent"),
    "kk-times": ("kk.yaml", "amount: 2.6, unit: times", "amount: 2.5, unit: times"),
    "kk-label": ("kk.yaml", "label: Өткен жылы, label_en", "label: Биылғы жылы, label_en"),
    "kk-qualifier": ("kk.yaml", "qualifier: астам", "qualifier: шамамен"),
    "kk-role": ("kk.yaml", "title: Премьер-Министрі", "title: Премьер-Министр орынбасары"),
    "zh-amount": ("zh.yaml", "amount: 328, scale: 亿", "amount: 318, scale: 亿"),
    "zh-scale": ("zh.yaml", "amount: 328, scale: 亿", "amount: 328, scale: 万"),
    "zh-not-as-printed": ("zh.yaml", "amount: 400, scale: 亿", "amount: 40, scale: billion"),
    "zh-growth": ("zh.yaml", "amount: 32, unit: percent", "amount: 33, unit: percent"),
    "zh-times": ("zh.yaml", "amount: 2.6, unit: times", "amount: 6, unit: times"),
    "zh-words": ("zh.yaml", "amount: 3000, unit: companies", "amount: 300, unit: companies"),
    "zh-label": ("zh.yaml", "label: 2023年前10个月, label_en", "label: 2023年前9个月, label_en"),
    "zh-qualifier": ("zh.yaml", "qualifier: 超过", "qualifier: 约"),
    "zh-deadline": ("zh.yaml", "deadline_label: 到2030年", "deadline_label: 到2035年"),
    "zh-person": ("zh.yaml", "also_printed_as: [张霄,", "also_printed_as: [张晓,",
                  "name: Zhang Xiao"),
}


@pytest.mark.parametrize("case", sorted(CHANGES))
def test_a_changed_value_fails_at_its_line(languages, case):
    name, written, changed, *at = CHANGES[case]
    path = languages / "facts" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(written) == 1, written
    path.write_text(text.replace(written, changed), encoding="utf-8")
    line = text[:text.index(at[0] if at else written)].count("\n") + 1
    problems = run(languages).report.errors  # a changed figure may also disagree: a warning
    assert [(p.code, p.location.file.endswith(name), p.location.line) for p in problems] == \
        [("value-not-in-quote", True, line)], [p.format() for p in problems]


def test_the_message_names_the_value_and_what_the_quote_prints(languages):
    path = languages / "facts" / "ru.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("amount: 31.5, scale: млрд", "amount: 32.5, scale: млрд"),
                    encoding="utf-8")
    (problem,) = run(languages).report.errors
    assert problem.location.path == "facts[1].value.amount"
    assert "32.5 (32.5 млрд USD)" in problem.message
    assert "Russian quote" in problem.message and "'31,5 млрд'" in problem.message


def test_only_the_original_quote_is_evidence(languages):
    """quote_en and label_en are for the reader: check never looks for them."""
    path = languages / "facts" / "zh.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("quote_en: Chinese Ambassador to Kazakhstan Zhang Xiao",
                        "quote_en: anything the analyst writes, 999 billion")
    text = text.replace("label_en: last year", "label_en: the year 1999")
    path.write_text(text, encoding="utf-8")
    assert run(languages).report.problems == []

    wrong = text.replace("quote: 中国驻哈萨克斯坦大使张霄", "quote: 中国驻吉尔吉斯斯坦大使张霄")
    path.write_text(wrong, encoding="utf-8")
    (problem,) = run(languages).report.problems
    assert problem.code == "quote-not-in-article"
    assert "中国驻哈萨克斯坦大使张霄" in problem.hint  # the closest passage, mid-sentence


def test_a_changed_number_in_a_chinese_quote_shows_the_printed_passage(languages):
    path = languages / "facts" / "zh.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("达到３２８亿美元", "达到３３８亿美元"), encoding="utf-8")
    (problem,) = run(languages).report.problems
    assert problem.code == "quote-not-in-article"
    assert "328亿美元" in problem.hint


def test_reportgen_check_prints_the_changed_value_and_exits_1(languages, monkeypatch):
    from click.testing import CliRunner

    from reportgen.cli import main

    path = languages / "facts" / "zh.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("amount: 328, scale: 亿", "amount: 328, scale: 万"),
                    encoding="utf-8")
    monkeypatch.chdir(languages)
    result = CliRunner().invoke(main, ["check", "--no-cache"])
    assert result.exit_code == 1
    line = text[:text.index("amount: 328")].count("\n") + 1
    assert result.output.splitlines()[0].startswith(
        f"facts/zh.yaml:{line}:21 facts[1].value.amount: error[value-not-in-quote] the number "
        "328 (328万 USD) is not in the Chinese quote, which prints ")
    assert "'328亿'" in result.output
    assert result.output.splitlines()[-1].endswith("1 error, 0 warnings")
