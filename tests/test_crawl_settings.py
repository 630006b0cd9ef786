"""The project's Scrapy settings (crawlers/settings.py): what every crawl process loads."""

from __future__ import annotations

import subprocess
import sys

from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list

from .conftest import ROOT

NEVER_LOADED = (
    "scrapy.extensions.remote_control.RemoteControl",
    "scrapy.extensions.telnet.TelnetConsole",
)


def project_extensions() -> list[str]:
    """The extensions a crawl loads, composed as Scrapy composes them (which loads every key of
    EXTENSIONS itself, even one set to None)."""
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    return build_component_list(settings.get_component_priority_dict_with_base("EXTENSIONS"))


def test_the_consoles_that_run_code_sent_to_them_are_not_loaded():
    loaded = project_extensions()
    assert "crawlers.run.CrawlRun" in loaded and "scrapy.extensions.corestats.CoreStats" in loaded
    assert not set(NEVER_LOADED) & set(loaded)


def test_loading_every_extension_of_a_crawl_imports_no_web_server():
    """RemoteControl, loaded only to be switched off, imported aiohttp: 0.2 s of every crawl's start."""
    code = (
        "import sys\n"
        "from scrapy.utils.misc import load_object\n"
        "from tests.test_crawl_settings import project_extensions\n"
        "for name in project_extensions(): load_object(name)\n"
        "print('aiohttp' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "False"
