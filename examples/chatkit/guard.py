"""Refuse to serve on a database that lacks what the ChatKit backend needs.

`guard.sql` is written by `pgdrift guard --spec examples/chatkit/schema.json > examples/chatkit/guard.sql`: one
read-only query over the catalog that returns one row per missing or incompatible piece (a table,
a column, a default, an enum value...). Zero rows means the application may start. Run it once at
start-up, with the application's own driver and role; it needs no privilege beyond reading.

FastAPI wiring:

    from contextlib import asynccontextmanager
    from fastapi import FastAPI
    from guard import require_schema

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await require_schema(os.environ["DATABASE_URL"])
        yield

    app = FastAPI(lifespan=lifespan)

With the incident's database, start-up stops with:

    schema guard: missing-column public.conversations.updated_at: column ... does not exist
    ...
    RuntimeError: the database lacks 3 things the application needs (see the log above)

instead of failing every new chat session later.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pathlib
import time

log = logging.getLogger("schema-guard")

GUARD_SQL = (pathlib.Path(__file__).parent / "guard.sql").read_text(encoding="utf-8")


async def _connect(dsn: str, wait_seconds: float):
    """Connects, retrying while the database starts (a Neon compute waking up, a container booting)."""
    import asyncpg  # psycopg works the same way: cursor.execute(GUARD_SQL); cursor.fetchall()

    deadline = time.monotonic() + wait_seconds
    delay = 0.25
    while True:
        try:
            return await asyncpg.connect(dsn, timeout=10)
        except (OSError, asyncpg.CannotConnectNowError, asyncpg.TooManyConnectionsError) as error:
            if time.monotonic() + delay > deadline:
                raise RuntimeError(f"schema guard: the database did not answer within {wait_seconds:.0f}s") from error
            log.info("schema guard: database not ready (%s); retrying in %.1fs", type(error).__name__, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


async def missing_schema(dsn: str, wait_seconds: float = 30.0) -> list[tuple[str, str, str]]:
    """Returns (problem, object, detail) for each thing the database lacks; empty when all is there."""
    conn = await _connect(dsn, wait_seconds)
    try:
        rows = await conn.fetch(GUARD_SQL)
    finally:
        await conn.close()
    return [(row["problem"], row["object"], row["detail"]) for row in rows]


async def require_schema(dsn: str, wait_seconds: float = 30.0) -> None:
    """Logs every missing piece and raises, so the process does not start serving half-broken."""
    problems = await missing_schema(dsn, wait_seconds)
    for problem, obj, detail in problems:
        log.error("schema guard: %s %s: %s", problem, obj, detail)
    if problems:
        raise RuntimeError(f"the database lacks {len(problems)} thing(s) the application needs (see the log above)")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(require_schema(os.environ["DATABASE_URL"]))
    print("schema guard: the database has what the application needs")
