"""Publishing that never half-publishes.

``publish(...)`` builds with publishconf.py into a fresh sibling folder of the target
(``<target>-publish-<timestamp>``), checks what was built (``check_output``), optionally rsyncs it,
and only then swaps it into the target in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere
two renames). Any failure removes the fresh folder and leaves the target exactly as it was.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
URL_ATTRS = {"href", "src", "action", "formaction", "poster", "data", "srcset"}


class PublishError(RuntimeError):
    """The publish stopped before touching the target; the message is Vietnamese."""


@dataclass
class PublishResult:
    target: Path
    pages: int
    swapped_atomically: bool
    notes: list = field(default_factory=list)


class _OutputScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and (attrs.get("type") or "").strip().lower() not in DATA_SCRIPT_TYPES:
            self.found.append("có <script> viết thẳng trong trang (CSP sẽ chặn)")
        for name, value in attrs.items():
            value = (value or "").strip()
            if name.startswith("on"):
                self.found.append(f"thuộc tính {name}= trong <{tag}>")
            elif name in URL_ATTRS:
                plain = "".join(value.split()).lower()
                if plain.startswith(("javascript:", "vbscript:", "data:text")):
                    self.found.append(f"đường dẫn {plain.split(':', 1)[0]}: ở <{tag} {name}>")
                elif "{static}" in value or "{filename}" in value or "{attach}" in value:
                    self.found.append(f"liên kết chưa giải được {value!r} ở <{tag} {name}> (tệp được liên kết không có)")

    handle_startendtag = handle_starttag


def check_output(folder: Path) -> list[str]:
    """What must not be published in a built site, one Vietnamese line per page and problem."""
    folder = Path(folder)
    problems = []
    if not (folder / "index.html").is_file():
        problems.append(f"{folder}/index.html: thiếu trang chủ — bản dựng không đầy đủ.")
    if (folder / "ban-nhap").exists():
        problems.append("ban-nhap/: bản nháp hoặc bài hẹn giờ nằm trong bản xuất bản — dựng bằng publishconf.py.")
    for path in sorted(folder.rglob("*.html")):
        scan = _OutputScan()
        scan.feed(path.read_text(encoding="utf-8", errors="replace"))
        for item in dict.fromkeys(scan.found):
            problems.append(f"{path.relative_to(folder).as_posix()}: {item}")
    return problems


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_into(fresh: Path, target: Path) -> bool:
    """Put ``fresh`` at ``target``; the old target is deleted afterwards. True if done in one step."""
    if not target.exists():
        os.rename(fresh, target)
        return True
    if _exchange(fresh, target):
        shutil.rmtree(fresh)  # now the previous site
        return True
    old = target.with_name(f"{target.name}-previous-{os.getpid()}")
    os.rename(target, old)
    os.rename(fresh, target)
    shutil.rmtree(old)
    return False


def publish(root: Path, content: str = "content", target: str | Path = "public", settings_file: str = "publishconf.py",
            rsync_target: str | None = None, python: str = sys.executable, log=print,
            cache: str | Path | None = None) -> PublishResult:
    """Build, check, (rsync,) swap. Raises PublishError with the target untouched on any failure.

    ``cache``: the build's CACHE_PATH (content cache, photos, search shards; ``invoke publish`` passes
    publishconf's for the project's own content). None builds cold with a temporary cache: another
    content folder's build must not overwrite the site's cache (its up-to-date state, reading
    inputs), nor prune the site's search shards it does not use.
    """
    root = Path(root)
    target = Path(target) if Path(target).is_absolute() else root / target
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    fresh = target.with_name(f"{target.name}-publish-{stamp}-{os.getpid()}")
    log(f"» Dựng bản xuất bản ({settings_file}) vào thư mục mới {fresh.name}/ ...")
    scratch = None if cache is not None else tempfile.TemporaryDirectory(prefix="cdct-publish-cache-")
    cache_path = str(cache if cache is not None else scratch.name)
    command = [python, "-m", "pelican", str(content), "-s", settings_file, "-o", str(fresh), "--fatal", "errors",
               "-e", f"CACHE_PATH={json.dumps(cache_path)}"]
    try:
        run = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            # Every line: a contributor's problem is never cut from the list.
            output = (run.stdout + run.stderr).strip()
            raise PublishError(f"Dựng bản xuất bản thất bại (mã {run.returncode}); trang đang chạy ở {target} "
                               f"giữ nguyên.\n{output}\nChạy: .venv/bin/invoke check để xem và sửa từng lỗi.")
        problems = check_output(fresh)
        if problems:
            raise PublishError("Bản dựng có nội dung không được đăng; trang đang chạy giữ nguyên:\n"
                               + "\n".join(f"  {p}" for p in problems[:50]))
        pages = sum(1 for _ in fresh.rglob("*.html"))
        if rsync_target:
            log(f"» Đồng bộ lên {rsync_target} (rsync) ...")
            sync = subprocess.run(["rsync", "-a", "--delete", "--delay-updates", f"{fresh}/", rsync_target],
                                  capture_output=True, text=True, check=False)
            if sync.returncode != 0:
                raise PublishError(f"rsync thất bại (mã {sync.returncode}): {sync.stderr.strip()}; "
                                   f"{target} giữ nguyên.")
        atomic = swap_into(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        if scratch is not None:
            scratch.cleanup()
    log(f"✓ Đã xuất bản {pages} trang vào {target}/" + (" (đổi chỗ một bước)." if atomic else "."))
    return PublishResult(target, pages, atomic)


def ping_feeds_hub(hub: str | None, output: Path, log=print) -> list:
    """Tell the WebSub hub about every feed in ``output`` if press_feeds is installed and a hub is set."""
    if not hub:
        return []
    try:
        from press_feeds import feed_urls_in, ping_hub  # an optional plugin
    except ImportError:
        log("» Bỏ qua báo hub WebSub: chưa có plugin press_feeds.")
        return []
    results = ping_hub(hub, feed_urls_in(output))
    ok = sum(1 for r in results if r.ok)
    log(f"» Đã báo hub {hub}: {ok}/{len(results)} nguồn tin nhận.")
    return results
