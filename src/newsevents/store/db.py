"""The store: results kept in SQLite (one file, the default) or PostgreSQL, through SQLAlchemy Core.

Threads: a ``Store`` is used from one thread, and one ``Store`` is the single writer of its database: a
parallel run feeds its results to one process that owns the store, never a store shared by workers. Other
processes may open the same database to read (SQLite runs in WAL mode, so readers never block the writer).

Atomicity: everything found in one article is written in one transaction, so a process killed at any moment
leaves each article either wholly stored or absent, and running the same input again stores what is missing
(``add_result`` answers False for an article already there).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.pool import StaticPool

from newsevents.errors import MigrationError, StoreError
from newsevents.model import Article, Rejected, Result
from newsevents.store import migrations, queries, rows
from newsevents.store.records import (
    ArticleFilter,
    ClaimFilter,
    EventFilter,
    StoredArticle,
    StoredClaim,
    StoredEvent,
    StoredRejected,
    StoreSummary,
)
from newsevents.store.schema import (
    articles,
    claims,
    dates,
    event_actors,
    event_reports,
    places,
    rejected_inputs,
)

SQLITE_BUSY_TIMEOUT_MS = 30_000
STREAM_BATCH = 500
FTS_INSERT = sa.text("INSERT INTO articles_fts (rowid, title, text) VALUES (:id, :title, :text)")
WRITE = migrations.WRITE_OPTION


def database_url(url_or_path: str | Path) -> sa.URL:
    """The SQLAlchemy URL for a file path, ``sqlite:///...`` or ``postgresql://...``."""
    text = str(url_or_path)
    if "://" not in text:
        return sa.URL.create("sqlite", database=text)
    try:
        url = sa.make_url(text)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {text!r}", url=text) from exc
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return url.set(drivername="postgresql+psycopg")
    if url.drivername in ("sqlite", "sqlite+pysqlite"):
        return url
    raise StoreError(
        f"unsupported database {url.drivername!r}: use a file path, sqlite:///... or postgresql://...",
        url=url.render_as_string(hide_password=True),
    )


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook emit BEGIN, so DDL and DML alike run inside real transactions.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")  # first: the next pragma may wait
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL loses no committed transaction when the process dies, only on power loss.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_on_begin(conn: sa.Connection) -> None:
    # A writer takes the write lock at BEGIN: a read that later upgrades to a write could fail with
    # SQLITE_BUSY without waiting when another process wrote in between.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def _check_sqlite_path(url: sa.URL) -> None:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    parent = Path(database).expanduser().resolve().parent
    if not parent.is_dir():
        raise StoreError(f"cannot create the database {database!r}: folder {str(parent)!r} does not exist",
                         path=database)


def create_engine(url: sa.URL) -> sa.Engine:
    if url.get_backend_name() != "sqlite":
        engine = sa.create_engine(url, pool_pre_ping=True)
        # psycopg 3 sends an executemany row by row; SQLAlchemy's "insertmanyvalues" batches it into
        # multi-row INSERTs (its psycopg2 dialect's default): one round trip per table, not per row.
        engine.dialect.use_insertmanyvalues_wo_returning = True
        return engine
    _check_sqlite_path(url)
    in_memory = (url.database or ":memory:") == ":memory:"
    engine = sa.create_engine(url, poolclass=StaticPool) if in_memory else sa.create_engine(url)
    sa.event.listen(engine, "connect", _sqlite_on_connect)
    sa.event.listen(engine, "begin", _sqlite_on_begin)
    return engine


# Opening a new SQLite file from several processes at once: switching it to WAL takes a lock that SQLite's
# busy timeout does not wait for, so a second opener may find it "locked" once; it tries again, a few times.
FIRST_OPEN_TRIES = 5


