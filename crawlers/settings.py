"""Scrapy settings for zwgk-audit. Measured choices are explained in ../shared/TECH-NOTES.md."""

from scrapy.settings import default_settings as _scrapy_defaults

BOT_NAME = "zwgk-audit"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

USER_AGENT = "Mozilla/5.0 (compatible; zwgk-audit/0.1; government website assessment)"
ROBOTSTXT_OBEY = True

# Politeness for real government sites: 1–2 requests at a time per site, adaptive delay.
# Each site gets its own download slot (its id); the spider sets per-site concurrency and delay
# from the profile, and turns AutoThrottle off when every site is on 127.0.0.1 (the samples).
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
ZWGK_LOCAL_CONCURRENCY = 8
# holds every slot to its concurrency, also with no delay (Scrapy's own does not: see the module)
DOWNLOADER = "crawlers.throttle.SlotBoundDownloader"

# Bounded work, so traps and huge responses end (see DIRECTORY_DEPTH / MAX_LIST_PAGES / max_pages).
DEPTH_LIMIT = 0  # the spider bounds directory depth and list paging itself
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
REDIRECT_MAX_TIMES = 5
RETRY_TIMES = 2
# a request that fails after its retries is recorded as data (link_checks, site_runs) and named
# in the summary; Scrapy's own ERROR line for it only repeated that in the cron log
RETRY_GIVE_UP_LOG_LEVEL = "INFO"

# Security: Scrapy 2.19's RemoteControl runs code sent to it on localhost; telnet likewise. Both
# are also left out of Scrapy's base extensions (EXTENSIONS_BASE below): loaded only to be
# switched off, RemoteControl imported aiohttp, 0.2–0.3 s of every crawl's start (py-spy). A
# None in EXTENSIONS would not do: Scrapy loads each key of EXTENSIONS to compare it with the base.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False
EXTENSIONS_BASE = {
    name: order
    for name, order in _scrapy_defaults.EXTENSIONS_BASE.items()
    if name
    not in {
        "scrapy.extensions.remote_control.RemoteControl",
        "scrapy.extensions.telnet.TelnetConsole",
    }
}

# CPU: Scrapy starts this many asyncio tasks per response to take its callback's output, whatever
# its size. The default of 100: ~200 pages/s, 8: ~300 (TECH-NOTES). The pipelines never wait, so
# more than one buys nothing: 1 took 0.05 ms a page less than 8 (bench/crawl.py, both spiders).
CONCURRENT_ITEMS = 1
# Scrapy checks generator callbacks for `return value` by re-reading and parsing their source;
# its cache is keyed on weak references to bound methods, which die at once, so the check ran on
# every response (~4% of the crawl's CPU under cProfile). tests/test_spider_callbacks.py
# runs the same check once per callback instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
# Every item is in DuckDB; a DEBUG line per item only cost CPU (see crawlers/logformatter.py).
LOG_FORMATTER = "crawlers.logformatter.QuietItemsLogFormatter"

SPIDER_MIDDLEWARES = {
    # depth is bounded by the spider itself (DIRECTORY_DEPTH, MAX_LIST_PAGES, max_pages); the
    # middleware only cost time on every output of every callback
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
}
DOWNLOADER_MIDDLEWARES = {
    # before robots.txt (100) and everything else: no request leaves the scope (file://, 10.x …)
    "crawlers.middlewares.ScopeMiddleware": 50,
    # after decompression (590), before anything reads response.text
    "crawlers.middlewares.EncodingFixMiddleware": 580,
    # sees a 3xx before RedirectMiddleware (600) does: a loop becomes a failed link, not nothing
    "crawlers.middlewares.RedirectLoopMiddleware": 650,
    # next to the downloader: every response as served (before decompression) into the WARC
    "crawlers.evidence.WarcMiddleware": 950,
}
ITEM_PIPELINES = {
    "pipelines.item_pipelines.NormalizePipeline": 300,
    "pipelines.item_pipelines.StorePipeline": 800,
}
EXTENSIONS = {
    # the run's identity, outcomes and counters, before the first request (crawlers/run.py)
    "crawlers.run.CrawlRun": 0,
    # the run as the database holds it: opened and recorded before the first request, finished
    # when the spider closes (pipelines/run_record.py)
    "pipelines.run_record.RunRecord": 10,
    "crawlers.progress.Progress": 500,
    "crawlers.gc_tuning.GcTuning": 100,
    # AutoThrottle with each profile's delay as the floor (0 = none): crawlers/throttle.py
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawlers.throttle.ProfileAutoThrottle": 0,
}

ZWGK_DB = "output/audit.duckdb"
# where each run's WARC files go (zwgk crawl: warc/ beside the database); empty: not archived
ZWGK_WARC_DIR = ""
# each response's WARC record is built and written in one process beside the crawl (the sample
# crawl: 0.64 of the bare spider beside, 0.62 in it, docs/benchmarks.md); "auto": beside it
# whenever pages are read beside it (ZWGK_EXTRACT_WORKERS not 0), in it otherwise; or True / False
ZWGK_WARC_PROCESS = "auto"
ZWGK_PROGRESS = False
# rows buffered before a write (one Arrow batch per table), or after ZWGK_STORE_FLUSH_SECONDS:
# a killed crawl loses at most that much. A write's cost hardly grows with its rows: the sample
# crawl (45,000 rows in 10 s) spent 0.13 ms a page less on its one thread writing every 5 s
# than every 5,000 rows (bench/crawl.py)
ZWGK_STORE_BATCH = 50000
ZWGK_STORE_FLUSH_SECONDS = 5.0
# Document pages are read (crawlers/extract) in this many worker processes while the crawl
# fetches; "auto" is one per core beyond the crawl's own, at most 4; 0 reads them in-process.
ZWGK_EXTRACT_WORKERS = "auto"

# An incremental crawl (crawlers/walk.py) still walks each column's whole list, and re-checks
# each link of the pages it does not fetch again, within this many days (spread over them).
ZWGK_REWALK_DAYS = 28
ZWGK_RECHECK_DAYS = 28

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
