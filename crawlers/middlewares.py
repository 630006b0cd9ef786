"""Downloader middlewares: requests held in scope, response encodings fixed (the rule is
crawlers/charsets.py's; a header that said otherwise is noted on the request as a mismatch),
redirect loops stopped and kept as data.
"""

from __future__ import annotations

import urllib.request
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from w3lib.url import safe_url_string

from crawlers.addresses import host_address, is_private_host, is_public_address
from crawlers.charsets import GB_NAMES, decide_encoding, declared_charset


class EncodingFixMiddleware:
    def process_response(self, request, response, spider=None):
        if not isinstance(response, TextResponse):
            return response
        encoding = decide_encoding(response.body)
        declared = declared_charset(response.headers.get("Content-Type"))
        request.meta["zwgk_encoding"] = encoding
        request.meta["zwgk_charset_mismatch"] = False
        if declared in ("utf8", "utf_8"):
            declared = "utf-8"
        if declared == encoding:
            return response  # the header is right, and Scrapy follows the header
        if declared:
            same = encoding == "gb18030" and declared in GB_NAMES
            request.meta["zwgk_charset_mismatch"] = not same and not response.body.isascii()
        if response.encoding == encoding:
            return response
        return response.replace(encoding=encoding)


REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class RedirectLoopMiddleware:
    """A redirect back to a URL already in the request's redirect chain is a dead end. Scrapy's
    duplicate filter would drop the looping request without a trace; here the redirect is not
    followed, and the 3xx response goes to the callback marked `zwgk_redirect_loop` (the chain),
    so the spider records it as a failed link. Runs before RedirectMiddleware (600)."""

    def process_response(self, request, response, spider=None):
        location = response.headers.get("Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        target = urljoin(request.url, safe_url_string(location))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            request.meta["dont_redirect"] = True
            request.meta["zwgk_redirect_loop"] = [*chain, target]
        return response


OUT_OF_SCOPE = "out of scope"


class ScopeMiddleware:
    """Every request, redirects included, is checked before it leaves: only http(s), and only
    public addresses (crawlers/addresses.py) — an address in any spelling, and a DNS name by the
    address it resolves to (the reactor's caching resolver, so the connection then uses the very
    address checked) — unless the host is one of a site's own hosts and its profile allows private
    ones (the samples). A proxy the operator configured resolves the names itself: then only the
    URL's text is checked. A refused request fails with IgnoreRequest("out of scope: …"), recorded
    as `refused`."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.proxies = urllib.request.getproxies()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https"):
            raise IgnoreRequest(f"{OUT_OF_SCOPE}: only http(s) URLs are fetched, not {request.url}")
        profiles = getattr(self.crawler.spider, "profiles", {})
        site = profiles.get(request.meta.get("site_id"))
        if site is None:  # robots.txt: allowed where its site is, waited for as long
            site = next(
                (p for p in profiles.values() if urlsplit(p.homepage).netloc == parts.netloc),
                None,
            ) or next((p for p in profiles.values() if parts.hostname in p.hosts), None)
            if site is not None:
                for key, value in site.request_meta.items():
                    request.meta.setdefault(key, value)
        host = parts.hostname or ""
        if site is not None and site.private_network and host in site.hosts:
            return None
        if is_private_host(host):
            raise IgnoreRequest(
                f"{OUT_OF_SCOPE}: {host} is a private, loopback or link-local address"
            )
        if host_address(host) is not None or self.proxied(parts.scheme, host):
            return None
        return self.resolved_in_scope(host)

    def proxied(self, scheme: str, host: str) -> bool:
        """Whether the operator's proxy (http_proxy / https_proxy) carries this request."""
        return bool(self.proxies.get(scheme)) and not urllib.request.proxy_bypass(host)

    def resolved_in_scope(self, host: str):
        """A Deferred that fires None when the name resolves to a public address, and fails with
        IgnoreRequest when it resolves to another. The reactor's caching resolver answers, and its
        cache serves the connection that follows. A name that does not resolve is let through:
        the download then fails as usual, as an outage. (A plain method returning a Deferred
        only here: an `async def` cost every request of the samples measurable CPU.)"""
        from twisted.internet import reactor

        def judge(resolved: str) -> None:
            address = host_address(resolved)
            if address is not None and not is_public_address(address):
                raise IgnoreRequest(
                    f"{OUT_OF_SCOPE}: {host} resolves to {address}, a private, loopback or "
                    "link-local address"
                )

        return reactor.resolver.getHostByName(host).addCallbacks(judge, lambda failure: None)
