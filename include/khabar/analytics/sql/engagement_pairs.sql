-- Question: which pairs of countries engaged with each other, in how many stories, and how?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: stories = distinct stories with an event naming both countries; events = such events;
-- event_types and topics = what those events were and were about.
-- Grain: one row per pair of countries: sum its stories freely.
-- Columns:
--   country_a: ISO3 of one party (the smaller code)
--   country_b: ISO3 of the other party
--   stories: distinct stories with an event naming both countries
--   events: such events
--   event_types: the types of those events, sorted
--   topics: the topics of those events, sorted
WITH in_range AS (
    SELECT
        e.event_type,
        e.countries,
        e.topics,
        coalesce(a.story_id, a.article_id) AS story_id
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
)

SELECT
    country_a,
    country_b,
    count(DISTINCT story_id) AS stories,
    count(*) AS events,
    list_sort(list_distinct(list(event_type))) AS event_types,
    list_sort(list_distinct(flatten(list(topics)))) AS topics
FROM pairs
GROUP BY country_a, country_b
ORDER BY stories DESC, events DESC, country_a, country_b
