"""What the scorecard shows, read from the store: one as-of date's indicators and findings per
site, the previous scoring for the trend, weekly new items over the window."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from analysis.dimensions import Composite, roll_up
from analysis.indicators import BY_NAME, FINDING, INDICATORS, SPECS
from analysis.rules import Rules
from analysis.snapshot import default_known_at

# the items listed apart from the findings (findings.status), as the site pages and the
# workbook's sheets name them: (heading, what it means)
LISTED_LABELS = {
    "pending": ("未到期事项", "评估日尚在时限内的事项：到期前不判为问题，到期后按规则计入。"),
    "review": (
        "待人工判断",
        "规则不能确定、须由评估人员核实的事项（如疑似网站迁移）：不计入指标。",
    ),
}

LABELS = {spec.name: spec.label for spec in SPECS}
# the methodology's sentence, and which sites it judges where not every site of its levels
DEFINITIONS = {
    spec.name: spec.definition + (f"（只评{spec.judged}网站）" if spec.judged else "")
    for spec in SPECS
}
QUOTES = {spec.name: spec.quote for spec in SPECS}  # the source's words each definition follows
CHANGES = {spec.name: spec.changed for spec in SPECS}  # old → new, where a definition moved
# how each site's pairs were made, as the scorecard shows it (a person's decision first)
PAIRING_SQL = """
select site_id,
       case when reviewed is not null then 'confirmed' when not counted then 'waiting'
            else method end as kind,
       count(*)
from pairs group by all
union all
select site_id, 'outside', count(distinct interpretation_url) from outside_citations group by all
"""
NEWEST_DOCUMENTS = 400  # listed on each site page (the workbook and the database have them all)
LEVELS = {
    "national": "国家级",
    "provincial": "省级",
    "prefecture": "市级",
    "county": "县级",
    None: "未标注",
}


@dataclass
class Indicator:
    name: str
    value: float | None
    numerator: int | None
    denominator: int | None
    threshold: float
    passed: bool | None
    basis: str
    previous: float | None = None
    counts: bool = True
    weight: float = 1.0

    @property
    def label(self) -> str:
        return LABELS[self.name]

    def shown(self, value: float | None = None) -> str:
        return BY_NAME[self.name].shown(self.value if value is None else value)

    @property
    def rule(self) -> str:
        return BY_NAME[self.name].threshold_text(self.threshold)

    def meets(self, value: float) -> bool:
        """Whether a value meets this indicator's threshold."""
        return BY_NAME[self.name].meets(value, self.threshold)

    @property
    def passed_then(self) -> bool | None:
        """Whether the previous scoring's value met today's threshold."""
        return None if self.previous is None else self.meets(self.previous)

    @property
    def trend(self) -> str:
        """better / worse / same against the previous scoring, or ""."""
        if self.previous is None or self.value is None:
            return ""
        if self.value == self.previous:
            return "same"
        higher_is_better = BY_NAME[self.name].higher_is_better
        return "better" if (self.value > self.previous) == higher_is_better else "worse"


@dataclass
class SiteReport:
    site_id: str
    name: str
    level: str | None
    region: str | None
    homepage: str
    last_crawled: dt.datetime | None
    crawl_status: str | None = None  # the site's outcome in its latest crawl (site_runs)
    crawl_reason: str | None = None
    indicators: dict[str, Indicator] = field(default_factory=dict)
    findings: dict[str, list[dict]] = field(default_factory=dict)
    # the items listed apart from the findings and counted in no figure, by status (pending:
    # 未到期, review: 待人工判断), then indicator
    listed: dict[str, dict[str, list[dict]]] = field(default_factory=dict)
    weekly: list[tuple[dt.date, int]] = field(default_factory=list)
    history: dict[dt.date, dict[str, float | None]] = field(default_factory=dict)  # past scorings
    # the latest pairing's evidence: link / quote / similar / confirmed / waiting / outside
    pairing: dict[str, int] = field(default_factory=dict)
    # the dimensions' scores, the composite and the failing vetoes (analysis/dimensions.py)
    composite: Composite = field(default_factory=Composite)

    @property
    def score(self) -> float | None:
        """The composite (综合得分), 0–1: the dimensions' weighted scores."""
        return self.composite.score

    @property
    def vetoes(self) -> list[str]:
        """The indicators failed that are a single veto (单项否决)."""
        return self.composite.vetoes

    @property
    def failed(self) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.counts and i.passed is False]


