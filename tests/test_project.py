"""The newcomer's contract: README's first code block, .ci/run, pinned requirements."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```[^\n]*\n(.*?)```", text, re.DOTALL).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_readme_starts_with_the_build_then_the_test_command():
    assert readme_commands() == ["./dev build", "./dev test"]


def test_ci_runs_exactly_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert lines[-1] == readme_commands()[1]


def test_every_requirement_is_pinned():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][^\s]*", line), line


def test_the_code_passes_ruff_with_the_projects_rules():
    import subprocess
    import sys

    assert "[tool.ruff.lint]" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_fast_job_on_every_push_and_the_full_suite_on_pull_requests():
    import yaml

    workflows = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / ".github" / "workflows").glob("*.yml")}
    # PyYAML reads the key `on:` as True.
    fast = [w for w in workflows.values() if "push" in w[True] and any(
        "--fast" in step.get("run", "") for job in w["jobs"].values() for step in job["steps"])]
    assert fast, "no workflow runs `./dev test --fast` on push"
    assert not fast[0][True]["push"] or "branches" not in fast[0][True]["push"], "the fast job must run on every branch"
    full = [w for w in workflows.values() if "pull_request" in w[True] and any(
        step.get("run", "").strip() == "./dev test" for job in w["jobs"].values() for step in job["steps"])]
    assert full, "no workflow runs the full suite (./dev test) on pull requests"


PLUGINS_DIR = ROOT / "plugins"
TOOLS_DIR = ROOT / "tools"
CORE = "site_core"


def _folders(parent: Path) -> set[str]:
    return {p.name for p in parent.iterdir() if p.is_dir() and p.name != "__pycache__"}


def imported_names(path: Path) -> set[str]:
    """Top-level names a module imports: ``import x.y``, ``from x import y``, and a literal
    ``importlib.import_module("x")`` / ``__import__("x")`` (a relative import stays in its package)."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str) and (
                    getattr(node.func, "attr", None) == "import_module" or getattr(node.func, "id", None) == "__import__"):
            names.add(node.args[0].value)
    return {n.split(".")[0] for n in names}


def plugin_imports() -> set[tuple[str, str]]:
    """(importing package, imported package) for every import between the packages of plugins/
    (every folder there is one), and from one of them of anything in tools/."""
    packages, tools = _folders(PLUGINS_DIR), _folders(TOOLS_DIR) | {p.stem for p in TOOLS_DIR.glob("*.py")} | {"tools"}
    found = set()
    for path in PLUGINS_DIR.rglob("*.py"):
        owner = path.relative_to(PLUGINS_DIR).parts[0]
        found |= {(owner, name) for name in imported_names(path) if name in (packages | tools) - {owner}}
    return found


def test_no_plugin_imports_another_plugin_only_the_core():
    """Issue 15: what several plugins use lives in site_core, which imports none of them; a plugin
    contributes to another through signals (pelican.signals, site_core.signals) or CONTENT_CHECKS
    (site_core.checks), never an import; no plugin imports a tool (tools/ may import plugins)."""
    imports = plugin_imports()
    core = sorted(pair for pair in imports if pair[0] == CORE)
    assert not core, f"site_core must import no plugin: {core}"
    others = sorted(pair for pair in imports if pair[1] != CORE)
    assert not others, f"a plugin imports another plugin or a tool (move the shared part to site_core): {others}"


def test_every_package_in_plugins_is_a_pelican_plugin_but_the_core():
    """Non-plugins (servers, benchmarks, task logic) live in tools/: every other folder of plugins/ is
    a package with register()."""
    import ast

    for name in sorted(_folders(PLUGINS_DIR) - {CORE}):
        init = PLUGINS_DIR / name / "__init__.py"
        assert init.is_file(), f"plugins/{name} is not a package"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert any(isinstance(n, ast.FunctionDef) and n.name == "register" for n in tree.body), \
            f"plugins/{name} has no register(): not a Pelican plugin, move it to tools/"
    core = ast.parse((PLUGINS_DIR / CORE / "__init__.py").read_text(encoding="utf-8"))
    assert not any(isinstance(n, ast.FunctionDef) and n.name == "register" for n in core.body)


