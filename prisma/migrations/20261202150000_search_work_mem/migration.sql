-- Hand-written (role settings are invisible to the schema diff). A full-text search for common
-- words ("2-izbovy kosice": ~22,000 of 1,000,000 listings) builds a bitmap of the matching rows;
-- at the default work_mem (4 MB) it turns lossy and PostgreSQL rechecks whole pages: ~300,000 rows
-- read instead of ~50,000, about a third slower (bench/search/explain.ts). 32 MB keeps such a bitmap
-- exact. Applies to new connections of the reality subgraph's login role.
ALTER ROLE ppt_reality SET work_mem = '32MB';
