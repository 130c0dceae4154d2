"""Benchmark harness (issue 9): our site vs plain Pelican on the same synthetic corpus.

``python -m tools.bench --n 2000`` (or ``invoke bench``) generates the corpus (tools.bench.corpus),
runs every build in a fresh subprocess (tools.bench.runners), verifies that every feature ran
(tools.bench.checks: a part that produced nothing fails the benchmark), and prints a table and writes
``bench-results/bench-<N>.json`` (tools.bench.report). See docs/performance.md.

Every module here imports the plugins (plugins/) and the other tools (tools/: local_site,
live_preview) by their own names, so importing the package puts both folders on sys.path.
"""

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
for _folder in (_ROOT / "tools", _ROOT / "plugins"):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))
