-- Question: which topics are rising: stories per topic and month, with the change on the month before?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: stories = distinct stories carrying the topic (an article has several topics); month =
-- the month of the article's own date (its ingest date when it has none).
-- Grain: one row per topic and month.
-- Columns:
--   month: first day of the month of the article's own date (ingest date when none)
--   topic: topic key (SPEC §4)
--   stories: distinct stories carrying the topic that month
--   change: stories minus the month before's
WITH in_range AS (
    SELECT
        story_key(story_id, article_id) AS story_id,
        date_trunc('month', article_day(published_date, ingest_date)) AS month,
        topics
    FROM articles
    WHERE in_window(ingest_date, $since, $until)
),

story_topics AS (
    SELECT CAST(month AS DATE) AS month, story_id, unnest(topics) AS topic
    FROM in_range
),

monthly AS (
    SELECT month, topic, count(DISTINCT story_id) AS stories
    FROM story_topics
    GROUP BY ALL
)

SELECT
    month,
    topic,
    stories,
    stories - coalesce(lag(stories) OVER (PARTITION BY topic ORDER BY month), 0) AS change
FROM monthly
ORDER BY month, stories DESC, topic
