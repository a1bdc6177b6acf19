"""Synthetic corpora in the shipped fact format, for benchmarks.

``generate(folder, facts)`` writes a complete reportgen project: articles (English text
with Cyrillic and Chinese names and places), a sources file, and 100 fact files holding
``facts`` facts of every kind, each quoting a sentence of its article that holds its
numbers. The corpus passes ``reportgen check`` (with discrepancy warnings, as real
corpora have) and accounts for every figure it prints. Deterministic: the same
arguments give the same bytes.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

FILES = 100
FACTS_PER_ARTICLE = 50

PLACES = ["Астана", "Алматы", "Шымкент", "乌鲁木齐", "霍尔果斯", "Актобе", "Қарағанды", "连云港",
          "Atyrau", "Xi'an"]
NAMES = ["Айгерим Сапарова", "Ержан Касымов", "王伟", "李娜", "张磊", "Дина Омарова",
         "Нурлан Бекова", "陈静", "Marat Akhmetov", "Liu Yang"]
ORGS = ["Ministry of Trade and Integration", "Министерство энергетики", "国家发展和改革委员会",
        "KTZ Express", "中国海关总署", "Atameken National Chamber"]
METRICS = ["turnover", "exports", "imports", "agricultural-trade", "investment-inflow",
           "rail-cargo", "container-traffic"]
REPORTERS = ["Government of Kazakhstan", "General Administration of Customs of China",
             "Xinhua", "Kazinform"]
ASSET_TYPES = ["border-checkpoint", "transport-corridor", "dry-port", "pipeline",
               "power-plant", "railway", "logistics-base"]
KIND_CYCLE = (["trade"] * 6 + ["growth"] * 2 + ["target", "project", "project", "asset",
              "asset", "event", "event", "cooperation", "cooperation", "cooperation",
              "role"])


def generate(folder: Path, facts: int, seed: int = 7) -> Path:
    """Write the project into ``folder`` (replaced); return its reportgen.yml."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "articles").mkdir(parents=True)
    (folder / "facts").mkdir()
    articles = max(1, facts // FACTS_PER_ARTICLE)
    people_count = max(2, min(500, facts // 200))
    files: list[list[str]] = [[] for _ in range(FILES)]
    sources = ["sources:\n"]
    people: list[str] = []
    made = 0
    for a in range(articles):
        source_id = f"src-{a:05d}"
        year = 2015 + a % 10
        sentences: list[str] = []
        sources.append(
            f"  - id: {source_id}\n    file: a{a:05d}.txt\n"
            f"    title: \"Cooperation report {a} — {rng.choice(PLACES)}\"\n"
            f"    title_printed: true\n    outlet: {rng.choice(['Xinhua', 'Kazinform'])}\n"
            f"    date: {year}-{1 + a % 12:02d}-{1 + a % 28:02d}\n    date_basis: stated\n"
            f"    place: {rng.choice(PLACES)}\n    language: en\n"
        )
        per_article = FACTS_PER_ARTICLE if a < articles - 1 else facts - made
        for i in range(per_article):
            if len(people) < people_count:
                kind = "person"
            else:
                kind = KIND_CYCLE[(a * 7 + i) % len(KIND_CYCLE)]
            fid = f"f{made:07d}"
            sentence, body = _fact(rng, kind, fid, source_id, year, people, len(sentences))
            sentences.append(sentence)
            if kind == "person":
                people.append(fid)
            files[made % FILES].append(body)
            made += 1
        text = "Cooperation report\n\n" + "\n\n".join(sentences) + "\n"
        (folder / "articles" / f"a{a:05d}.txt").write_text(text, encoding="utf-8")
    (folder / "sources.yaml").write_text("".join(sources), encoding="utf-8")
    for n, bodies in enumerate(files):
        (folder / "facts" / f"facts-{n:03d}.yaml").write_text(
            "facts:\n" + "".join(bodies), encoding="utf-8")
    config = folder / "reportgen.yml"
    config.write_text(
        "title: Synthetic benchmark corpus\nsources: sources.yaml\narticles: articles\n"
        "facts: facts\ntemplate: template.xlsx\noutput: out/briefing.xlsx\n",
        encoding="utf-8")
    (folder / "out").mkdir()
    return config


def _fact(rng: random.Random, kind: str, fid: str, source: str, year: int,
          people: list[str], n: int) -> tuple[str, str]:
    place = rng.choice(PLACES)
    amount = f"{rng.randint(1, 999)}.{rng.randint(1, 9)}"
    head = f"  - id: {fid}\n    kind: {kind}\n    source: {source}\n"
    if kind == "person":
        name = f"{rng.choice(NAMES)} {n}"
        sentence = f"The delegation was led by {name}, who spoke in {place} (item {n})."
        return sentence, (head + f"    quote: \"{sentence}\"\n"
                          f"    name: \"{name}\"\n    country: Kazakhstan\n")
    if kind in ("trade", "growth", "target"):
        metric = rng.choice(METRICS)
        done = year - 1  # an article reports the last full year: its figures end before it
        reporter = REPORTERS[(year + len(metric)) % len(REPORTERS)]
        if kind == "trade":
            sentence = (f"In {done}, {metric} between China and Kazakhstan reached about "
                        f"${amount} billion, according to {reporter} in {place} (item {n}).")
            body = (f"    metric: {metric}\n    value: {{amount: {amount}, scale: billion, "
                    f"unit: USD, qualifier: about}}\n    period: {{label: In {done}, start: "
                    f"{done}, end: {done}}}\n")
        elif kind == "growth":
            pct = f"{rng.randint(1, 60)}.{rng.randint(0, 9)}"
            sentence = (f"In {done}, {metric} grew by {pct} percent year on year in {place}, "
                        f"{reporter} said (item {n}).")
            body = (f"    metric: {metric}\n    value: {{amount: {pct}, unit: percent}}\n"
                    f"    period: {{label: In {done}, start: {done}, end: {done}}}\n"
                    f"    compared_to: previous year\n")
        else:
            sentence = (f"The sides aim to bring {metric} to ${amount} billion by "
                        f"{year + 8}, {reporter} said in {place} (item {n}).")
            body = (f"    metric: {metric}\n    value: {{amount: {amount}, scale: billion, "
                    f"unit: USD}}\n    deadline: {year + 8}\n    deadline_label: by {year + 8}\n")
        return sentence, (head + f"    quote: \"{sentence}\"\n" + body
                          + f"    reporter: {reporter}\n    partners: [China, Kazakhstan]\n")
    if kind == "project":
        count = rng.randint(2, 90)
        sentence = (f"{count} joint projects worth over ${amount} billion are under way near "
                    f"{place}, including the 风电 wind farm No. {n}.")
        return sentence, (
            head + f"    quote: \"{sentence}\"\n    name: \"{place} projects {n}\"\n"
            f"    scope: portfolio\n    sector: {rng.choice(['energy', 'logistics', 'agri'])}\n"
            f"    status: under-implementation\n    location: \"{place}\"\n"
            f"    count: {{amount: {count}, unit: projects}}\n"
            f"    value: {{amount: {amount}, scale: billion, unit: USD, qualifier: over}}\n")
    if kind == "asset":
        name = f"{place} checkpoint {n}"
        capacity = rng.randint(100, 9000)
        sentence = (f"The {name} will handle {capacity:,} tons a day, officials in "
                    f"{rng.choice(ORGS)} said.")
        return sentence, (
            head + f"    quote: \"{sentence}\"\n    name: \"{name}\"\n"
            f"    asset_type: {rng.choice(ASSET_TYPES)}\n    status: operating\n"
            f"    capacity: {{amount: {capacity}, unit: tons a day}}\n")
    if kind == "event":
        day = 1 + n % 28
        a, b = rng.sample(people, 2)
        sentence = (f"On March {day}, officials met in {place} to discuss transit, energy "
                    f"and 数字经济 (item {n}).")
        return sentence, (
            head + f"    quote: \"{sentence}\"\n    title: \"Meeting in {place} {n}\"\n"
            f"    event_type: meeting\n    date_label: March {day}\n"
            f"    start: {year}-03-{day:02d}\n    place: \"{place}\"\n"
            f"    participants: [{a}, {b}]\n    topics: [transit, energy]\n")
    if kind == "role":
        person = rng.choice(people)
        org = rng.choice(ORGS)
        sentence = f"The Deputy Minister of {org} attended the forum in {place} (item {n})."
        return sentence, (
            head + f"    quote: \"{sentence}\"\n    person: {person}\n"
            f"    title: Deputy Minister\n    organisation: \"{org}\"\n    country: Kazakhstan\n")
    count = rng.randint(2, 400)
    sentence = (f"More than {count} Kazakh enterprises trade on Chinese platforms, and "
                f"«{place}» hosts a new centre (item {n}).")
    return sentence, (
        head + f"    quote: \"{sentence}\"\n    area: e-commerce\n"
        f"    summary: \"{count}+ enterprises trade online; {place} hosts a centre.\"\n"
        f"    value: {{amount: {count}, unit: enterprises, qualifier: more than}}\n")
