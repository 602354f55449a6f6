-- Question: which countries engaged with which, about what, and what came of it?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: stories = distinct stories (copies of one report by several agencies count once);
-- events = engagement events naming both parties. One row per country pair, event type and
-- topic of the event ('(none)' when the event's sentence names no topic).
WITH in_range AS (
    SELECT
        e.article_id,
        e.event_type,
        e.countries,
        e.topics,
        coalesce(a.story_id, a.article_id) AS story_id,
        coalesce(a.published_date, a.ingest_date) AS day
    FROM events AS e
    JOIN articles AS a USING (article_id, ingest_date)
    WHERE
        e.ingest_date BETWEEN coalesce($since, DATE '0001-01-01') AND coalesce($until, DATE '9999-12-31')
        AND len(e.countries) > 1
),

singles AS (
    SELECT *, unnest(countries) AS country_a
    FROM in_range
),

pairs AS (
    SELECT *, unnest(list_filter(countries, lambda c: c > country_a)) AS country_b
    FROM singles
),

topics AS (
    SELECT *, unnest(CASE WHEN len(topics) = 0 THEN ['(none)'] ELSE topics END) AS topic
    FROM pairs
)

SELECT
    country_a,
    country_b,
    event_type,
    topic,
    count(DISTINCT story_id) AS stories,
    count(*) AS events,
    min(day) AS first_day,
    max(day) AS last_day
FROM topics
GROUP BY ALL
ORDER BY stories DESC, events DESC, country_a, country_b, event_type, topic
