"""templates/static/favicon.svg → templates/root/favicon.ico (16, 32 and 48 px PNGs in one ICO).

Run by hand after editing the SVG: `.venv/bin/python tools/favicon.py`. Chromium draws the
SVG (no imaging library needed); the ICO holds PNG images, which every current browser reads.
"""

import base64
import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
SIZES = (16, 32, 48)


def main() -> None:
    svg = (REPO / "templates" / "static" / "favicon.svg").read_bytes()
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    pngs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f'<body style="margin:0"><img src="{source}" width="{size}" height="{size}" '
                             'style="display:block"></body>')
            page.wait_for_function("document.images[0].complete")
            pngs.append((size, page.screenshot(omit_background=True)))
        browser.close()
    offset = 6 + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in pngs:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset + len(images))
        images += data
    target = REPO / "templates" / "root" / "favicon.ico"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(struct.pack("<HHH", 0, 1, len(pngs)) + entries + images)


if __name__ == "__main__":
    main()
