"""``python -m tools.bench.phases [--depth 2] -- <pelican arguments>``: where a build's CPU and memory go.

Runs Pelican in this process with a sampling thread: every ``--interval`` seconds it notes the main
thread's stack (the frames of Pelican and of the plugins, below ``Pelican.run``), the process's CPU
time (all threads), the CPU time of the children it has waited for (Pagefind, the Markdown worker)
and its resident memory. At the end it prints, per step (the first ``--depth`` frames of that
stack), the CPU and wall seconds spent there, and the largest RSS seen in it.

Unlike cProfile it does not slow down Jinja's many small calls (one sample costs ≈ 0.1 ms), so the
seconds add up to what ``/usr/bin/time`` reports; a step shorter than the interval may be missed.
It is how the quadratic steps at 50,000 articles were found (docs/performance.md, "At 50,000
articles"). Example, in a site folder: ``python -m tools.bench.phases -- content -s publishconf.py
-o /tmp/out --cache-path /tmp/empty-cache``.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import traceback

PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss_mb() -> int:
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[1]) * PAGE // 2**20


def step_of(frame, depth: int) -> str:
    """The first ``depth`` frames of Pelican's and the plugins' code below ``Pelican.run``."""
    names = []
    for summary in traceback.extract_stack(frame):
        parts = summary.filename.replace(os.sep, "/").split("/")
        if "plugins" in parts or "pelican" in parts:
            names.append(f"{parts[-2]}/{parts[-1]}:{summary.name}")
    runs = [i for i, name in enumerate(names) if name == "pelican/__init__.py:run"]
    if runs:
        names = names[runs[-1] + 1:]
    return " > ".join(names[:depth])


class Sampler(threading.Thread):
    def __init__(self, main_thread: int, interval: float, depth: int):
        super().__init__(daemon=True)
        self.main_thread, self.interval, self.depth = main_thread, interval, depth
        self.samples: list[tuple] = []  # (time, rss MB, step, CPU s, children's CPU s)

    def run(self):
        while True:
            frame = sys._current_frames().get(self.main_thread)
            times = os.times()
            self.samples.append((time.perf_counter(), _rss_mb(), step_of(frame, self.depth) if frame else "",
                                 times.user + times.system, times.children_user + times.children_system))
            time.sleep(self.interval)

    def report(self, top: int = 30) -> list[str]:
        steps: dict[str, list] = {}
        for before, after in zip(self.samples, self.samples[1:]):
            entry = steps.setdefault(before[2], [0.0, 0.0, 0.0, 0])
            entry[0] += after[3] - before[3]
            entry[1] += after[4] - before[4]
            entry[2] += after[0] - before[0]
            entry[3] = max(entry[3], before[1], after[1])
        lines = ["CPU s (this process) | children's CPU s | wall s | max RSS MB | step"]
        for step, (cpu, children, wall, rss) in sorted(steps.items(), key=lambda kv: -kv[1][0])[:top]:
            lines.append(f"{cpu:8.2f} | {children:8.2f} | {wall:8.2f} | {rss:6d} | {step or '(outside Pelican.run)'}")
        peak = max(self.samples, key=lambda s: s[1]) if self.samples else None
        if peak:
            lines.append(f"peak RSS {peak[1]} MB at {peak[0] - self.samples[0][0]:.1f} s, in: {peak[2] or '—'}")
        return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.phases", description=__doc__.split("\n")[0])
    parser.add_argument("--depth", type=int, default=2, help="frames per step (default 2)")
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between samples")
    parser.add_argument("pelican_args", nargs=argparse.REMAINDER, help="-- then Pelican's own arguments")
    args = parser.parse_args(argv)
    pelican_args = args.pelican_args[1:] if args.pelican_args[:1] == ["--"] else args.pelican_args

    import pelican  # after the arguments, so that --help needs no Pelican

    sampler = Sampler(threading.get_ident(), args.interval, args.depth)
    sampler.start()
    sys.argv = ["pelican", *pelican_args]
    code = 0
    try:
        pelican.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        print("\n".join(sampler.report()), flush=True)
    return code


if __name__ == "__main__":  # a guard: the build's spawned workers import this module again
    sys.exit(main())
