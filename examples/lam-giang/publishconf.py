"""Production settings of the sample federation site: ``../../.venv/bin/invoke build --publish`` here."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403 - and the engine's plugins folder is importable
from site_core import engine_settings

# Absolute URLs, public/, strict checks, no drafts: the engine's publish rules (site_core.engine_settings).
globals().update(engine_settings.publish_settings(PUBLISH_TARGET))  # noqa: F405
SITEURL = os.environ.get("SITEURL", "https://ldld-lamgiang.example.vn")
