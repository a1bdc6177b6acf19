"""The evidence layer: load the facts safely, validate them against the one schema, and
prove each quote in its article and each value in its quote.

Knows nothing of Excel. The path of a fact file through it: :mod:`.safe_yaml` (or
:mod:`.fast_yaml` where that cannot mislead) reads it, :mod:`.validate` types it by
:mod:`.schema`, :mod:`.corpus` loads it with the sources and articles, and
:mod:`.check` proves it (:mod:`.provenance`), caches the result (:mod:`.cache`) and
runs the checks across files (:mod:`.cross_file`, :mod:`.discrepancies`) on small
summaries (:mod:`.fact_summary`).
"""
