-- Question: which agency covered which kind of engagement, and how much of it alone?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: stories = distinct stories the agency carried that report the event type; shared =
-- of those, stories that other agencies carried too; articles = the agency's articles.
-- Grain: one row per agency and event type.
-- Columns:
--   agency: agency key ((unknown) when no outlet was named)
--   event_type: the engagement type
--   stories: distinct stories of the agency reporting that type
--   shared: of those, stories other agencies carried too
--   articles: the agency's articles reporting that type
WITH in_range AS (
    SELECT
        article_id,
        coalesce(agency, '(unknown)') AS agency,
        story_key(story_id, article_id) AS story_id,
        CASE WHEN len(event_types) = 0 THEN ['(no event)'] ELSE event_types END AS event_types
    FROM articles
    WHERE in_window(ingest_date, $since, $until)
),

agencies_per_story AS (
    SELECT story_id, count(DISTINCT agency) AS agencies
    FROM in_range
    GROUP BY story_id
),

by_type AS (
    SELECT article_id, agency, story_id, unnest(event_types) AS event_type
    FROM in_range
)

SELECT
    agency,
    event_type,
    count(DISTINCT story_id) AS stories,
    count(DISTINCT story_id) FILTER (WHERE s.agencies > 1) AS shared,
    count(DISTINCT article_id) AS articles
FROM by_type
JOIN agencies_per_story AS s USING (story_id)
GROUP BY ALL
ORDER BY agency, stories DESC, event_type
