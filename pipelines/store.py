"""The DuckDB store: batched upserts through Arrow, runs, and the columns roll-up.

Schema in schema.sql (one source of truth: Arrow types are read back from DuckDB). Writes are
upserts on each table's primary key, so a crawl run twice stores nothing twice; `first_seen_at`
keeps the first value ever written (the basis for detecting backdated pages later).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from crawlers.status import CRASHED, RUNNING, new_run_id, run_status, site_status, utc_now

SCHEMA = Path(__file__).with_name("schema.sql")  # version 1
MIGRATIONS = Path(__file__).with_name("migrations")  # NNN_what.sql, applied in order once each
KEEP_ON_UPDATE = {"first_seen_at"}
# numbered by the database as a row is stored (migration 010): never written from a batch, and
# numbered again when an upsert changes what the row says
NUMBERED = "stored_seq"
# when and where a row was read, not what it says: an upsert that changes only these (a list
# read again, a page fetched again unchanged) keeps the row's number
READ_NOT_SAID = frozenset(
    {"fetched_at", "last_seen_at", "run_id", "warc_file", "warc_offset", "etag", "last_modified"}
)
# DuckDB's lock error names the process holding the file: "… is held in /usr/bin/python3 (PID 42)"
LOCK_HOLDER = re.compile(r"held in (.+?) \(PID (\d+)\)")
ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(),
    "DOUBLE": pa.float64(),
    "VARCHAR[]": pa.list_(pa.string()),
}


def process_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def primary_key(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """A stored table's primary key columns, as the schema declares them (none: empty)."""
    found = con.execute(
        "select constraint_column_names from duckdb_constraints() "
        "where database_name = current_database() and schema_name = 'main' "
        "and table_name = ? and constraint_type = 'PRIMARY KEY'",
        [table],
    ).fetchall()
    return list(found[0][0]) if found else []


class StoreError(RuntimeError):
    """The store cannot be used; the message says why and what to do."""


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database, turning DuckDB's lock error into one an assessor can act on."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            holder = LOCK_HOLDER.search(str(exc))
            who = f" ({holder.group(1).strip()}, PID {holder.group(2)})" if holder else ""
            raise StoreError(
                f"{path} is open in another process{who}: a notebook, another crawl? DuckDB "
                "allows one writer and no readers beside it. Wait for it or close that "
                "connection, or use another file with --db PATH. Nothing was changed."
            ) from None
        raise StoreError(f"cannot open {path}: {exc}") from None


def column_shortfalls(con: duckdb.DuckDBPyConnection, site_ids: list[str]) -> list[tuple]:
    """Columns whose list states more items than the crawl found there:
    (site_id, name, column_url, stated, found)."""
    return con.execute(
        "select site_id, name, column_url, stated_count, item_count from columns "
        "where stated_count > coalesce(item_count, 0) and list_contains(?, site_id) "
        "order by site_id, column_url",
        [site_ids],
    ).fetchall()


# DuckDB's own memory, at most (it spills to disk beyond it). Its default, 80% of the machine,
# let the scoring of a kept copy of bench/score.py's audit (3,000 sites × 2,000 documents) hold
# 7.2 GB; held to 3 GB it took 54 s instead of 48 s, with a peak of 3.9 GB for the whole
# process. ZWGK_DUCKDB_MEMORY sets another limit (a size as DuckDB writes it: "8GB").
MEMORY_LIMIT = os.environ.get("ZWGK_DUCKDB_MEMORY", "3GB")


