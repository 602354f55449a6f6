-- Question: how healthy is the data day by day: inputs, outcomes, quarantine reasons, validation?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: inputs = files or records seen by the day's latest run; reasons = quarantined inputs
-- per reason code; validation = the latest run's Great Expectations result and warnings.
-- Grain: one row per ingest day (its latest run).
-- Columns:
--   ingest_date: the day
--   status: the latest run's status: published | failed
--   inputs: input records the run read
--   articles: articles landed
--   duplicates: inputs already landed
--   quarantined: inputs set aside
--   quarantine_reasons: reason codes with their counts, most frequent first
--   validation_success: whether every critical check passed
--   critical_failures: critical expectations failed
--   warnings: warning expectations failed
WITH latest AS (
    SELECT *
    FROM runs
    WHERE in_window(ingest_date, $since, $until)
    QUALIFY row_number() OVER (PARTITION BY ingest_date ORDER BY finished_at DESC) = 1
),

reasons AS (
    SELECT ingest_date, list(reason || ': ' || n ORDER BY n DESC, reason) AS quarantine_reasons
    FROM (
        SELECT ingest_date, reason, count(*) AS n
        FROM quarantine
        WHERE in_window(ingest_date, $since, $until)
        GROUP BY ALL
    )
    GROUP BY ingest_date
)

SELECT
    l.ingest_date,
    l.status,
    l.records_seen AS inputs,
    l.articles,
    l.duplicates,
    l.quarantined,
    coalesce(r.quarantine_reasons, []::VARCHAR[]) AS quarantine_reasons,
    l.validation_success,
    l.critical_failures,
    l.warnings
FROM latest AS l
LEFT JOIN reasons AS r USING (ingest_date)
ORDER BY l.ingest_date
