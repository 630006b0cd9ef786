"""A site's share of a crawl done on another machine: its seed out, its shard back in.

A distributed crawl (zwgk/dispatch.py) runs each site's crawl in a worker's own process, against
a **seed**: a DuckDB file holding that site's rows as stored here. The worker's crawl is the
ordinary one (`zwgk crawl`), so versions, first-seen times, dead-since and removals are worked
out by the same store code against the same earlier rows as in a one-process crawl. What comes
back is a **shard**: the site's database after the crawl and its WARC files, under a manifest
that states each file's size and sha256. The manifest is written last and the folder renamed into
place, so a shard is whole or absent; one whose files do not match is refused and crawled again.

Merging replaces the site's rows in every table the crawl writes (SITE_TABLES) by the shard's, in
one transaction, and records the shard in `run_shards`: merging a shard twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from crawlers.files import Replacement
from crawlers.profiles import safe_name
from crawlers.status import utc_now
from pipelines.files import COPIES, Copy, copies_since, copy_atomically
from pipelines.store import Store

# every table a crawl writes, each row belonging to one site: what a seed carries out and a
# shard brings back (the scoring's tables are written after the merge, from these)
SITE_TABLES = (
    "sites",
    "columns",
    "listings",
    "documents",
    "document_fields",
    "document_links",
    "document_versions",
    "document_removals",
    "column_walks",
    "captures",
    "link_checks",
    "link_check_history",
    "site_runs",
)
# a seed's rows beyond "the site's": the earlier runs that crawled it (their start times place
# its walks), never the run being crawled (its row is the worker's crawl's to write)
SEED_ROWS = {
    "runs": "run_id in (select run_id from site_runs where site_id = $site) and run_id <> $run",
    "site_runs": "site_id = $site and run_id <> $run",
}
SHARD_DB = "audit.duckdb"
CRAWL_LOG = "crawl.log"  # what the site's `zwgk crawl` said on the worker
MANIFEST = "manifest.json"
RUN_FILE = "run.json"  # the run a shared folder's shards belong to, written by the coordinator
FINISHED_FILE = "finished"  # a run folder whose run is over: a late task finds it and does nothing
# what the shard's own run row says, kept per site in run_shards
RUN_TOTALS = ("pages", "errors", "dateparser_fallbacks", "unreadable_dates", "warc_bytes")


class ShardError(RuntimeError):
    """A shard that cannot be merged (missing, half-written, from another version)."""


@dataclass(frozen=True)
class RunFolder:
    """One distributed run's corner of the shared folder."""

    shared: Path
    run_id: str

    @property
    def path(self) -> Path:
        return self.shared / self.run_id

    @property
    def sites_file(self) -> Path:
        return self.path / "sites.toml"

    @property
    def seeds(self) -> Path:
        return self.path / "seeds"

    @property
    def shards(self) -> Path:
        return self.path / "shards"

    def seed(self, site_id: str) -> Path:
        return self.seeds / f"{safe_name(site_id)}.duckdb"

    def shard(self, site_id: str) -> Path:
        return self.shards / safe_name(site_id)

    def shard_arrived(self, site_id: str) -> bool:
        """Whether a shard is there under its final name (whole or not: read_manifest says)."""
        return (self.shard(site_id) / MANIFEST).exists()

    @property
    def finished(self) -> bool:
        return (self.path / FINISHED_FILE).exists()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_seed(store: Store, site_id: str, run_id: str, path: Path) -> int | None:
    """Write the site's rows as stored (and the earlier runs they name) into a new DuckDB file at
    `path`, atomically; returns the documents it holds, or None (and writes nothing) for a site
    never crawled: its crawl starts from an empty database."""
    known = store.sql(
        "select (select count(*) from sites where site_id = $site) + (select count(*) from "
        "site_runs where site_id = $site and run_id <> $run)",
        {"site": site_id, "run": run_id},
    )[0][0]
    if not known:
        return None
    with Replacement(path) as part:
        Store(part).close()  # the schema, every migration applied
        store.sql(f"attach {_quoted(part)} as seed")
        try:
            for table in (*SITE_TABLES, "runs"):
                names = ", ".join(f'"{c}"' for c in store.schema(table).names)
                where = SEED_ROWS.get(table, "site_id = $site")
                store.con.execute(
                    f'insert into seed."{table}" ({names}) select {names} from main."{table}" '
                    f"where {where}",
                    {"site": site_id, "run": run_id} if "$run" in where else {"site": site_id},
                ).fetchall()
            documents = store.sql("select count(*) from seed.documents")[0][0]
        finally:
            store.sql("detach seed")
    return documents


