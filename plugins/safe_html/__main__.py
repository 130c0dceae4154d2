"""``python -m safe_html nginx|headers [SETTINGS]``: the site's security headers for a web server.

``nginx`` prints ``add_header`` lines for an nginx ``server`` block; ``headers`` prints the
``_headers`` file (Netlify / Cloudflare Pages). Both come from the settings the build uses
(publishconf.py by default): the embed hosts, CSP_POLICY and SAFE_HTML_HEADERS.
"""

from __future__ import annotations

import argparse
import sys

from pelican import Pelican
from pelican.settings import read_settings

from site_core.settings import site_settings
from site_core.state import build_state

from . import DEFAULT_HEADERS, build_csp, headers_file, nginx_snippet


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m safe_html")
    parser.add_argument("format", choices=("nginx", "headers"))
    parser.add_argument("settings", nargs="?", default="publishconf.py")
    args = parser.parse_args(argv)
    # Pelican(...) loads the plugins and sends ``initialized``, as a build does: the defaults are then in
    # the settings, the folder policies the plugins add (web_editor's /admin/) in the build's state
    # (site_core.state). Nothing is built.
    settings = Pelican(read_settings(args.settings)).settings
    policy = settings.get("CSP_POLICY") or build_csp(site_settings(settings).embed_hosts)
    headers = settings.get("SAFE_HTML_HEADERS", DEFAULT_HEADERS)
    writer = nginx_snippet if args.format == "nginx" else headers_file
    sys.stdout.write(writer(policy, headers, build_state(settings).path_policies))
    return 0


if __name__ == "__main__":
    sys.exit(main())
