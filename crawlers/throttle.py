"""Politeness per site: AutoThrottle that honours each profile's `delay`, and a downloader
that holds each site to its profile's concurrency.

Scrapy's AutoThrottle keeps every slot's delay at or above the global DOWNLOAD_DELAY, so a
profile's `delay = 0` (a site that asked for none, or a mirror we own) still waited 0.5 s a
request, and a profile asking for 5 s could be adjusted below it. Here the floor is the
profile's own delay (the spider writes it to DOWNLOAD_SLOTS under the site's id), and 0 means
no delay at all; sites without a slot entry keep AutoThrottle's behaviour.

Scrapy 2.19's downloader counts a request against its slot's concurrency only once the task
that downloads it has started, one turn of the event loop after the request left the queue.
With no delay, a slot's whole queue left at once (28–29 at a time against 2, measured at the
server); with a delay of a millisecond, a process held up for that millisecond under load sent a
third request against 2 (in 3 of 10 fresh-clone test runs, and 2 of 6 crawls run side by side). `SlotBoundDownloader` counts the request
from the moment it leaves the queue.
"""

from __future__ import annotations

from scrapy.core.downloader import Downloader
from scrapy.extensions.throttle import AutoThrottle


class ProfileAutoThrottle(AutoThrottle):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.mindelay = self._min_delay()
        self.maxdelay = self._max_delay()
        self._floors: dict[str, float] | None = None
        self._slot_key: str | None = None  # the slot of the response being adjusted for

    def floors(self) -> dict[str, float]:
        """The delay each site's slot must not go below, from DOWNLOAD_SLOTS (read once: the
        spider has written them by the time the first response arrives)."""
        if self._floors is None:
            slots = self.crawler.settings.getdict("DOWNLOAD_SLOTS")
            self._floors = {key: float(s["delay"]) for key, s in slots.items() if "delay" in s}
        return self._floors

    def delay_after(
        self, slot_key: str | None, current: float, latency: float, status: int
    ) -> float:
        """The slot's next delay: AutoThrottle's rule with the profile's delay as the floor."""
        floor = self.floors().get(slot_key) if slot_key else None
        if floor == 0:
            return 0.0
        lowest = self.mindelay if floor is None else floor
        target = latency / self.target_concurrency
        new = max(target, (current + target) / 2.0)
        new = min(max(lowest, new), max(self.maxdelay, lowest))
        if status != 200 and new <= current:
            return max(current, lowest)  # small error pages must not speed the crawl up
        return new

    def _response_downloaded(self, response, request, spider=None) -> None:
        # the response is not yet tied to its request when the downloader signals it
        # (`response.meta` raises "Response.meta not available"): the slot key is the request's
        self._slot_key = request.meta.get("download_slot")
        try:
            super()._response_downloaded(response, request, spider)
        finally:
            self._slot_key = None

    def _adjust_delay(self, slot, latency: float, response) -> None:
        slot.delay = self.delay_after(self._slot_key, slot.delay, latency, response.status)


class SlotBoundDownloader(Downloader):
    """Scrapy's downloader, with a request counted against its slot's concurrency as it leaves
    the slot's queue (not when its download task first runs)."""

    def _wait_for_download(self, slot, request, queue_dfd):  # called as the request leaves
        slot.transferring.add(request)  # Downloader._download adds it again, and removes it
        return super()._wait_for_download(slot, request, queue_dfd)
