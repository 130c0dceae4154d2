"""The project's own signals, for what Pelican has none for (Pelican's are in ``pelican.signals``).

``article_updated``: the live preview (tools/live_preview) read one saved article again and is about
to put it in place of its previous version and write the pages it is on, without a full build. Sent
with the new article as sender and the keywords ``old`` (the previous version, or None for a new
article) and ``settings``. A plugin that gives articles something in a full build that the preview
does not redo carries it over or remakes it here; a receiver returns the path of a file it wrote
(relative to OUTPUT_PATH), or None. After the article is in place the preview sends Pelican's own
``article_generator_finalized`` again, so the handlers of a full build run as they do there.
"""

from __future__ import annotations

from blinker import signal

article_updated = signal("site_core.article_updated")
