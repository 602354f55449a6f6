-- Question: which countries engaged with which, how often, and in what kinds of event?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: events = engagement events (a pair appears once per event that names both
-- parties); articles = distinct articles reporting the pair.
WITH in_range AS (
    SELECT *
    FROM events
    WHERE ingest_date BETWEEN coalesce($since, DATE '0001-01-01') AND coalesce($until, DATE '9999-12-31')
),

pairs AS (
    SELECT
        article_id,
        event_type,
        a.country AS country_a,
        b.country AS country_b
    FROM in_range, unnest(countries) AS a(country), unnest(countries) AS b(country)
    WHERE a.country < b.country
)

SELECT
    country_a,
    country_b,
    count(*) AS events,
    count(DISTINCT article_id) AS articles,
    string_agg(DISTINCT event_type, ', ' ORDER BY event_type) AS event_types
FROM pairs
GROUP BY country_a, country_b
ORDER BY events DESC, country_a, country_b