class Store:
    def __init__(self, path: str | Path, *, threads: int = 1, memory_limit: str = MEMORY_LIMIT):
        self.path = Path(path)
        self.con = connect(self.path)
        # small upsert batches gain nothing from a thread per core; during a crawl those
        # threads only take CPU from the crawler (measured on 2 cores)
        self.sql(f"set threads = {threads}")
        try:
            self.con.execute("set memory_limit = ?", [memory_limit]).fetchall()
        except duckdb.Error as exc:
            self.con.close()
            raise StoreError(
                f"the memory limit {memory_limit!r} (ZWGK_DUCKDB_MEMORY) is not a size DuckDB takes "
                f'(write it as "3GB" or "512MB"): {exc}'
            ) from None
        self.sql(SCHEMA.read_text(encoding="utf-8"))
        self.migrate()
        self._schemas: dict[str, pa.Schema] = {}
        self._keys: dict[str, list[str]] = {}
        self._numbered: dict[str, bool] = {}
        self._in_batch = False

    def migrate(self) -> int:
        """Bring an older file up to date: every numbered migration not yet in schema_version,
        in order, each in its own transaction. Returns the version the file is at."""
        self.sql("insert into schema_version values (1, ?) on conflict do nothing", [utc_now()])
        applied = {v for (v,) in self.sql("select version from schema_version")}
        for path in sorted(MIGRATIONS.glob("[0-9][0-9][0-9]_*.sql")):
            version = int(path.name[:3])
            if version in applied:
                continue
            self.sql("begin transaction")
            try:
                self.sql(path.read_text(encoding="utf-8"))
                self.sql("insert into schema_version values (?, ?)", [version, utc_now()])
                self.sql("commit")
            except BaseException:
                self.sql("rollback")
                raise
            applied.add(version)
        return max(applied)

    @contextmanager
    def transaction(self):
        """One transaction; inside `batch()`, the batch's transaction is the one."""
        if self._in_batch:
            yield
            return
        self.sql("begin transaction")
        try:
            yield
            self.sql("commit")
        except BaseException:
            self.sql("rollback")
            raise

    @contextmanager
    def batch(self):
        """Everything written inside lands together or not at all: a crawl killed mid-write
        leaves no document without its evidence rows."""
        with self.transaction():
            self._in_batch = True
            try:
                yield
            finally:
                self._in_batch = False

    def sql(self, query: str, params: list | dict | None = None) -> list[tuple]:
        """Run a statement and drain its result (DuckDB 2 refuses new work on an unfinished one)."""
        return self.con.execute(query, params or []).fetchall()

    # ----- table metadata ----------------------------------------------------------------
    def schema(self, table: str) -> pa.Schema:
        if table not in self._schemas:
            cols = self.sql(
                "select column_name, data_type from information_schema.columns "
                "where table_catalog = current_database() and table_schema = 'main' "
                "and table_name = ? order by ordinal_position",
                [table],
            )
            if not cols:
                raise StoreError(f"no table {table!r} in {self.path}")
            self._numbered[table] = any(name == NUMBERED for name, _ in cols)
            self._schemas[table] = pa.schema(
                [(name, ARROW_TYPES[dtype]) for name, dtype in cols if name != NUMBERED]
            )
            self._keys[table] = primary_key(self.con, table)
        return self._schemas[table]

    # ----- writing -----------------------------------------------------------------------
    def upsert(self, table: str, rows: list[dict]) -> int:
        """Insert or update rows by primary key, in one Arrow batch; later duplicates win."""
        if not rows:
            return 0
        schema = self.schema(table)
        keys = self._keys[table]
        rows = self._unique(table, rows)
        names = ", ".join(f'"{n}"' for n in schema.names)
        sql = f'insert into "{table}" ({names}) select {names} from batch'
        if keys:
            updated = [n for n in schema.names if n not in keys and n not in KEEP_ON_UPDATE]
            updates = ", ".join(f'"{n}" = excluded."{n}"' for n in updated)
            said = [n for n in updated if n not in READ_NOT_SAID]
            if updated and self._numbered[table]:
                # excluded's number (the next, its default) when what the row says changed
                changed = " or ".join(
                    f'"{table}"."{n}" is distinct from excluded."{n}"' for n in said
                )
                updates += (
                    f', "{NUMBERED}" = case when {changed or "false"} '
                    f'then excluded."{NUMBERED}" else "{table}"."{NUMBERED}" end'
                )
            sql += f" on conflict ({', '.join(keys)}) do " + (
                f"update set {updates}" if updates else "nothing"
            )
        with self._registered("batch", self._arrow(schema, rows)):
            self.sql(sql)
        return len(rows)

    def replace_for_documents(
        self, table: str, url_column: str, documents: list[tuple[str, str]], rows: list[dict]
    ) -> int:
        """Replace every row of `table` that belongs to these (site_id, url) documents by `rows`:
        a value or link gone from a page goes from the store, and nothing is stored twice."""
        if not documents:
            return 0
        schema = self.schema(table)
        rows = self._unique(table, rows)
        owners = pa.table({"site_id": [d[0] for d in documents], "url": [d[1] for d in documents]})
        names = ", ".join(f'"{n}"' for n in schema.names)
        with self.transaction():
            with self._registered("owners", owners):
                self.sql(
                    f'delete from "{table}" where (site_id, "{url_column}") in '
                    "(select site_id, url from owners)"
                )
            if rows:
                with self._registered("batch", self._arrow(schema, rows)):
                    self.sql(f'insert into "{table}" ({names}) select {names} from batch')
        return len(rows)

    def record_versions(self, rows: list[dict]) -> int:
        """Before documents are written: each one new to the store is version 1; one whose
        title, dates, 文号 or text differ from its latest version is the next version."""
        if not rows:
            return 0
        schema = self.schema("documents")
        rows = self._unique("documents", rows)
        fields = ("title", "published_date", "written_date", "doc_no", "body_hash")
        differ = {f: f"b.{f} is distinct from v.{f}" for f in fields}
        changed = ", ".join(
            f"case when v.version is not null and {differ[f]} "
            f"then '{'body' if f == 'body_hash' else f}' end"
            for f in fields
        )
        differs = " or ".join(differ.values())
        with self._registered("batch", self._arrow(schema, rows)):
            # a copy stored before versions were kept has no text hash (migration 006): the
            # first copy with one fills it in, a text unknown before is no change
            self.sql("""
                update document_versions set body_hash = b.body_hash
                from batch b
                where document_versions.site_id = b.site_id and document_versions.url = b.url
                  and document_versions.body_hash is null and b.body_hash is not null
            """)
            return self.sql(f"""
                insert into document_versions
                select b.site_id, b.url, coalesce(v.version, 0) + 1, b.fetched_at, b.run_id,
                       b.title, b.published_date, b.written_date, b.doc_no, b.body_hash,
                       list_filter([{changed}], lambda x: x is not null)
                from batch b
                left join (
                    select * from document_versions
                    where (site_id, url) in (select site_id, url from batch)
                    qualify version = max(version) over (partition by site_id, url)
                ) v using (site_id, url)
                where v.version is null or {differs}
            """)[0][0]

    def mark_removed(self, rows: list[dict]) -> None:
        """Documents gone from their list whose page answers an error: marked, never deleted."""
        with self._registered("removed", self._arrow(self.schema("document_removals"), rows)):
            self.sql(
                f"update documents set removed_at = r.removed_at, {NUMBERED} = "
                "nextval('store_writes') from removed r "
                "where documents.site_id = r.site_id and documents.url = r.url"
            )

    def refresh_last_seen(self, run_id: str) -> None:
        """Documents this run listed were seen now, fetched or not."""
        self.sql(
            """
            update documents set last_seen_at = l.seen
            from (select site_id, item_url, max(last_seen_at) as seen from listings
                  where run_id = ? group by all) l
            where documents.site_id = l.site_id and documents.url = l.item_url
              and l.seen > coalesce(documents.last_seen_at, l.seen - interval 1 second)
            """,
            [run_id],
        )

    def _unique(self, table: str, rows: list[dict]) -> list[dict]:
        keys = self._keys[table]
        if not keys:
            return rows
        return list({tuple(r.get(k) for k in keys): r for r in rows}.values())

    @staticmethod
    def _arrow(schema: pa.Schema, rows: list[dict]) -> pa.Table:
        # column by column: 15× faster than Table.from_pylist on dict rows (30k rows: 22 vs 350 ms)
        return pa.table(
            {f.name: pa.array([r.get(f.name) for r in rows], type=f.type) for f in schema},
            schema=schema,
        )

    @contextmanager
    def _registered(self, name: str, data: pa.Table):
        self.con.register(name, data)
        try:
            yield
        finally:
            try:
                self.con.unregister(name)
            except duckdb.Error:
                pass  # a transaction the failed statement aborted: its error is the one to tell

    def start_run(
        self, site_ids: list[str], run_id: str | None = None, started: dt.datetime | None = None
    ) -> str:
        """Record a run as `running`, with this process's pid and host; runs left `running` by a
        process that is gone (SIGKILL, power loss) are marked `crashed` first."""
        self.mark_crashed_runs()
        started = started or utc_now()
        run_id = run_id or new_run_id(started)
        self.upsert(
            "runs",
            [
                {
                    "run_id": run_id,
                    "started_at": started,
                    "status": RUNNING,
                    "sites": len(site_ids),
                    "site_ids": site_ids,
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                }
            ],
        )
        return run_id

    def mark_crashed_runs(self) -> list[str]:
        """Runs still `running` whose process is no longer alive on this host become `crashed`.
        (This file is open for writing here, so no live crawl on this host holds it.)"""
        crashed = []
        host = socket.gethostname()
        for run_id, pid, run_host in self.sql(
            "select run_id, pid, host from runs where status = ?", [RUNNING]
        ):
            if run_host in (None, host) and not process_alive(pid):
                crashed.append(run_id)
        if crashed:
            self.sql(
                "update runs set status = ? where list_contains(?, run_id)", [CRASHED, crashed]
            )
            # its sites' outcomes were never written: each is interrupted
            self.sql(
                "insert into site_runs (run_id, site_id, status, reason) "
                "select run_id, unnest(site_ids), ?, "
                "'the run crashed: its process ended without closing it' "
                "from runs where list_contains(?, run_id) on conflict do nothing",
                [site_status("interrupted"), crashed],
            )
        return crashed

    def record_checks(self, rows: list[dict]) -> int:
        """Link checks: the latest state per URL in link_checks (a dead link keeps the time it
        was first found dead in a row of runs, `dead_since`), every check in link_check_history."""
        if not rows:
            return 0
        schema = self.schema("link_checks")
        rows = self._unique("link_checks", rows)
        names = ", ".join(f'"{n}"' for n in schema.names)
        updates = ", ".join(
            f'"{n}" = excluded."{n}"'
            for n in schema.names
            if n not in ("site_id", "url", "dead_since")
        )
        with self.transaction():
            with self._registered("batch", self._arrow(schema, rows)):
                self.sql(
                    f"insert into link_checks ({names}) select {names} from batch "
                    f"on conflict (site_id, url) do update set {updates}, dead_since = "
                    "case when excluded.outcome <> 'dead' then null "
                    "when link_checks.outcome = 'dead' then link_checks.dead_since "
                    "else excluded.checked_at end"
                )
                self.sql(
                    "insert into link_check_history (site_id, url, run_id, found_on, status, "
                    "error, outcome, checked_at, warc_file, warc_offset) select site_id, url, "
                    "run_id, found_on, status, error, outcome, checked_at, warc_file, "
                    "warc_offset from batch"
                )
        return len(rows)

    def clear_recovered(self, fetched: list[tuple[str, str]], run_id: str) -> int:
        """URLs fetched fine in this run lose any failure recorded against them earlier (a page
        fetched fine is never dead); the recovery goes into link_check_history."""
        if not fetched:
            return 0
        unique = sorted(set(fetched))
        pages = pa.table({"site_id": [f[0] for f in unique], "url": [f[1] for f in unique]})
        with self.transaction():
            with self._registered("fetched", pages):
                recovered = self.sql(
                    "select count(*) from link_checks k join fetched f using (site_id, url) "
                    "where k.outcome <> 'ok'"
                )[0][0]
                if recovered:
                    self.sql(
                        "insert into link_check_history (site_id, url, run_id, found_on, "
                        "status, error, outcome, checked_at) select k.site_id, k.url, ?, k.found_on, "
                        "null, 'fetched fine', 'ok', ? from link_checks k "
                        "join fetched f using (site_id, url) where k.outcome <> 'ok'",
                        [run_id, utc_now()],
                    )
                    self.sql(
                        "delete from link_checks where outcome <> 'ok' and (site_id, url) in "
                        "(select site_id, url from fetched)"
                    )
        return recovered

    def finish_run(
        self,
        run_id: str,
        *,
        status: str,
        pages: int,
        errors: int,
        fallbacks: int,
        unreadable: int = 0,
    ) -> None:
        self.sql(
            "update runs set finished_at = ?, status = ?, pages = ?, errors = ?, "
            "dateparser_fallbacks = ?, unreadable_dates = ?, warc_bytes = (select "
            "sum(warc_length) from captures where run_id = ?) where run_id = ?",
            [utc_now(), run_status(status), pages, errors, fallbacks, unreadable, run_id, run_id],
        )

    def refresh_columns(self) -> None:
        """Roll listings and documents up into columns.item_count and last_published_date."""
        self.sql("""
            update columns set
                item_count = coalesce(s.item_count, 0),
                last_published_date = s.last_published_date
            from (
                select c.site_id, c.column_url,
                       count(distinct l.item_url) as item_count,
                       max(coalesce(d.published_date, l.list_date)) as last_published_date
                from columns c
                left join listings l on l.site_id = c.site_id and l.column_url = c.column_url
                left join documents d on d.site_id = l.site_id and d.url = l.item_url
                group by all
            ) s
            where columns.site_id = s.site_id and columns.column_url = s.column_url
        """)

    def close(self) -> None:
        self.con.close()