def _module_file(dotted: str) -> Path | None:
    path = PLUGINS_DIR.joinpath(*dotted.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def test_architecture_names_only_modules_that_exist_and_links_only_inside_the_repo():
    """docs/ARCHITECTURE.md describes the code as it is: every plugin module or attribute it names in
    backticks (`package`, `package.module`, `package.module.name`) exists, every link resolves in the repo."""
    import ast

    doc = ROOT / "docs" / "ARCHITECTURE.md"
    text = doc.read_text(encoding="utf-8")
    packages = {p.name for p in PLUGINS_DIR.iterdir() if (p / "__init__.py").is_file()}
    named = {m for m in re.findall(r"`([a-z_]+(?:\.[A-Za-z_]+)*)`", text) if m.split(".")[0] in packages}
    assert {"site_core", "content_model", "union_units"} <= {m.split(".")[0] for m in named}
    for name in sorted(named):
        parts = name.split(".")
        depth = max(i for i in range(1, len(parts) + 1) if _module_file(".".join(parts[:i])))
        rest = parts[depth:]
        assert len(rest) <= 1, f"{name}: no module {'.'.join(parts[:depth + 1])} under plugins/"
        if rest:
            tree = ast.parse(_module_file(".".join(parts[:depth])).read_text(encoding="utf-8"))
            defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)} | {
                t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
            assert rest[0] in defined, f"{name}: {rest[0]} is not defined in {'.'.join(parts[:depth])}"
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        assert not re.match(r"^(?:[a-z]+:|/)", target), f"link outside the repository: {target}"
        path = (doc.parent / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT) and path.exists(), f"link to a file not in the repository: {target}"


def _folded(text: str) -> str:
    """Lower case without diacritics, đ as d: "Công Thương" -> "cong thuong"."""
    import unicodedata

    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def test_the_engine_does_not_name_the_main_organisation():
    """The main union is named only in its settings and content (SITENAME, CDCT_IDENTITY, REPORTS_*,
    content/), never in the engine, so a second union takes themes/ and plugins/ as they are: no text
    file there names it, its short name, its domain, or its top unit's e-mail and phone.

    The theme's folder name ``cdct`` and its CSS class and custom-property prefix ``cdct-`` stay: they
    are a neutral prefix to the engine's users (no reader sees them), and renaming them would be churn
    across every template, stylesheet and site. So "cdct" is not looked for; "cđct" and "CĐCTVN" are."""
    from urllib.parse import urlsplit

    import yaml
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    name = settings["SITENAME"]
    assert name == "Công đoàn Công Thương Việt Nam"
    distinctive = name.lower().replace("công đoàn ", "").replace(" việt nam", "")  # "công thương"
    top = yaml.safe_load((ROOT / "content" / "units" / "cong-doan-nganh" / "unit.yml").read_text("utf-8"))
    publish = (ROOT / "publishconf.py").read_text("utf-8")
    domain = urlsplit(re.search(r'"(https://[^"]+)"', publish).group(1)).hostname
    needles = {name.lower(), _folded(name), distinctive, _folded(distinctive), _folded(distinctive).replace(" ", ""),
               settings["CDCT_IDENTITY"]["short_name"].lower(), "cđct", domain, urlsplit(top["website"]).hostname,
               top["email"].lower(), top["phone"], top["phone"].replace(" ", "")}
    assert {"công thương", "cong thuong", "congthuong", "cđctvn", "congdoancongthuong.example.vn"} <= needles
    files = [p for folder in (PLUGINS_DIR, ROOT / "themes") for p in folder.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    found, read = [], 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8").lower()
        except UnicodeDecodeError:
            continue  # fonts, images
        read += 1
        found += [f"{path.relative_to(ROOT)}: {n!r}" for n in sorted(needles) if n in text]
    assert read > 50 and found == []


def test_templates_and_stylesheets_name_identity_colours_only_by_custom_property():
    """IDENTITY_COLORS is the one source of the identity colours: templates, CSS and JS use
    ``var(--cdct-…)`` or the setting, never the colour itself (a copy would stay when a union changes
    its colours). White is left out: print.css prints black on white whatever the identity."""
    from site_core import engine_settings

    colours = {entry["color"].lower() for name, entry in engine_settings.IDENTITY_COLORS.items() if name != "cdct-white"}
    short = {f"#{c[1]}{c[3]}{c[5]}" for c in colours if c[1] == c[2] and c[3] == c[4] and c[5] == c[6]}
    files = [p for pattern in ("*/templates/**/*", "*/static/css/**/*", "*/static/js/**/*")
             for p in (ROOT / "themes").glob(pattern) if p.is_file()]
    assert len(files) > 10
    found = [f"{p.relative_to(ROOT)}: {hex_!r}" for p in files
             for hex_ in re.findall(r"#[0-9a-f]{3,6}\b", p.read_text("utf-8").lower()) if hex_ in colours | short]
    assert found == []
