"""A real headless Chromium (Debian's `chromium` and `chromedriver`), driven by Selenium against
those binaries: nothing downloads a browser of its own. Used to print the PDF and by the tests."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
DRIVER = ("chromedriver",)


class BrowserMissing(RuntimeError):
    """No Chromium here; the message says how the project installs it."""


def find(names: tuple[str, ...]) -> str | None:
    return next((path for name in names if (path := shutil.which(name))), None)


def chromium_driver(width: int = 1440, height: int = 900):
    """A headless Chromium session with its console log captured."""
    browser, driver = find(CHROMIUM), find(DRIVER)
    if not browser or not driver:
        raise BrowserMissing(
            "Chromium and chromedriver are needed for this (Debian: apt-get install chromium "
            "chromium-driver fonts-noto-cjk; `make test` installs them)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--lang=zh-CN"):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


def print_pdf(html: Path, pdf: Path) -> Path:
    """Print a page to an A4 PDF with page numbers in the footer, charts as drawn."""
    driver = chromium_driver()
    try:
        driver.get(html.resolve().as_uri())
        result = driver.execute_cdp_cmd(
            "Page.printToPDF",
            {
                "paperWidth": 8.27,
                "paperHeight": 11.69,
                "marginTop": 0.5,
                "marginBottom": 0.6,
                "printBackground": True,
                # the page's @page rules decide: the ranking landscape, the rest portrait
                "preferCSSPageSize": True,
                "displayHeaderFooter": True,
                "headerTemplate": "<span></span>",
                "footerTemplate": '<div style="font-size:9px;width:100%;text-align:center">'
                '<span class="pageNumber"></span> / <span class="totalPages"></span></div>',
            },
        )
    finally:
        driver.quit()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(base64.b64decode(result["data"]))
    return pdf
