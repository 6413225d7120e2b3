"""Phones (390 px wide): no page scrolls sideways, the responsibility diagram's text is readable,
wide tables show that they scroll, and the home page offers the calculator before any scrolling.

Screenshots of every page at 390 px go to pytest's tmp_path (see the test's output for where),
so a person can look at them; they are not compared with anything.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 375, "height": 667}

# Elements wider than the viewport, or reaching past its right edge, that do not sit inside a
# box that scrolls sideways (overflow-x auto or scroll). Hidden elements are skipped.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll") return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
    if ((r.width > width + 0.5 || r.right > width + 0.5) && r.left < width && !scrolls(el)) {
      wide.push(`${name(el)} (left ${Math.round(r.left)}, width ${Math.round(r.width)})`);
    }
  }
  return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth, width, wide };
}"""


def _pages(site: Path) -> list[str]:
    """URL paths of every built page ('' for home), the 404 page and Pyodide's files aside."""
    paths = []
    for html in sorted(Path(site).rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("pyodide/") or rel == "404.html":
            continue
        paths.append(rel.removesuffix("index.html"))
    return paths


def test_no_page_scrolls_sideways_at_390px(page, site_server, built_site, tmp_path):
    """Every page fits 390 px: nothing but a sideways-scrolling box is wider than the screen."""
    page.set_viewport_size(PHONE)
    pages = _pages(built_site)
    assert len(pages) >= 10, pages
    problems = []
    for path in pages:
        page.goto(site_server + path, wait_until="load")
        page.wait_for_timeout(150)
        found = page.evaluate(OVERFLOW)
        if found["scrollWidth"] > found["innerWidth"]:
            problems.append(f"/{path}: the document is {found['scrollWidth']}px wide")
        problems += [f"/{path}: {item}" for item in found["wide"]]
        shot = tmp_path / ((path.strip("/").replace("/", "_") or "home") + ".png")
        page.screenshot(path=str(shot), full_page=True)
    print(f"\nscreenshots at 390 px: {tmp_path}")
    assert not problems, "wider than a 390 px screen:\n" + "\n".join(problems[:40])


# ---------------------------------------------------------------------------------------------
# The responsibility diagram
# ---------------------------------------------------------------------------------------------

DIAGRAM_TEXT = """() => [...document.querySelectorAll("#responsibility-diagram svg")]
  .filter((svg) => svg.getBoundingClientRect().width > 0)
  .map((svg) => {
    const base = parseFloat(svg.getAttribute("font-size"));
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll("text")].map((t) => (parseFloat(t.getAttribute("font-size")) || base) * scale);
    return { classes: svg.getAttribute("class"), smallest: Math.min(...sizes),
             label: svg.getAttribute("aria-labelledby") };
  })"""


@pytest.mark.parametrize("width", [390, 1280])
def test_diagram_text_is_readable(page, site_server, width):
    """One drawing shows at a time, with text of at least 12 px, and a text alternative."""
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("", "compare/all-three/"):
        page.goto(site_server + path, wait_until="load")
        shown = page.evaluate(DIAGRAM_TEXT)
        assert len(shown) == 1, f"/{path} at {width}px: {len(shown)} drawings shown"
        assert shown[0]["smallest"] >= 12, f"/{path} at {width}px: text is {shown[0]['smallest']:.1f}px ({shown[0]['classes']})"
        for id_ in shown[0]["label"].split():
            assert page.locator(f"#{id_}").text_content().strip(), f"empty text alternative #{id_}"


# ---------------------------------------------------------------------------------------------
# Wide tables
# ---------------------------------------------------------------------------------------------

def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA PNG (what Chromium writes) into rows of bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytes(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = bytes(line)
    return width, channels, rows


def _edge_brightness(png: bytes, side: str, strip: int = 6) -> float:
    """Mean brightness (0-255) of a `strip`-pixel band along one side of a screenshot."""
    width, channels, rows = _png_pixels(png)
    xs = range(0, strip) if side == "left" else range(width - strip, width)
    values = [sum(row[x * channels:x * channels + 3]) / 3 for row in rows for x in xs]
    return sum(values) / len(values)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wide_tables_show_an_edge_shadow_where_columns_are_hidden(page, site_server, scheme):
    """A shadow marks each edge with columns behind it, and goes when that edge is reached."""
    page.set_viewport_size(PHONE)
    page.emulate_media(color_scheme=scheme)
    page.goto(site_server + "compare/all-three/#comparison-table", wait_until="load")
    wrap = page.locator("#comparison-table ~ .oh-compare .md-typeset__scrollwrap").first
    page.wait_for_function("el => el.scrollWidth > el.clientWidth + 50", arg=wrap.element_handle())
    # Hide the table itself (it keeps its size, so the box still scrolls): what is left to see
    # is the scrolling box's own background, where the cue is drawn. Setting a style through
    # the CSSOM is allowed by the page's CSP, unlike a <style> element.
    wrap.evaluate("el => { el.querySelector('.md-typeset__table').style.visibility = 'hidden'; }")
    box = wrap.bounding_box()
    clip = {"x": box["x"], "y": box["y"] + 4, "width": box["width"], "height": 40}

    def edges() -> tuple[float, float]:
        png = page.screenshot(clip=clip)
        return _edge_brightness(png, "left"), _edge_brightness(png, "right")

    wrap.evaluate("el => el.scrollLeft = 0")
    left_at_start, right_at_start = edges()
    wrap.evaluate("el => el.scrollLeft = el.scrollWidth")
    page.wait_for_timeout(50)
    left_at_end, right_at_end = edges()
    # Light palette: the shadow darkens the edge; dark palette: it lightens it.
    sign = 1 if scheme == "light" else -1
    assert sign * (right_at_end - right_at_start) > 8, (
        f"no shadow at the right edge while columns are hidden there ({right_at_start:.0f} vs {right_at_end:.0f})")
    assert sign * (left_at_start - left_at_end) > 8, (
        f"no shadow at the left edge after scrolling ({left_at_start:.0f} vs {left_at_end:.0f})")


# ---------------------------------------------------------------------------------------------
# The home page
# ---------------------------------------------------------------------------------------------

def test_home_page_offers_the_calculator_before_scrolling(page, site_server):
    """On a small phone the home page's first screen has a visible link to the calculator."""
    page.set_viewport_size(SMALL_PHONE)
    page.goto(site_server, wait_until="load")
    link = page.locator("article a[href$='calculator/']").first
    assert link.is_visible()
    box = link.bounding_box()
    assert box["y"] + box["height"] <= SMALL_PHONE["height"], f"the first calculator link ends at {box['y'] + box['height']:.0f}px"
    assert page.evaluate("scrollY") == 0
