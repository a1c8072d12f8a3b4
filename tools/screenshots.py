"""Takes the README's screenshots from a running `make run` server with Debian's Chromium.

usage: .venv/bin/python tools/screenshots.py [BASE_URL]   (default http://127.0.0.1:8000)
Pages are listed in SHOTS as (file name, path, user to log in as or None).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SHOTS = [
    ("home", "/", None),
    ("home-zh", "/zh-hans/", None),
    ("coherence-map", "/standards/coherence/", None),
    ("country-profile-cn", "/standards/countries/CN/", None),
    ("supplier-list", "/supplychain/", "buyer"),
    ("supply-chain-map", "/supplychain/map/", "buyer"),
    ("compliance-results", "/compliance/", "supplier"),
    ("training-calendar-zh", "/zh-hans/training/", None),
    ("training-dashboard", "/training/results/", "officer"),
    ("results-dashboard", "/results/", None),
    ("library-search-zh", "/zh-hans/library/?q=劳动", None),
]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, path, user in SHOTS:
            context = browser.new_context(viewport={"width": 1280, "height": 860})
            page = context.new_page()
            if user:
                page.goto(f"{BASE}/account/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", "rsca-demo-2026")
                page.click("button[type=submit]")
            page.goto(f"{BASE}{path}")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(800)  # charts animate in
            page.screenshot(path=str(OUT / f"{name}.png"))
            context.close()
            print("saved", name)
        browser.close()


if __name__ == "__main__":
    main()