@dataclass
class Report:
    as_of: dt.date
    window_start: dt.date
    rules: Rules
    rules_name: str
    previous_as_of: dt.date | None
    sites: list[SiteReport]
    newest: dict[str, list[tuple]] = field(default_factory=dict)
    warc_dir: Path | None = None  # where the captures' WARC files are (archived copies)

    def __post_init__(self) -> None:
        for site in self.sites:  # every site's roll-up under this report's rules
            site.composite = composite_of(site, self.rules)

    def documents(self, site: SiteReport) -> list[tuple]:
        """The site's newest documents of the window: (date, column, type, title, url)."""
        return self.newest.get(site.site_id, [])

    @property
    def ranked(self) -> list[SiteReport]:
        """Every site by composite, highest first (a vetoed site keeps its place and its mark)."""
        return by_composite(self.sites)

    @property
    def vetoed(self) -> list[SiteReport]:
        """The sites with a single veto (单项否决), by composite: the 通报 lists them apart."""
        return [s for s in self.ranked if s.vetoes]

    @property
    def unvetoed(self) -> list[SiteReport]:
        return [s for s in self.ranked if not s.vetoes]


def by_composite(sites: list[SiteReport]) -> list[SiteReport]:
    """Sites by composite, highest first, then by id: the one order of every ranking."""
    return sorted(sites, key=lambda s: (-(s.score or 0), s.site_id))


def composite_of(site: SiteReport, rules: Rules, *, previous: bool = False) -> Composite:
    """A site's roll-up under `rules`: of today's verdicts, or of the previous scoring's values
    judged by today's thresholds (`previous`)."""
    verdicts = {
        name: rules.judged(name, i.passed_then if previous else i.passed)
        for name, i in site.indicators.items()
    }
    return roll_up(verdicts, rules.dimensions, rules.vetoes)


# each finding with the latest capture of its page known by the as-of date (the same moment
# scoring uses: analysis/snapshot.py)
FINDINGS_SQL = """
with shown as (
    select * from findings where as_of = ?
),
latest as (
    select c.site_id, c.url, c.warc_file, c.warc_offset, c.warc_length, c.fetched_at,
           c.payload_sha1
    from captures c
    where c.pruned_at is null and c.fetched_at <= coalesce(?::timestamp, c.fetched_at)
      and (c.site_id, c.url) in (select site_id, url from shown)
    qualify row_number() over (partition by c.site_id, c.url order by c.fetched_at desc) = 1
)
select f.site_id, f.indicator, f.url, f.detail, f.related_url, f.amount, f.status,
       d.title, r.title,  -- what a reader sees of each linked page: its title, not its URL
       l.warc_file, l.warc_offset, l.warc_length, l.fetched_at, l.payload_sha1,
       d.url is not null as is_page,  -- a document page (not an attachment or a list)
       d.encoding
from shown f
left join latest l on l.site_id = f.site_id and l.url = f.url
left join documents d on d.site_id = f.site_id and d.url = f.url
left join documents r on r.site_id = f.site_id and r.url = f.related_url
order by f.site_id, f.indicator, f.url, f.detail
"""


def latest_as_of(con) -> dt.date | None:
    return con.execute("select max(as_of) from indicators").fetchall()[0][0]


