-- Hand-written (functions are invisible to the schema diff). A marker that keeps a statement out
-- of parallel plans: PostgreSQL plans no parallel workers for a query naming a PARALLEL UNSAFE
-- function, judged before the function is inlined, so it costs nothing when run.
--
-- A map-box or radius page chooses its ids first (pages.ts, readsRowsLate). When the planner
-- walks a sort order's index for them, it starts two workers and merges their output: measured
-- at 1,000,000 listings (a 2–4 km radius, cheapest first), ~20 ms with rows read as the page is
-- chosen, ~100 ms for ids alone (narrow tuples let the workers scan far ahead of the page), and
-- 2.6 ms in one process. The walk stops after a page; workers only add their start and their
-- run-ahead.
CREATE OR REPLACE FUNCTION reality.in_one_process() RETURNS boolean
  LANGUAGE sql STABLE PARALLEL UNSAFE
  AS $$ SELECT true $$;
