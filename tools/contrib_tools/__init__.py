"""contrib_tools: what ``invoke new``, ``new-unit``, ``codeowners``, ``publish`` and ``init`` do (not a Pelican plugin).

- ``new_article(content_dir, unit, category, title)`` writes ``units/<unit>/<yyyy>/<slug>/index.md`` with
  valid front matter (date now, Vietnam time; slug by Pelican's slugify with unidecode, đ → d) and
  never overwrites; ``new_unit(...)`` writes ``units/<slug>/unit.yml``.
- ``render_codeowners(units, editors)`` / ``write_codeowners`` / ``codeowners_is_current``: CODEOWNERS
  from each unit.yml's ``maintainers`` plus the editors (setting CONTRIB_EDITORS).
- ``publish(root, ...)``: build with publishconf.py into a fresh folder, ``check_output``, optional
  rsync (PUBLISH_RSYNC_TARGET), then an atomic swap into PUBLISH_TARGET; ``ping_feeds_hub`` after.
- ``ask_missing(values, choices)``: prompts for what a TTY user left out; elsewhere a clear error.
- ``init_site.init_site(folder, name, short_name, domain)`` (``invoke init``): a second union's site.

tasks.py only parses options and prints; everything here is importable and tested directly.
"""

from __future__ import annotations

import logging
import sys

from .codeowners import codeowners_for, codeowners_is_current, render_codeowners, write_codeowners
from .publish import PublishError, PublishResult, check_output, ping_feeds_hub, publish, swap_into
from .scaffold import ScaffoldError, article_choices, category_answer, make_slug, new_article, new_unit, vietnam_now

logger = logging.getLogger(__name__)

__all__ = ["ScaffoldError", "article_choices", "category_answer", "make_slug", "new_article", "new_unit", "vietnam_now", "render_codeowners",
           "codeowners_for", "write_codeowners", "codeowners_is_current", "PublishError", "PublishResult",
           "publish", "check_output", "swap_into", "ping_feeds_hub", "ask_missing"]


def ask_missing(values: dict, labels: dict, choices: dict | None = None, stdin=None, out=None,
                match: dict | None = None) -> dict:
    """Fill the empty entries of ``values`` by asking on a terminal.

    ``labels`` maps each key to its option and Vietnamese label (``{"unit": ("--unit", "Đơn vị")}``);
    ``choices`` lists the accepted values of a key, shown before asking. Without a terminal, raises
    ScaffoldError naming every missing option and its choices. ``match[key](answer)`` may turn
    another spelling (a category's Vietnamese name) into an accepted value, or None.
    """
    stdin, out = stdin or sys.stdin, out or sys.stdout
    choices = choices or {}
    missing = [key for key in labels if not str(values.get(key) or "").strip()]
    if not missing:
        return values
    if not stdin.isatty():
        lines = []
        for key in missing:
            option, label = labels[key]
            hint = f" (một trong: {', '.join(choices[key])})" if choices.get(key) else ""
            lines.append(f"  {option}: {label}{hint}")
        raise ScaffoldError("Thiếu thông tin:\n" + "\n".join(lines))
    filled = dict(values)
    for key in missing:
        option, label = labels[key]
        options = choices.get(key) or []
        if options:
            out.write(f"{label}:\n" + "".join(f"  {i}. {o}\n" for i, o in enumerate(options, 1)))
        while True:
            out.write(f"{label}{' (số hoặc tên)' if options else ''}: ")
            out.flush()
            answer = stdin.readline()
            if not answer:
                raise ScaffoldError(f"Đã dừng: chưa nhập {label.lower()}.")
            answer = answer.strip()
            if options and answer.isdigit() and 1 <= int(answer) <= len(options):
                answer = options[int(answer) - 1]
            if answer and options and answer not in options and (match or {}).get(key):
                answer = match[key](answer) or answer
            if answer and (not options or answer in options):
                filled[key] = answer
                break
            out.write("  Chưa đúng, nhập lại.\n")
    return filled
