-- Question: what did each pipeline run see, write and validate?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: counts of inputs and rows; seconds of wall time per step.
-- Grain: one row per pipeline run.
-- Columns:
--   ingest_date: the day the run processed
--   run_id: the run's id
--   status: published | failed
--   inputs: input records read
--   articles: articles landed
--   duplicates: inputs already landed
--   quarantined: inputs set aside
--   validation_success: whether every critical check passed
--   warnings: warning expectations failed
--   seconds: wall time of the run
WITH in_range AS (
    SELECT *
    FROM runs
    WHERE in_window(ingest_date, $since, $until)
)

SELECT
    ingest_date,
    run_id,
    status,
    records_seen AS inputs,
    articles,
    duplicates,
    quarantined,
    validation_success,
    warnings,
    round(seconds_process + coalesce(seconds_validate, 0) + coalesce(seconds_publish, 0), 1) AS seconds
FROM in_range
ORDER BY ingest_date DESC, finished_at DESC
