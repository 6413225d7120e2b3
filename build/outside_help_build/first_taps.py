"""The first tap, answered before Python runs: the engine's replies for the example answers with
any one answer changed, made at build time and published beside the pages.

One job. A calculator shows the engine's result for the example answers at first paint, and its
answers respond once Python has started in the worker: seconds on a phone's first visit, most
of it the runtime's download. A reader's first tap changes one answer of the example, so there
are only a few dozen first taps (one per other option of each question). For each calculator
on the site this module asks the engine, with the very request the page will send (its place,
its memo address, no weights changed, the cost part closed), for the example and for every one
of those answers, and writes the replies to one JSON file the page fetches when the reader first
touches the form (docs/javascripts/first-taps.mjs, used by calculator.mjs). The page uses a
reply only when its own request matches, word for word, apart from that one answer; anything
else waits for Python, as before.

    first-taps/<uid>-h<heading>.json   {"format", "example", "answers", "request", "replies"}

Each calculator's config names its file and the uid and heading its replies are laid out for
(`config`); write() makes every file the built pages name, from the engine as it is, and fails
naming the page when a page names one it cannot make.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from outside_help_build import content, engine
from outside_help_build.errors import BuildError
from outside_help_build.markers import _page

__all__ = ["FOLDER", "FORMAT", "FirstTapsError", "config", "table", "write"]

FOLDER = "first-taps"
# Raised when the file's shape changes; the page uses a table only of the format it knows.
FORMAT = 1
# What the page reads of a score reply to paint it (calculator.mjs, paint()).
_KEPT = ("ok", "view", "tree", "share", "cost_view")
# A page's memo address (page-kit.mjs, memoAddress): the site URL when it is http(s) or a path.
_SITE_URL = re.compile(r"^(https?://|/)")
_CONFIG = re.compile(r'data-calculator-config="(?P<config>[^"]*)"')
_UID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")


class FirstTapsError(BuildError):
    """A page names a first-taps table the build cannot make."""


def config(uid: str, heading: int) -> dict[str, Any]:
    """What a calculator's config says of its table: the file, and the place it is made for."""
    return {"path": f"{FOLDER}/{uid}-h{heading}.json", "uid": uid, "heading": heading}


def _request(data: content.Content, uid: str, heading: int) -> dict[str, Any]:
    """The score request the page sends for the example's answers, without the answers."""
    url = data.site.url
    return {"op": "score", "weights": {}, "site_url": url if _SITE_URL.match(url) else "/",
            "pages": data.site.pages, "page": _page.place(data, uid, heading), "memo": False}


def table(data: content.Content, uid: str, heading: int) -> dict[str, Any]:
    """The table for one calculator: the engine's reply for the example answers (key "") and for
    each single change of one answer to another option (key "<question>=<option>")."""
    example = data.examples.reply["result"]["answers"]
    request = _request(data, uid, heading)
    changes = [("", example)] + [
        (f"{q['id']}={o['id']}", {**example, q["id"]: o["id"]})
        for q in data.schemas.questions["questions"] for o in q["options"] if example.get(q["id"]) != o["id"]
    ]
    replies = {}
    for key, answers in changes:
        reply = engine.ask(data.engine, {**request, "answers": answers})
        if not reply.get("ok"):
            raise FirstTapsError(f"the engine does not score the first tap {key or '(the example)'} for "
                                 f"calculator {uid}: {reply['error']['message']}")
        replies[key] = {k: reply[k] for k in _KEPT if k in reply}
    return {"format": FORMAT, "example": data.examples.reply["share"], "answers": example,
            "request": request, "replies": replies}


def _well_formed(taps: Any) -> bool:
    """A calculator's id (as calculator/view_trees.py's Place takes it), a heading level from 2
    to 6, and the file named from them: nothing else can send the build's writes elsewhere."""
    if not isinstance(taps, dict):
        return False
    uid, heading = taps.get("uid"), taps.get("heading")
    return (isinstance(uid, str) and _UID.fullmatch(uid) is not None and type(heading) is int
            and 2 <= heading <= 6 and taps == config(uid, heading))


def write(site_dir: Path, data: content.Content) -> int:
    """Write the table of every calculator the built pages hold (found by their configs);
    returns how many were written."""
    site_dir = Path(site_dir)
    written: dict[str, dict[str, Any]] = {}
    for page in sorted(site_dir.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        for match in _CONFIG.finditer(text):
            taps = json.loads(html.unescape(match["config"])).get("taps")
            if taps is None:
                continue
            if not _well_formed(taps):
                raise FirstTapsError(f"{page} names a first-taps table as {taps!r}, not as first_taps.config() writes it")
            if taps["path"] not in written:
                written[taps["path"]] = table(data, taps["uid"], taps["heading"])
    for path, made in written.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(made, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                          encoding="utf-8")
    return len(written)