def load_report(con, rules: Rules, as_of: dt.date | None = None) -> Report:
    """Everything one scorecard shows; raises LookupError when nothing was scored."""
    as_of = as_of or latest_as_of(con)
    if as_of is None:
        raise LookupError("nothing has been scored in this database yet: run `zwgk score` first")
    rows = con.execute(
        "select site_id, indicator, value, numerator, denominator, threshold, passed, basis, "
        "window_start, rules from indicators where as_of = ?",
        [as_of],
    ).fetchall()
    if not rows:
        raise LookupError(f"no scores for {as_of}; scored dates: run `zwgk score --as-of {as_of}`")
    previous_as_of = con.execute(
        "select max(as_of) from indicators where as_of < ?", [as_of]
    ).fetchall()[0][0]
    previous = (
        {
            (s, i): v
            for s, i, v in con.execute(
                "select site_id, indicator, value from indicators where as_of = ?", [previous_as_of]
            ).fetchall()
        }
        if previous_as_of
        else {}
    )
    sites = {
        s: SiteReport(s, name or s, level, region, homepage or "", crawled)
        for s, name, level, region, homepage, crawled in con.execute(
            "select s.site_id, s.name, s.level, s.region, s.homepage, max(d.fetched_at) "
            "from sites s left join documents d using (site_id) group by all"
        ).fetchall()
    }
    for site, status, reason in con.execute(
        "select site_id, arg_max(r.status, u.started_at), arg_max(r.reason, u.started_at) "
        "from site_runs r join runs u using (run_id) group by site_id"
    ).fetchall():
        if site in sites:
            sites[site].crawl_status, sites[site].crawl_reason = status, reason
    window_start, rules_name = rows[0][8], rows[0][9]
    for site, name, value, num, den, threshold, passed, basis, _, _ in rows:
        if site not in sites or name not in INDICATORS:
            continue
        rule = rules[name]
        sites[site].indicators[name] = Indicator(
            name, value, num, den, threshold, passed, basis, previous.get((site, name)),
            bool(rule.get("counts", True)), float(rule.get("weight", 1)),
        )  # fmt: skip
    for (
        site,
        indicator,
        url,
        detail,
        related,
        amount,
        status,
        title,
        related_title,
        *capture,
    ) in con.execute(FINDINGS_SQL, [as_of, default_known_at(con, as_of)]).fetchall():
        if site in sites:
            listed = sites[site].listed.setdefault(status, {}) if status != FINDING else None
            (sites[site].findings if listed is None else listed).setdefault(indicator, []).append(
                {
                    "url": url,
                    "detail": detail,
                    "related_url": related,
                    "title": title,
                    "related_title": related_title,
                    "amount": amount,
                    # the page's latest capture by the as-of date (reports/archive.py)
                    "capture": tuple(capture) if capture[0] else None,
                }
            )
    for site, week, items in con.execute(
        "select site_id, date_trunc('week', published_date)::date as w, count(*) from documents "
        "where published_date between ? and ? group by all order by 1, 2",
        [window_start, as_of],
    ).fetchall():
        if site in sites:
            sites[site].weekly.append((week, items))
    for site, day, name, value in con.execute(
        "select site_id, as_of, indicator, value from indicators where as_of <= ? order by as_of",
        [as_of],
    ).fetchall():
        if site in sites:
            sites[site].history.setdefault(day, {})[name] = value
    for site, kind, n in con.execute(PAIRING_SQL).fetchall():
        if site in sites:
            sites[site].pairing[kind] = n
    scored = [s for s in sites.values() if s.indicators]
    newest: dict[str, list[tuple]] = {}
    for site, *row in con.execute(
        "select site_id, published_date, column_name, doc_type, title, url from documents "
        "where published_date between ? and ? "
        "qualify row_number() over (partition by site_id order by published_date desc, url) <= ? "
        "order by site_id, published_date desc, url",
        [window_start, as_of, NEWEST_DOCUMENTS],
    ).fetchall():
        newest.setdefault(site, []).append(tuple(row))
    return Report(as_of, window_start, rules, rules_name, previous_as_of, scored, newest)
