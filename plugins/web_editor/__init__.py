"""web_editor: the web editor at /admin/ (Decap CMS), generated from the content model.

Settings read: PATH, OUTPUT_PATH, SITEURL, PHOTO_VARIANTS_WIDTHS, WEB_EDITOR_ENABLED (True),
WEB_EDITOR_REPO ("owner/name" on GitHub), WEB_EDITOR_BRANCH ("main"), WEB_EDITOR_AUTH_URL (the
OAuth sign-in service the GitHub backend needs; None = Netlify's), WEB_EDITOR_LOCAL_BACKEND (the
``decap-server`` URL used when the editor is opened on 127.0.0.1).

On ``finalized`` it writes ``admin/``: the Decap CMS bundle from the pinned npm package
(node_modules/decap-cms/dist, no CDN), ``config.yml`` built by ``schema.editor_config`` from
categories.yml and the unit registry, ``index.html`` and the preview/photo scripts beside this file.
Why Decap and how units use it: docs/web-editor.md.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pelican import signals

from site_core.registries import load_registries
from site_core.settings import site_settings
from site_core.state import start_build

from .schema import EditorOptions, editor_config, editor_csp

logger = logging.getLogger(__name__)

__all__ = ["editor_config", "EditorOptions", "write_editor", "register"]

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_DIR = ROOT / "node_modules" / "decap-cms" / "dist"
ASSETS_DIR = Path(__file__).resolve().parent / "admin"
ADMIN_DIR = "admin"
# What a site may leave out; WEB_EDITOR_BRANCH, _AUTH_URL and _LOCAL_BACKEND are the engine's (engine_settings).
DEFAULTS = {
    "WEB_EDITOR_ENABLED": True,
    "WEB_EDITOR_REPO": "",
}


def photo_max_side(widths) -> int:
    """Longest side a photo is downsized to before commit: the widest variant the photo pipeline
    makes, for a 3:4 portrait (its height is 4/3 of that width). Nothing larger is ever used."""
    return max(widths) * 4 // 3


def repository_top(path: Path) -> Path | None:
    """The folder of the git repository holding ``path`` (the nearest one with ``.git``), or None."""
    for folder in [Path(path).resolve(), *Path(path).resolve().parents]:
        if (folder / ".git").exists():
            return folder
    return None


def content_folder_in_repository(content: Path) -> str:
    """The content folder as the repository names it: ``content`` for the main site, ``site/content``
    for a union's site in a subfolder (invoke init). The GitHub backend and decap-server (run at the
    repository's top by ``invoke editor``) both read paths from the top."""
    top = repository_top(content)
    if top is None:
        return "content"
    return Path(content).resolve().relative_to(top).as_posix()


def options_from(settings: dict) -> EditorOptions:
    return EditorOptions(
        repo=settings["WEB_EDITOR_REPO"], branch=settings["WEB_EDITOR_BRANCH"],
        auth_url=settings["WEB_EDITOR_AUTH_URL"], local_backend=settings["WEB_EDITOR_LOCAL_BACKEND"],
        site_url=settings.get("SITEURL") or "", photo_max_side=photo_max_side(site_settings(settings).photos.widths),
        content_folder=content_folder_in_repository(Path(settings["PATH"])))


def bundle_files(bundle_dir: Path) -> list[Path]:
    """The bundle and the chunks it loads on demand (no source maps)."""
    return sorted(p for p in bundle_dir.iterdir() if p.is_file() and (
        p.name in ("decap-cms.js", "decap-cms.js.LICENSE.txt") or p.name.endswith((".decap-cms.js", ".wasm"))))


def write_editor(content: Path, output: Path, options: EditorOptions, bundle_dir: Path = BUNDLE_DIR,
                 sitename: str = "") -> Path:
    """Write the editor into ``output/admin/``; returns that folder. Raises FileNotFoundError when the
    npm bundle is missing."""
    if not (bundle_dir / "decap-cms.js").is_file():
        raise FileNotFoundError(bundle_dir / "decap-cms.js")
    registries = load_registries(content)  # parsed once per build, shared with the other plugins
    target = output / ADMIN_DIR
    target.mkdir(parents=True, exist_ok=True)
    for path in bundle_files(bundle_dir):
        shutil.copyfile(path, target / path.name)
    for name in ("preview.js", "photos.js", "locale-vi.js"):
        shutil.copyfile(ASSETS_DIR / name, target / name)
    config = editor_config(registries.units, registries.categories, options)
    (target / "config.yml").write_text(
        "# Sinh tự động khi dựng trang (plugins/web_editor) — đừng sửa tay.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    env = Environment(loader=FileSystemLoader(str(ASSETS_DIR)), autoescape=select_autoescape(["html"]))
    (target / "index.html").write_text(env.get_template("index.html").render(options=options, sitename=sitename), encoding="utf-8")
    return target


def apply_defaults(pelican):
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    if settings["WEB_EDITOR_ENABLED"]:
        # /admin/ is served with the editor's own policy (safe_html writes it into the hosts' files):
        # the site's would stop Decap (run-time styles, the GitHub API).
        start_build(pelican).path_policies[f"/{ADMIN_DIR}/"] = editor_csp(options_from(settings))


def write_on_finalized(pelican):
    settings = pelican.settings
    if not settings.get("WEB_EDITOR_ENABLED", True):
        return
    try:
        write_editor(Path(settings["PATH"]), Path(settings["OUTPUT_PATH"]), options_from(settings),
                     sitename=settings.get("SITENAME", ""))
    except FileNotFoundError as exc:
        logger.warning("[web_editor] Thiếu trình soạn thảo web (%s): /admin/ không được dựng. "
                       "Cách sửa: chạy ./dev build (cài gói npm decap-cms).", exc)


def register():
    signals.initialized.connect(apply_defaults)
    signals.finalized.connect(write_on_finalized)