def write_shard(
    crawled: Path,
    warc_dir: Path,
    folder: Path,
    *,
    site_id: str,
    run_id: str,
    extra: dict[str, Path] | None = None,
    copied_in: list[Copy] | None = None,
) -> Path:
    """Copy a finished crawl's database and WARC files into the shard folder: into a hidden
    folder first, the manifest last, then renamed into place (a shard is whole or absent). The
    manifest states what the worker copied of the site's data: `copied_in` (every copy before
    the shard's: the seed into its working file) and this shard's own copies out."""
    mark = len(COPIES)
    with Replacement(folder) as part:
        part.mkdir()
        files = {SHARD_DB: crawled, **(extra or {})}
        run_warc = warc_dir / run_id
        if run_warc.is_dir():
            for warc in sorted(run_warc.iterdir()):
                files[f"warc/{run_id}/{warc.name}"] = warc
        stated = {}
        for name, source in files.items():
            target = copy_atomically(source, part / name, sync=True)
            stated[name] = {"bytes": target.stat().st_size, "sha256": sha256_of(target)}
        manifest = {
            "site_id": site_id,
            "run_id": run_id,
            "host": socket.gethostname(),
            "written_at": utc_now().isoformat(),
            "files": stated,
            "copies": {
                "in": [_copy_row(c, folder.parent.parent) for c in copied_in or []],
                "out": [_copy_row(c, part) for c in copies_since(mark)],
            },
        }
        with open(part / MANIFEST, "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
    return folder


def say(line: str) -> None:
    """A line of the site's crawl log (the worker sends this process's stderr there)."""
    print(line, file=sys.stderr, flush=True)


def _copy_row(copy: Copy, under: Path) -> dict:
    """A copy as a manifest states it: the file's name (under the shard or the run's folder, or
    the bare name), and its size."""
    names = []
    for path in (copy.source, copy.target):
        try:
            names.append(str(path.relative_to(under)))
        except ValueError:
            names.append(path.name)
    return {"from": names[0], "to": names[1], "bytes": copy.bytes}


def crawl_into_shard(folder: RunFolder, site_id: str, scratch: Path, *, full: bool) -> int:
    """One site's crawl on a worker, in this process: the site's seed copied into a working file
    in `scratch` (once, none for a site never crawled), the crawl run into it (no publishing, no
    summary), and, when its data is whole (pipelines/runs.py CRAWLED), the database and WARC
    files copied into the shard (once). Returns the crawl's exit status: EXIT_BAD_INPUT, as `zwgk
    crawl` says it, for a sites file that does not load or a working file that will not open (the
    worker does not try that site again). What the crawl logs is the caller's to capture;
    `scratch/crawl.log`, if there, goes into the shard."""
    from crawlers.profiles import ProfileError
    from pipelines.runs import (
        CRAWLED,
        EXIT_BAD_INPUT,
        crawl,
        exit_status,
        open_for_crawl,
        run_files,
        run_outcome,
    )
    from pipelines.store import StoreError

    files = run_files(scratch / SHARD_DB)
    mark = len(COPIES)
    seed = folder.seed(site_id)
    seeded = "from nothing"
    if seed.exists():
        copy_atomically(seed, files.working)
        seeded = f"from its seed ({files.working.stat().st_size:,} bytes)"
    try:
        opened = open_for_crawl(folder.sites_file, files.working, files.state, [site_id])
    except (ProfileError, StoreError) as exc:
        say(f"zwgk: {site_id} of run {folder.run_id} is not crawled: {exc}")
        return EXIT_BAD_INPUT
    how = "in full" if full or not opened.known_sites else "incrementally"
    say(f"crawling {site_id} of run {folder.run_id} {how}, {seeded}, on {socket.gethostname()}")
    try:
        crawl(
            opened,
            run_id=folder.run_id,
            warc=files.warc,
            full=full,
            # pages read in the crawl's own process: a worker's parallelism is its sites, and a
            # polite site's pages come a few a second
            workers=0,
        )
        status, sites = run_outcome(opened.store.con, folder.run_id)
    finally:
        opened.close()
    code = exit_status(status, sites)
    for row in sites:
        say(f"{row[0]}: {row[1]}" + (f" ({row[2]})" if row[2] else ""))
    say(f"run {folder.run_id}: {status}, exit status {code}")
    if code in CRAWLED:
        log = scratch / CRAWL_LOG
        write_shard(
            files.working,
            files.warc,
            folder.shard(site_id),
            site_id=site_id,
            run_id=folder.run_id,
            extra={CRAWL_LOG: log} if log.exists() else None,
            # every copy before the shard's: the seed's, and any the crawl made (none should be)
            copied_in=copies_since(mark),
        )
    return code


def read_manifest(folder: Path, *, site_id: str, run_id: str) -> dict:
    """The shard's manifest, its files checked against it; ShardError when anything is off."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ShardError(
            f"{folder}: no manifest (a shard still being written, or cut off)"
        ) from None
    except (OSError, ValueError) as exc:
        raise ShardError(f"{folder}: its manifest cannot be read ({exc})") from None
    if not isinstance(manifest, dict):
        raise ShardError(f"{folder}: its manifest is not a JSON object")
    if manifest.get("site_id") != site_id or manifest.get("run_id") != run_id:
        raise ShardError(
            f"{folder}: the manifest is for site {manifest.get('site_id')!r} of run "
            f"{manifest.get('run_id')!r}, not {site_id!r} of {run_id!r}"
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or SHARD_DB not in files:
        raise ShardError(f"{folder}: the manifest names no {SHARD_DB}")
    for name in files:  # a shard names only its own files, nowhere else
        if name not in (SHARD_DB, CRAWL_LOG) and not re.fullmatch(
            rf"warc/{re.escape(run_id)}/[A-Za-z0-9_.-]+\.warc\.gz", name
        ):
            raise ShardError(f"{folder}: the manifest names a file a shard cannot hold: {name!r}")
    for name, stated in files.items():
        path = folder / name
        try:
            size, digest = int(stated["bytes"]), str(stated["sha256"])
        except (KeyError, TypeError, ValueError):
            raise ShardError(f"{folder}: the manifest's entry for {name} is malformed") from None
        if not path.is_file() or path.stat().st_size != size:
            raise ShardError(f"{folder}: {name} is missing or not {size} bytes")
        if sha256_of(path) != digest:
            raise ShardError(f"{folder}: {name} does not match its sha256 in the manifest")
    return manifest


def shard_ready(folder: Path, *, site_id: str, run_id: str) -> bool:
    """Whether a whole shard is there (its manifest and files agree)."""
    try:
        read_manifest(folder, site_id=site_id, run_id=run_id)
    except ShardError:
        return False
    return True


def _schema_version(con, catalog: str | None = None) -> int:
    table = f'"{catalog}".main.schema_version' if catalog else "main.schema_version"
    return con.execute(f"select max(version) from {table}").fetchone()[0]


def merge_shard(
    store: Store,
    folder: Path,
    warc_dir: Path,
    *,
    site_id: str,
    run_id: str,
    logs_dir: Path | None = None,
) -> dict:
    """Replace the site's rows by the shard's in one transaction, copy its WARC files (and its
    crawl's log and manifest, into logs_dir/<run>/<site>.log and <site>.manifest.json) beside the
    database, and record the shard in run_shards. Returns that run_shards row."""
    manifest = read_manifest(folder, site_id=site_id, run_id=run_id)
    for name in manifest["files"]:  # the evidence first: no capture row ever names a missing file
        if name.startswith("warc/"):
            copy_atomically(folder / name, warc_dir / name.removeprefix("warc/"))
        elif name == CRAWL_LOG and logs_dir is not None:
            copy_atomically(folder / name, logs_dir / run_id / f"{safe_name(site_id)}.log")
    if logs_dir is not None:  # where the site's data came from: host, files, sha256s, copies
        copy_atomically(folder / MANIFEST, logs_dir / run_id / f"{safe_name(site_id)}.{MANIFEST}")
    store.sql(f"attach {_quoted(folder / SHARD_DB)} as shard (read_only)")
    try:
        ours, theirs = _schema_version(store.con), _schema_version(store.con, "shard")
        if ours != theirs:
            raise ShardError(
                f"{folder}: written at schema version {theirs}, this database is at {ours}: "
                "run the same zwgk version on the workers and the coordinator"
            )
        run = store.con.execute(
            "select started_at, finished_at, pid, host, status, "
            + ", ".join(RUN_TOTALS)
            + " from shard.runs where run_id = ?",
            [run_id],
        ).fetchone()
        if run is None:
            raise ShardError(f"{folder}: the shard holds no run {run_id}")
        row = {
            "run_id": run_id,
            "site_id": site_id,
            "crawl_started_at": run[0],
            "crawl_finished_at": run[1],
            "pid": run[2],
            "host": run[3],
            **dict(zip(RUN_TOTALS, run[5:], strict=True)),
            "shard_sha256": manifest["files"][SHARD_DB]["sha256"],
            "merged_at": utc_now(),
        }
        with store.transaction():
            for table in SITE_TABLES:
                names = ", ".join(f'"{c}"' for c in store.schema(table).names)
                store.sql(f'delete from main."{table}" where site_id = ?', [site_id])
                store.sql(
                    f'insert into main."{table}" ({names}) select {names} from shard."{table}" '
                    "where site_id = ?",
                    [site_id],
                )
            store.upsert("run_shards", [row])
    finally:
        store.sql("detach shard")
    return row


def run_totals(store: Store, run_id: str) -> dict:
    """The run's totals (runs.pages …) as the sum of its merged shards."""
    sums = ", ".join(f"coalesce(sum({c}), 0)" for c in RUN_TOTALS)
    values = store.sql(f"select {sums} from run_shards where run_id = ?", [run_id])[0]
    return dict(zip(RUN_TOTALS, values, strict=True))
