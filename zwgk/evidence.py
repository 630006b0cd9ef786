"""`zwgk evidence URL`: a page's captures, and any one written out exactly as it was served.

Every response of every crawl is kept in that run's WARC files (crawlers/evidence.py) and listed
in the `captures` table. This command lists a URL's captures, writes one out (`--out`: the body
as served, byte for byte — compressed if the server compressed it, unless `--decoded`; `--warc`:
the record as a one-record WARC file an archivist can replay), and prunes old runs' WARC files
(`--prune-older-than DAYS`), saying what it removes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import shutil
import sys
from pathlib import Path

from crawlers.status import RUNNING, utc_now
from pipelines.runs import run_files
from pipelines.store import StoreError, connect
from pipelines.warc import payload, read_record
from zwgk.arguments import Command, add_db_arg

CAPTURES_SQL = """
select fetched_at, run_id, method, status, payload_bytes, payload_sha1, warc_file, warc_offset,
       warc_length, pruned_at, url
from captures where url = ? or url in (select url from documents where linked_url = ?)
order by fetched_at, warc_file, warc_offset
"""


def list_captures(url: str, rows: list[tuple]) -> str:
    lines = [f"{len(rows)} captures of {url}:", ""]
    lines.append(
        f"  {'N':>2}  {'fetched (UTC)':<19}  {'run':<24}  {'':4}  status  {'bytes':>8}  sha1"
    )
    for n, (fetched, run_id, method, status, size, sha1, *_rest, pruned, _u) in enumerate(rows, 1):
        gone = "  (WARC pruned)" if pruned else ""
        lines.append(
            f"  {n:>2}  {fetched:%Y-%m-%d %H:%M:%S}  {run_id:<24}  {method:<4}  {status:>6}  "
            f"{size:>8}  {sha1[:12]}{gone}"
        )
    lines += [
        "",
        "write one out: zwgk evidence URL --capture N --out FILE (or --warc FILE.warc.gz)",
    ]
    return "\n".join(lines)


def evidence_command(
    url: str | None,
    db: Path,
    *,
    capture: int | None = None,
    out: Path | None = None,
    warc: Path | None = None,
    decoded: bool = False,
    prune_days: float | None = None,
    dry_run: bool = False,
) -> int:
    if prune_days is not None:
        return prune_command(db, prune_days, dry_run=dry_run)
    if not url:
        print("zwgk evidence: give a URL (or --prune-older-than DAYS)", file=sys.stderr)
        return 2
    if not db.exists():
        print(f"zwgk evidence: no database at {db}", file=sys.stderr)
        return 2
    try:
        con = connect(db, read_only=True)
    except StoreError as exc:
        print(f"zwgk evidence: {exc}", file=sys.stderr)
        return 2
    try:
        rows = con.execute(CAPTURES_SQL, [url, url]).fetchall()
        if not rows:
            like = con.execute(
                "select distinct url from captures where url like '%' || ? || '%' limit 5",
                [url.split("://", 1)[-1].split("/", 1)[-1] or url],
            ).fetchall()
    finally:
        con.close()
    if not rows:
        hint = "".join(f"\n  {u}" for (u,) in like)
        print(
            f"zwgk evidence: no capture of {url} in {db}"
            + (f"; captured URLs like it:{hint}" if hint else ""),
            file=sys.stderr,
        )
        return 1
    if out is None and warc is None:
        print(list_captures(url, rows))
        return 0
    n = capture or len(rows)
    if not 1 <= n <= len(rows):
        print(f"zwgk evidence: --capture must be from 1 to {len(rows)}", file=sys.stderr)
        return 2
    fetched, run_id, _m, status, _size, sha1, warc_file, offset, length, pruned, _u = rows[n - 1]
    try:
        record = read_record(run_files(db).warc, warc_file, offset, length)
    except (FileNotFoundError, OSError) as exc:
        pruned_note = f" (pruned {pruned:%Y-%m-%d})" if pruned else ""
        print(f"zwgk evidence: capture {n} cannot be read{pruned_note}: {exc}", file=sys.stderr)
        return 1
    what = f"capture {n} of {url}: HTTP {status}, fetched {fetched:%Y-%m-%d %H:%M:%S} UTC, run {run_id}"
    if warc is not None:
        warc.write_bytes(record)
        print(f"{what}\nwrote the WARC record to {warc} ({len(record)} bytes)")
    if out is not None:
        body, encoding = payload(record, decoded=decoded)
        if not decoded and hashlib.sha1(body).hexdigest() != sha1:
            print(
                f"zwgk evidence: capture {n}'s bytes do not match its recorded sha1",
                file=sys.stderr,
            )
            return 1
        if str(out) == "-":
            sys.stdout.buffer.write(body)
            sys.stdout.flush()
        else:
            out.write_bytes(body)
            served = (
                f"as served, Content-Encoding {encoding}"
                if encoding and not decoded
                else "as served"
            )
            print(
                f"{what}\nwrote {len(body)} bytes ({'decoded' if decoded else served}; sha1 "
                f"{hashlib.sha1(body).hexdigest()}) to {out}"
            )
    return 0


def prune_command(db: Path, days: float, *, dry_run: bool) -> int:
    """Delete the WARC folders of runs that started more than `days` ago, naming each; their
    captures stay listed, marked pruned."""
    from pipelines.publish import ensure_working, publish
    from pipelines.store import Store

    if days < 0:
        print("zwgk evidence: --prune-older-than must be 0 days or more", file=sys.stderr)
        return 2
    folder = run_files(db).warc
    cutoff = utc_now() - dt.timedelta(days=days)
    try:
        store = Store(ensure_working(db))
    except StoreError as exc:
        print(f"zwgk evidence: {exc}", file=sys.stderr)
        return 2
    try:
        runs = store.sql(
            "select run_id, started_at from runs where started_at < ? and status <> ? "
            "order by started_at",
            [cutoff, RUNNING],
        )
        freed, pruned = 0, []
        for run_id, started in runs:
            path = folder / run_id
            if not path.is_dir():
                continue
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            freed += size
            pruned.append(run_id)
            print(
                f"{'would remove' if dry_run else 'removing'} {path} ({size / 1e6:.1f} MB, run started {started:%Y-%m-%d})"
            )
            if not dry_run:
                shutil.rmtree(path)
        if pruned and not dry_run:
            store.sql(
                "update captures set pruned_at = ? where list_contains(?, run_id) and pruned_at is null",
                [utc_now(), pruned],
            )
    finally:
        store.close()
    verb = "would free" if dry_run else "freed"
    print(f"{len(pruned)} runs' WARC files older than {days:g} days: {verb} {freed / 1e6:.1f} MB")
    if pruned and not dry_run:
        publish(db)
    return 0


# ----- the command ------------------------------------------------------------------------


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", nargs="?", metavar="URL", help="the page, as stored (documents.url)")
    add_db_arg(p)
    p.add_argument("--capture", type=int, metavar="N", help="which capture (default: the latest)")
    p.add_argument(
        "--out", type=Path, metavar="FILE", help="write the capture's body there ('-': stdout)"
    )
    p.add_argument("--warc", type=Path, metavar="FILE", help="write its WARC record there")
    p.add_argument(
        "--decoded",
        action="store_true",
        help="with --out: undo the server's Content-Encoding (gzip, br) instead of the bytes as sent",
    )
    p.add_argument(
        "--prune-older-than",
        type=float,
        metavar="DAYS",
        help="delete the WARC folders of runs that started more than DAYS ago",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="with --prune-older-than: say what would go"
    )


def _run(args: argparse.Namespace) -> int:
    return evidence_command(
        args.url,
        args.db,
        capture=args.capture,
        out=args.out,
        warc=args.warc,
        decoded=args.decoded,
        prune_days=args.prune_older_than,
        dry_run=args.dry_run,
    )


COMMAND = Command(
    "evidence",
    "a page's captures, and one written out exactly as the server sent it",
    (
        "Every response of every crawl is kept as the server sent it (before decompression and "
        "the encoding fix) in that run's WARC files (warc/<run>/ beside --db), except that "
        "personal numbers (身份证号, mobile, bank card) in a page's text are masked. `zwgk evidence"
        " URL` lists the page's captures: when, which run, the HTTP status, the size and the "
        "sha1 of the body. --capture N --out FILE writes capture N's body byte for byte "
        "(checked against its sha1); --warc FILE writes its WARC record as a file an archivist "
        "can replay. --prune-older-than DAYS deletes the WARC folders of runs older than that, "
        "naming each (the captures stay listed, marked pruned); nothing is ever pruned "
        "otherwise."
    ),
    _add_arguments,
    _run,
)
