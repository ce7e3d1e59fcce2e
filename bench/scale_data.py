"""A million plausible notices in a minute: generated inside PostgreSQL with INSERT … SELECT over
``generate_series``, the same shapes as bench/query.py's Python rows (category mix, six years of
publication days, a closure's period and places, a deadline, folded search text)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.query import DAYS, FIRST_DAY, ROADS, TOWNS, VILLAGES, WEIGHTS
from notices.categories import Category


def _array(values: list[str]) -> str:
    return "ARRAY[" + ",".join(f"'{v}'" for v in values) + "]"


def _categories() -> str:
    """VALUES (code, zh, disruption-like period, deadline) for the weighted category column."""
    rows = []
    for category in WEIGHTS:
        spans = str(category.is_disruption or category is Category.EVENT).lower()
        rows.append(f"('{category.value}', '{category.zh}', {spans}, {str(category.has_deadline).lower()})")
    return "(VALUES " + ",".join(rows) + ") AS c(code, zh, spans, deadline)"


def _weighted() -> tuple[str, int]:
    codes = [c.value for c, weight in WEIGHTS.items() for _ in range(weight)]
    return _array(codes), len(codes)


async def generate(engine: AsyncEngine, count: int) -> None:
    codes, slots = _weighted()
    async with engine.begin() as connection:
        await connection.execute(text("SET LOCAL synchronous_commit = off"))
        await connection.execute(
            text(
                f"""
CREATE TEMP TABLE gen ON COMMIT DROP AS
SELECT i,
       ({codes})[(1 + (i * 7919) % {slots})::int] AS code,
       DATE '{FIRST_DAY.isoformat()}' + ((i * 104729) % {DAYS})::int AS pub,
       ({_array(TOWNS)})[(1 + (i * 31) % {len(TOWNS)})::int] AS town,
       ({_array(ROADS)})[(1 + (i * 17) % {len(ROADS)})::int] AS road,
       ({_array(VILLAGES)})[(1 + (i * 13) % {len(VILLAGES)})::int] AS village,
       ({_array(VILLAGES)})[(1 + (i * 29) % {len(VILLAGES)})::int] AS other,
       ((i * 7) % 6)::int AS lead, ((i * 11) % 40)::int AS span, (5 + (i * 3) % 25)::int AS due
FROM generate_series(1::bigint, :count) AS i
"""
            ),
            {"count": count},
        )
        await connection.execute(
            text(
                f"""
CREATE TEMP TABLE gen2 ON COMMIT DROP AS
SELECT g.*, c.zh, c.spans, c.deadline,
       g.town || g.village || '至' || g.other || '路段' AS place,
       '第' || g.i || '号。因' || g.road || '改造工程需要，' || g.town || g.village || '至' || g.other
         || '路段将进行施工，届时请过往车辆和行人绕行，给您带来的不便敬请谅解。' AS body,
       CASE WHEN c.spans THEN (g.pub + g.lead)::timestamp - interval '8 hours'
            WHEN c.deadline THEN g.pub::timestamp - interval '8 hours' END AS active_from,
       CASE WHEN c.spans THEN (g.pub + g.lead + g.span + 1)::timestamp - interval '8 hours'
            WHEN c.deadline THEN (g.pub + g.due + 1)::timestamp - interval '8 hours' END AS ends_at
FROM gen g JOIN {_categories()} USING (code)
"""
            )
        )
        await connection.execute(
            text(
                """
INSERT INTO notices (id, title, category, issuer, published, body, status, content_hash, source, warnings,
                     search_text, active_since, active_until, period_count, created_at, updated_at)
SELECT i, zh || '公告', code, NULL, pub, body, 'published', 'gen-' || i, NULL, '',
       zh || '公告' || E'\\n' || CASE WHEN spans THEN place || E'\\n' ELSE '' END || replace(body, '，', ','),
       active_from, ends_at, CASE WHEN spans OR deadline THEN 1 ELSE 0 END, now(), now()
FROM gen2
"""
            )
        )
        await connection.execute(
            text(
                """
INSERT INTO periods (notice_id, position, label, note, text, all_day, start_date, end_date, starts_at,
                     ends_at, active_from, places)
SELECT i, 0, CASE WHEN spans THEN '封闭期限' ELSE '报名时间' END, NULL, '', true,
       CASE WHEN spans THEN pub + lead END, CASE WHEN spans THEN pub + lead + span ELSE pub + due END,
       CASE WHEN spans THEN active_from END, ends_at, active_from, ''
FROM gen2 WHERE spans OR deadline
"""
            )
        )
        await connection.execute(
            text(
                """
INSERT INTO places (notice_id, position, name, role)
SELECT i, 0, place, 'affected' FROM gen2 WHERE spans
"""
            )
        )
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in ("notices", "periods", "places"):
            await connection.execute(text(f"VACUUM ANALYZE {table}"))