def _migrate_when_free(engine: sa.Engine) -> int:
    attempt = 1
    while True:
        try:
            return migrations.migrate(engine)
        except sa.exc.OperationalError as exc:
            locked = engine.dialect.name == "sqlite" and "database is locked" in str(exc)
            if not locked or attempt >= FIRST_OPEN_TRIES:
                raise
            engine.dispose()
            time.sleep(0.2 * attempt)
            attempt += 1


class Store:
    """Stored articles and everything found in them. Open with ``Store.open``; use as a context manager."""

    def __init__(self, engine: sa.Engine, schema_version: int) -> None:
        self._engine = engine
        self.schema_version = schema_version

    @classmethod
    def open(cls, url_or_path: str | Path) -> Store:
        """Open (creating and migrating when needed) the store at a file path or database URL."""
        url = database_url(url_or_path)
        engine = create_engine(url)
        try:
            version = _migrate_when_free(engine)
        except MigrationError:
            engine.dispose()
            raise
        except sa.exc.SQLAlchemyError as exc:
            engine.dispose()
            shown = url.render_as_string(hide_password=True)
            message = f"cannot open the store {shown}: {exc.__class__.__name__}: {exc}"
            raise StoreError(message, url=shown) from exc
        return cls(engine, version)

    @property
    def backend(self) -> str:
        return self._engine.dialect.name

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # --- connections ----------------------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, write: bool = False) -> Iterator[sa.Connection]:
        """A connection inside one transaction, committed when the block ends without an exception; a
        database error becomes ``StoreError``. ``write``: the block writes (SQLite takes its write lock at
        the start, so a read that later writes cannot fail on a lock another writer took in between).

        For the store's own modules (reviews, merged events, exports) that run their own statements on the
        store's tables; everything else reads and writes through ``Store``'s methods."""
        try:
            with self._engine.connect().execution_options(**{WRITE: write}) as conn, conn.begin():
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"store {'write' if write else 'read'} failed: {exc.__class__.__name__}: {exc}",
                             backend=self.backend) from exc

    def _insert(self, table: sa.Table) -> Any:
        """An INSERT that does nothing on a uniqueness conflict (both backends spell it the same)."""
        dialect = postgresql if self.backend == "postgresql" else sqlite
        return dialect.insert(table).on_conflict_do_nothing()

    # --- writing --------------------------------------------------------------------------------------

    def add_result(self, article: Article, result: Result) -> bool:
        """Store an article and its result in one transaction; False when the article is already stored
        (the same text, or the same URL)."""
        if result.id != article.id:
            raise StoreError(f"result {result.id!r} is not for article {article.id!r}", article=article.id)
        with self.transaction(write=True) as conn:
            row = rows.article_row(article, result, datetime.now(UTC))
            pk = conn.execute(self._insert(articles).values(row).returning(articles.c.id)).scalar()
            if pk is None:
                return False
            if self.backend == "sqlite":
                conn.execute(FTS_INSERT, {"id": pk, "title": article.title or "", "text": article.text})
            self._insert_children(conn, pk, article.text, result)
        return True

    def _insert_children(self, conn: sa.Connection, pk: int, text: str, result: Result) -> None:
        if result.events:
            stmt = event_reports.insert().returning(event_reports.c.id, sort_by_parameter_order=True)
            event_pks = conn.execute(
                stmt, [rows.event_row(pk, i, e, text) for i, e in enumerate(result.events)]
            ).scalars().all()
            actor_rows = [r for epk, e in zip(event_pks, result.events, strict=True)
                          for r in rows.actor_rows(epk, e.actors)]
            _insert_many(conn, event_actors, actor_rows)
        children: list[tuple[sa.Table, list[dict[str, Any]]]] = [
            (claims, [rows.claim_row(pk, i, c) for i, c in enumerate(result.claims)]),
            (places, [rows.place_row(pk, i, p) for i, p in enumerate(result.places)]),
            (dates, [rows.date_row(pk, i, d) for i, d in enumerate(result.dates)]),
        ]
        for table, table_rows in children:
            _insert_many(conn, table, table_rows)

    def add_rejected(self, rejected: Rejected) -> bool:
        """Record an input that could not be processed; False when the same rejection is already recorded."""
        with self.transaction(write=True) as conn:
            stmt = self._insert(rejected_inputs).values(rows.rejected_row(rejected, datetime.now(UTC)))
            return conn.execute(stmt.returning(rejected_inputs.c.id)).scalar() is not None

    # --- reading --------------------------------------------------------------------------------------

    def contains(self, article: Article) -> bool:
        """Whether an article with the same text or the same URL is stored (so ingesting it is no use)."""
        same = articles.c.content_hash == rows.content_hash(article.text)
        if article.url:
            same = sa.or_(same, articles.c.url == article.url)
        with self.transaction() as conn:
            return conn.execute(sa.select(articles.c.id).where(same).limit(1)).first() is not None

    def id_in_use(self, external_id: str) -> bool:
        """Whether an article is stored under the input id ``external_id``."""
        stmt = sa.select(articles.c.id).where(articles.c.external_id == external_id).limit(1)
        with self.transaction() as conn:
            return conn.execute(stmt).first() is not None

    def iter_events(self, filter: EventFilter | None = None) -> Iterator[StoredEvent]:
        """Stored events matching ``filter``, streamed (for exports of the whole store)."""
        stmt = queries.events_select(filter or EventFilter(), self.backend)
        with self.transaction() as conn:
            for row in conn.execution_options(yield_per=STREAM_BATCH).execute(stmt).mappings():
                yield rows.stored_event(row)

    def events(self, filter: EventFilter | None = None) -> list[StoredEvent]:
        return list(self.iter_events(filter))

    def claims(self, filter: ClaimFilter | None = None) -> list[StoredClaim]:
        with self.transaction() as conn:
            found = conn.execute(queries.claims_select(filter or ClaimFilter())).mappings().all()
        return [rows.stored_claim(row) for row in found]

    def articles(self, filter: ArticleFilter | None = None) -> list[StoredArticle]:
        with self.transaction() as conn:
            stmt = queries.articles_select(filter or ArticleFilter(), self.backend)
            found = conn.execute(stmt).mappings().all()
        return [rows.stored_article(row) for row in found]

    def article(self, ref: int | str) -> tuple[Article, Result] | None:
        """The article and its result, rebuilt. ``ref`` is the store's id (int) or the input id (str; the
        first article stored under that id)."""
        where = articles.c.id == ref if isinstance(ref, int) else articles.c.external_id == ref
        with self.transaction() as conn:
            stmt = sa.select(articles).where(where).order_by(articles.c.id).limit(1)
            row = conn.execute(stmt).mappings().first()
            if row is None:
                return None
            return rows.to_article(row), self._rebuild_result(conn, row)

    def results(self) -> Iterator[Result]:
        """Every stored result, in the order the articles were stored (for a contract JSONL export)."""
        with self.transaction() as conn:
            pks = conn.execute(sa.select(articles.c.id).order_by(articles.c.id)).scalars().all()
        for pk in pks:
            found = self.article(pk)
            if found is not None:
                yield found[1]

    def _rebuild_result(self, conn: sa.Connection, article_row: sa.RowMapping) -> Result:
        pk = article_row["id"]

        def children(table: sa.Table) -> list[sa.RowMapping]:
            stmt = sa.select(table).where(table.c.article_id == pk).order_by(table.c.idx)
            return list(conn.execute(stmt).mappings())

        return rows.to_result(
            article_row,
            [rows.to_event(r) for r in children(event_reports)],
            [rows.to_claim(r) for r in children(claims)],
            [rows.to_place(r) for r in children(places)],
            [rows.to_date(r) for r in children(dates)],
        )

    def event(self, event_id: int) -> StoredEvent | None:
        """One event report by its id, whatever its confidence; None when there is none."""
        stmt = queries.events_select(EventFilter(min_confidence=0), self.backend).where(
            event_reports.c.id == event_id)
        with self.transaction() as conn:
            row = conn.execute(stmt).mappings().first()
        return rows.stored_event(row) if row is not None else None

    def article_events(self, article_pk: int) -> list[StoredEvent]:
        """Every event report of one article (by its store id), whatever its confidence, in stored order."""
        stmt = (queries.events_select(EventFilter(order="stored", min_confidence=0), self.backend)
                .where(event_reports.c.article_id == article_pk))
        with self.transaction() as conn:
            return [rows.stored_event(r) for r in conn.execute(stmt).mappings()]

    def article_claims(self, article_pk: int) -> list[StoredClaim]:
        """Every claim of one article (by its store id), in the article's order."""
        stmt = sa.select(claims, *queries.ARTICLE_COLUMNS)
        stmt = stmt.join(articles, articles.c.id == claims.c.article_id)
        stmt = stmt.where(claims.c.article_id == article_pk).order_by(claims.c.idx)
        with self.transaction() as conn:
            return [rows.stored_claim(r) for r in conn.execute(stmt).mappings()]

    def article_text(self, article_pk: int) -> str | None:
        with self.transaction() as conn:
            found: str | None = conn.execute(
                sa.select(articles.c.text).where(articles.c.id == article_pk)).scalar()
        return found

    def count_events(self, f: EventFilter) -> int:
        """How many event reports match ``f`` (its limit and offset aside)."""
        stmt = sa.select(sa.func.count()).select_from(self._reports_joined()).where(*self._where(f))
        with self.transaction() as conn:
            return int(conn.execute(stmt).scalar_one())

    def count_articles(self) -> int:
        with self.transaction() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one())

    def per_day(self, f: EventFilter) -> list[tuple[str, str, int]]:
        """(day, event type, event reports) for dated event reports matching ``f``, by day."""
        with self.transaction() as conn:
            return queries.per_day(conn, event_reports, self._where(f), self._reports_joined())

    def per_country(self, f: EventFilter) -> list[tuple[str, int]]:
        """(country, event reports) for event reports matching ``f``, most first."""
        with self.transaction() as conn:
            return queries.per_country(conn, event_reports, self._where(f), self._reports_joined())

    def per_place(self, f: EventFilter, limit: int, offset: int = 0) -> list[dict[str, Any]]:
        """Event report locations matching ``f`` with how many event reports each, most first."""
        with self.transaction() as conn:
            return queries.per_place(conn, event_reports, self._where(f), limit, offset,
                                     self._reports_joined())

    @staticmethod
    def _reports_joined() -> sa.Join:
        return event_reports.join(articles, articles.c.id == event_reports.c.article_id)

    def _where(self, f: EventFilter) -> list[sa.ColumnElement[bool]]:
        return queries.event_conditions(f, self.backend)

    def rejected(self, limit: int | None = None, offset: int = 0) -> list[StoredRejected]:
        stmt = sa.select(rejected_inputs).order_by(rejected_inputs.c.id).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.transaction() as conn:
            found = conn.execute(stmt).mappings().all()
        return [StoredRejected(r["id"], rows.to_rejected(r), rows.utc(r["rejected_at"])) for r in found]

    def summary(self) -> StoreSummary:
        def count(table: sa.Table, *where: sa.ColumnElement[bool]) -> sa.ScalarSelect[int]:
            return sa.select(sa.func.count()).select_from(table).where(*where).scalar_subquery()

        stmt = sa.select(
            count(articles), count(articles, articles.c.error_code.is_not(None)), count(event_reports),
            count(claims), count(places), count(dates), count(rejected_inputs),
        )
        with self.transaction() as conn:
            n = conn.execute(stmt).one()
        return StoreSummary(self.backend, self.schema_version, *(int(x) for x in n))


def _insert_many(conn: sa.Connection, table: sa.Table, table_rows: list[dict[str, Any]]) -> None:
    if table_rows:
        conn.execute(table.insert(), table_rows)
