-- Question: which inputs were rejected, and why?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: inputs = files or records; bytes = their total size.
-- Grain: one row per ingest day and reason.
-- Columns:
--   ingest_date: the day
--   reason: the reason code
--   inputs: inputs set aside
--   bytes: their total size
--   example: one of their source URIs
WITH in_range AS (
    SELECT *
    FROM quarantine
    WHERE in_window(ingest_date, $since, $until)
)

SELECT
    ingest_date,
    reason,
    count(*) AS inputs,
    sum(size_bytes) AS bytes,
    any_value(source_uri) AS example
FROM in_range
GROUP BY ingest_date, reason
ORDER BY ingest_date, inputs DESC, reason
