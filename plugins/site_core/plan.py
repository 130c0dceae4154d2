"""The communication plan's targets (section I.2), in one place for the reports and the checker's hints."""

from __future__ import annotations

# The plan's targets (section I.2). 2.2: each upper-level union, every year.
TARGET_LEVEL = "cap-tren-co-so"
TARGET_KINDS = {"tai-lieu-dinh-huong": 2, "hoat-dong-truc-tiep": 2}
TARGET_KEYS = {"tai-lieu-dinh-huong": "orientation", "hoat-dong-truc-tiep": "direct"}
# 2.1 and 2.3: unions of at least this many members keep a fanpage and train a communicator.
OUTREACH_MEMBERS = 1000
OUTREACH_COMMUNICATORS = 1
