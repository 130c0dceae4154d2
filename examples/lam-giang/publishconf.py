"""Production settings of the sample federation site: ``pelican content -s publishconf.py``."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://ldld-lamgiang.example.vn")
RELATIVE_URLS = False
OUTPUT_PATH = "public"
CONTENT_CHECK_STRICT = True
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""
