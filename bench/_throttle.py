"""A slower CPU for every thread of Chromium's renderers, page and workers alike (not a benchmark).

Chromium's own CPU emulation (CDP `Emulation.setCPUThrottlingRate`) slows a page's main thread
only: sent to a dedicated worker's target, this Chromium answers "Operation is only supported
for pages, not workers". The calculator starts Python in a module worker, so with it alone the
worker would run at full speed while the naive page (Python on the main thread) was slowed: a
comparison flattering to us. Instead, RendererThrottle stops each renderer process (SIGSTOP) for
(rate - 1) / rate of every `period` and lets it run (SIGCONT) for the rest, so every thread in it,
the main thread, the worker and V8's compiler threads, gets at most 1 / rate of the wall-clock
time: a CPU `rate` times slower. The browser and network processes are not slowed (the network
is emulated on its own, with CDP). Renderers started later (a new page, a new site) are found on
every period: they descend from Chromium's zygote processes, children of the browser process.

    with RendererThrottle(browser_pid, rate=4):
        ...   # load and measure pages
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    """The child processes of `pid` (Linux: /proc/<pid>/task/<tid>/children)."""
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


class RendererThrottle:
    """Slow the renderers of the Chromium whose browser process is `browser_pid` by `rate`."""

    def __init__(self, browser_pid: int, rate: float, period: float = 0.02):
        if rate < 1:
            raise ValueError("rate must be at least 1")
        self.rate = rate
        self.run_for = period / rate
        self.stop_for = period - self.run_for
        self.zygotes = [p for p in _children(browser_pid) if b"--type=zygote" in _cmdline(p)]
        if rate > 1 and not self.zygotes:
            raise RuntimeError(f"no zygote process under Chromium's browser process {browser_pid}")
        self.renderers: set[int] = set()
        self.stopped: set[int] = set()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _renderers(self) -> list[int]:
        """The renderers: descendants of the zygotes (a zygote may fork through a helper)."""
        pids, todo = [], list(self.zygotes)
        while todo:
            for pid in _children(todo.pop()):
                # A new process carries the zygote's title until it renames itself: only a
                # renderer's title is remembered, anything else is read again next time.
                if pid in self.renderers or b"--type=renderer" in _cmdline(pid):
                    self.renderers.add(pid)
                    pids.append(pid)
                todo.append(pid)
        return pids

    def _signal(self, pids, sig) -> None:
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass

    def _run(self) -> None:
        while not self.done.is_set():
            time.sleep(self.run_for)
            started = time.monotonic()
            self.stopped = set(self._renderers())
            self._signal(self.stopped, signal.SIGSTOP)
            time.sleep(max(0.0, self.stop_for - (time.monotonic() - started)))
            self._signal(self.stopped, signal.SIGCONT)

    def __enter__(self) -> RendererThrottle:
        if self.rate > 1:
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        if self.thread.is_alive():
            self.thread.join()
        self._signal(self._renderers(), signal.SIGCONT)
