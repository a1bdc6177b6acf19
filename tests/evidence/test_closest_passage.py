"""The closest passage, shown when a quote is not in its article: the same passage as
comparing the quote at every word of the article, in bounded time on a 50 MB article."""

from __future__ import annotations

import difflib
import random
import time

import pytest

from reportgen.evidence.check import check_paths
from reportgen.evidence.provenance import _PASSAGE_START, closest_passage, normalise

from ..conftest import REPO


def every_word(quote: str, article: str) -> str:
    """The reference: the quote compared at every word start (the former search, minutes
    on a large article)."""
    q = normalise(quote)
    best, best_score = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(q)
    for start in [0] + [m.end() for m in _PASSAGE_START.finditer(article)]:
        window = article[start:start + len(q)]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = window, score
    return best


def _mutations(quote: str, rng: random.Random) -> list[str]:
    words = quote.split()
    if len(words) < 3:
        return []
    out = []
    for replace in (lambda w: w[::-1], lambda w: "zzzz", lambda w: w.upper() + "s"):
        changed = list(words)
        changed[rng.randrange(len(words))] = replace(changed[rng.randrange(len(words))])
        out.append(" ".join(changed))
    return out


@pytest.fixture(scope="module")
def seeds():
    checked = check_paths(REPO / "seeds/sources.yaml", REPO / "seeds/articles",
                          REPO / "seeds/facts", use_cache=False)
    return checked.corpus


def test_same_passage_as_comparing_at_every_word_on_the_seeds(seeds):
    """Every seed quote of up to 90 characters, changed one of three ways (the reference is
    slow on long quotes; two changes of every seed quote, 324 in all, agreed when this
    was written)."""
    rng = random.Random(12)
    compared = 0
    for fact in seeds.facts:
        quote = normalise(fact.get("quote"))
        if len(quote) > 90:
            continue
        article = seeds.articles.get(fact.get("source"))
        for changed in _mutations(quote, rng)[compared % 3:][:1]:  # one change each
            assert closest_passage(changed, article) == every_word(changed, article), changed
            compared += 1
    assert compared >= 40, compared


def _large_article(size: int, plant: str) -> str:
    """Sentences of the seed articles shuffled to ``size`` characters (every phrase
    repeats: the hardest case for an index), with ``plant`` in the middle."""
    base = " ".join(normalise(p.read_text(encoding="utf-8"))
                    for p in sorted((REPO / "seeds/articles").glob("*.txt")))
    words = base.split()
    rng = random.Random(1)
    parts, total = [], 0
    while total < size:
        at = rng.randrange(len(words) - 40)
        chunk = " ".join(words[at:at + 40])
        parts.append(chunk)
        total += len(chunk) + 1
    parts.insert(len(parts) // 2, plant)
    return " ".join(parts)


PLANT = "Our unique marker: the wolverine caravan reached Khorgos with 7,301 containers."


@pytest.fixture(scope="module")
def article_50mb():
    return _large_article(50_000_000, PLANT)


@pytest.mark.parametrize("quote, expected", [
    ("the wolverine caravan reached Khorgos with 7,310 containers.", "wolverine caravan"),
    ("Our unique marker: the wolverine caravan arrived at Khorgos", "wolverine caravan"),
    ("railway cargo volume between China and Kazakhstan amounted to 32 million tonnes",
     "railway cargo volume between China and Kazakhstan amounted to 23"),
    ("quietly xylophone under purple astronauts " * 12, ""),
], ids=["typo", "changed-word", "repeated-phrase", "long-and-absent"])
def test_a_miss_against_a_50mb_article_takes_at_most_two_seconds(article_50mb, quote,
                                                                  expected):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        passage = closest_passage(quote, article_50mb)
        times.append(time.perf_counter() - start)
    assert min(times) <= 2.0, times
    assert expected in passage


def test_a_miss_in_a_long_chinese_article_finds_its_passage():
    """Chinese is written without spaces: the quote's runs of characters line it up."""
    text = normalise((REPO / "tests/data/languages/articles/zh.txt").read_text(encoding="utf-8"))
    rng = random.Random(2)
    parts, total = [], 0
    while total < 2_000_000:
        at = rng.randrange(max(1, len(text) - 60))
        parts.append(text[at:at + 60])
        total += len(parts[-1])
    plant = "独特标记：金色骆驼商队运送了七千三百零一个集装箱抵达霍尔果斯。"
    parts.insert(len(parts) // 2, plant)
    quote = plant.replace("零一", "零二")
    assert closest_passage(quote, "".join(parts)) == plant
