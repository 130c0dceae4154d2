"""Benchmark harness (issue 9): our site vs plain Pelican on the same synthetic corpus.

``python -m tools.bench --n 2000`` (or ``invoke bench``) generates the corpus (tools.bench.corpus),
runs every build in a fresh subprocess (tools.bench.runners), verifies that every feature ran
(tools.bench.checks: a part that produced nothing fails the benchmark), and prints a table and writes
``bench-results/bench-<N>.json`` (tools.bench.report). See docs/performance.md.
"""
