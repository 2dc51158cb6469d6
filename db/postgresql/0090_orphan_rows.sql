-- 0090: nothing to do on PostgreSQL, which always enforced the foreign keys. (On SQLite this step removes the rows
-- orphaned while its foreign keys were not enforced; the script exists on both providers to keep them in step.)
SELECT 1;
