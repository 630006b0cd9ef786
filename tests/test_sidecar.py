"""Work beside the crawl (crawlers/sidecar.py): stopping the worker processes leaves no job that
was submitted without its answer."""

from __future__ import annotations

import asyncio

from crawlers.sidecar import SideProcesses


def test_stopping_mid_flight_answers_every_job():
    """Two jobs in a worker's batch when it is stopped, three queued behind them: the batch is
    read back from the worker, the queued ones are run in this process."""

    async def run():
        side = SideProcesses("time:sleep", 1, "sleeping", "sleeping")
        side.start()
        in_flight = [asyncio.ensure_future(side.submit((0.3,))) for _ in range(2)]
        await asyncio.sleep(0.1)  # the batch is sent and the worker is busy with it
        queued = [asyncio.ensure_future(side.submit((0.01,))) for _ in range(3)]
        await asyncio.sleep(0)  # submitted: waiting in the queue for the busy worker
        side.stop()
        answers = await asyncio.wait_for(asyncio.gather(*in_flight, *queued), timeout=10)
        return answers, side.done_by_workers

    answers, by_workers = asyncio.run(run())
    assert answers == [("ok", None)] * 5
    assert by_workers == 2
