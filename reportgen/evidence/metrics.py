"""The metric catalogue: what each metric id is called in front of a reader.

A fact names its metric by a slug (``turnover``, ``investment-inflow``); a reader sees
a label ("Trade turnover"). Labels live here, declared once, with topic-neutral defaults;
a project adds or overrides its own in ``reportgen.yml`` (``metrics:``) and marks the
metrics its Summary leads with (``headline: true``). A metric nobody declared is shown
by its id in words ("non-resource-exports" -> "Non-resource exports"), never as a slug.
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import BOOLEAN, SLUG, TEXT, Field, Struct


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    headline: bool = False


METRIC = Struct(
    "metric",
    doc="How a metric is shown to readers.",
    fields=(
        Field("id", SLUG, "The metric as facts name it: 'turnover', 'rail-cargo'.",
              required=True, label="ID"),
        Field("label", TEXT, "What a reader sees: 'Trade turnover', 'Rail cargo'.",
              required=True),
        Field("headline", BOOLEAN, "true: the Summary's headline figures, key findings and "
              "chart lead with this metric (in the order declared). When no metric is "
              "marked, the metrics with the most figures lead."),
    ),
)

#: Labels any project gets; reportgen.yml may override each and add its own.
DEFAULT_METRICS: tuple[Metric, ...] = (
    Metric("turnover", "Trade turnover"),
    Metric("exports", "Exports"),
    Metric("imports", "Imports"),
    Metric("agricultural-trade", "Agricultural trade"),
    Metric("investment-inflow", "Investment inflow"),
    Metric("investment", "Investment"),
    Metric("rail-cargo", "Rail cargo"),
    Metric("container-traffic", "Container traffic"),
    Metric("trade-share", "Share of trade"),
    Metric("non-resource-exports", "Non-resource exports"),
    Metric("gdp", "GDP"),
)


class Catalogue:
    """Metric id -> label, with the project's declarations over the defaults."""

    def __init__(self, declared: tuple[Metric, ...] = ()):
        self._metrics = {m.id: m for m in DEFAULT_METRICS}
        self._metrics.update({m.id: m for m in declared})
        self.headline = tuple(m.id for m in declared if m.headline)

    def label(self, metric: str | None) -> str:
        if not metric:
            return ""
        found = self._metrics.get(metric)
        if found is not None:
            return found.label
        words = metric.replace("-", " ").replace("_", " ").strip()
        return words[:1].upper() + words[1:]
