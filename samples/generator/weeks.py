"""A sample site a week later: what the weekly job must notice between two crawls.

`render_week(site_id, out, week)` writes the site as it stood at the end of the bundled history
(week 0, the same pages as samples/sites) or one week later (week 1), with the week's changes:

- `new`: documents published in the week, at the top of their lists;
  (every item of the week is posted on its last day, or on the day a test passes: today)
- `changed`: a document whose title was corrected (its list row and its page);
- `removed`: a document taken down: gone from its list, its page answers 404;
- `backdated`: a document posted in the week with a 发布日期 months earlier, so it sits deep in
  its date-sorted list (伪造发稿日期, a single-veto item of the national website inspection);
- `filled`: a column filled in one day before an inspection (集中补发), five documents dated
  across the months it had stood still: the commonest form of 伪造发稿日期, each one counted;
- near-misses that are not backdating: `republished` (a document taken down and posted again
  under a new URL with its original title and date: a correction), `migrated` (old documents of
  several columns moved in from an old system at once, under that system's URL form: listed
  for a person to judge, never counted), `late_written` (posted in the week with a 成文日期
  months earlier: late disclosure, not a false date).

The changes are recorded in `changes.json` beside the site, for the tests that check the crawl
noticed them. Week 0 renders exactly the bundled site; the generator's other sites are untouched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from samples.generator.build import RENDERERS, write_site
from samples.generator.plan import Doc, Planner
from samples.generator.specs import AS_OF, SITES

WEEK = dt.timedelta(days=7)
BACKDATED_DAYS = 150  # how far back the backdated document's stated date lies
MIGRATED = 2  # documents of each migrated column
MIGRATED_COLUMNS = ("news", "notice", "policy", "personnel")
MOVED_FROM = "oldweb"  # the old system's URL form: /oldweb/<column>/<n>.html
FILLED = 5  # documents filling the notice column in one day
FILLED_STEP = 25  # days between their stated dates


KINDS = (
    "new",
    "changed",
    "removed",
    "backdated",
    "filled",
    "republished",
    "migrated",
    "late_written",
)


def week_changes(
    planner: Planner,
    week: int,
    kinds: tuple[str, ...] = KINDS,
    day: dt.date | None = None,
    news: int = 3,
) -> dict[str, list[Doc]]:
    """Apply week `week`'s changes of these kinds to the planned site, the week's items posted
    on `day` (default: the week's last day after the bundled history; a test that crawls now
    passes today, so that what is new is not older than the crawl that first misses it). Docs
    keep their seqs; new ones follow, the week's new items first, so that a week with only
    those and a week with every change agree on them. `news`: how many news items are new."""
    changes: dict[str, list[Doc]] = {k: [] for k in KINDS}
    if week == 0:
        return changes
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"no change kind {', '.join(sorted(unknown))}; the kinds are {KINDS}")
    spec, docs = planner.spec, planner.docs
    cols = {c.kind: c for c in spec.columns}
    day = day or AS_OF + week * WEEK
    old_news = [d for d in docs if d.column.kind == "news" and d.has_page and not d.related]
    old_notices = [
        d for d in docs if d.column.kind == "notice" and d.has_page and not d.related and d.doc_no
    ]
    latest_notice = next(d for d in reversed(docs) if d.column.kind == "notice" and d.has_page)
    # the week's policies: their interpretations are not the point
    planner.interpret = lambda doc: None
    if "new" in kinds:  # news items (three by default) and a notice
        for _ in range(news):
            changes["new"].append(planner.generate(cols["news"], day))
        changes["new"].append(planner.generate(cols["notice"], day))
    if "changed" in kinds:  # the latest notice of the week before: its title corrected
        latest_notice.title += "（修订）"
        changes["changed"].append(latest_notice)
    if "removed" in kinds:  # a news item months old taken down
        gone = old_news[len(old_news) // 3]
        gone.has_page = False
        changes["removed"].append(gone)
    if "republished" in kinds:  # a notice taken down and posted again, title and date kept
        # a recent one, on its list's first page: taken down and posted again deeper, the two
        # cancel in the stated total and only the 4-weekly full walk sees them
        original = old_notices[-3]
        original.has_page = False
        changes["removed"].append(original)
        again = dataclasses.replace(
            original, seq=len(docs), flags=["republished"], related=[], attachments=[], images=[]
        )
        again.has_page, again.created = True, day
        docs.append(again)
        changes["republished"].append(again)
    if "migrated" in kinds:  # old documents of four columns moved in, all at once
        for k, kind in enumerate(MIGRATED_COLUMNS):
            for i in range(MIGRATED):
                stated = dt.date(2024, 3, 4) + dt.timedelta(days=14 * (k * MIGRATED + i))
                doc = planner.generate(cols[kind], stated)
                doc.created, doc.moved_from = day, MOVED_FROM
                doc.flags.append("migrated")
                changes["migrated"].append(doc)
    if "late_written" in kinds:  # posted this week, written four months ago
        late = planner.generate(cols["notice"], day)
        late.written = day - dt.timedelta(days=120)
        late.signing = f"{late.written.year}年{late.written.month}月{late.written.day}日"
        late.flags.append("late_written")
        changes["late_written"].append(late)
    if "filled" in kinds:  # the notice column filled in one day, dated across past months
        for i in range(FILLED, 0, -1):
            doc = planner.generate(cols["notice"], day - dt.timedelta(days=FILLED_STEP * i + 3))
            doc.created = day
            doc.flags.append("filled")
            changes["filled"].append(doc)
    # last, after a page posted as dated: its number runs ahead of its date on its own
    if "backdated" in kinds:  # posted this week with a date five months back
        backdated = planner.generate(cols["policy"], day - dt.timedelta(days=BACKDATED_DAYS))
        backdated.created = day
        backdated.flags.append("backdated")
        changes["backdated"].append(backdated)
    return changes


def render_week(
    site_id: str,
    out: Path,
    week: int = 0,
    kinds: tuple[str, ...] = KINDS,
    day: dt.date | None = None,
    news: int = 3,
) -> dict[str, list[str]]:
    """Write the site as of `week` weeks after the bundled history, with that week's changes of
    these kinds, into out/ (www/, server.json, data.json, changes.json); returns the changes by
    kind, as page paths."""
    spec = next((s for s in SITES if s.site_id == site_id), None)
    if spec is None:
        raise ValueError(f"no sample site {site_id}")
    planner = Planner(spec)
    plan = planner.run()
    changes = week_changes(planner, week, kinds, day, news)
    unlisted = {d.seq for d in changes["removed"]}
    renderer = RENDERERS[spec.family](plan)
    for column_docs in renderer.by_column.values():
        column_docs[:] = [d for d in column_docs if d.seq not in unlisted]
    write_site(spec, renderer.render(), out)
    paths = {kind: [d.path for d in found] for kind, found in changes.items()}
    posted = day or AS_OF + week * WEEK
    record = {"site_id": site_id, "week": week, "day": posted.isoformat(), **paths}
    (out / "changes.json").write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")
    return paths
