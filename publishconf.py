"""Production settings: `invoke publish` (and `invoke build --publish`)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("CDCT_SITEURL", "https://congdoancongthuong.example.vn")
RELATIVE_URLS = False
OUTPUT_PATH = PUBLISH_TARGET  # noqa: F405 - public/: never the preview's output/ with its drafts
CONTENT_CHECK_STRICT = True  # any content problem stops the publish build
# Scheduled and draft articles are never written to the public site.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""
# Its own content cache, photo cache and search shards: the publish settings differ from the
# preview's (SITEURL, drafts), so sharing one cache would make each build throw the other's away.
CACHE_PATH = "cache/xuat-ban"
