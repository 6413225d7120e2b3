"""Debian's Chromium, as the browser tests and the benchmarks launch it (never `playwright install`).

    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))

# Headless and quiet: no GPU, no sandbox (containers), no QUIC, no first-run or background
# traffic (updates, sync), so the only requests are the pages'.
HEADLESS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Offline: any host but loopback fails to resolve, so nothing can leave the machine.
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
ARGS = HEADLESS + OFFLINE
