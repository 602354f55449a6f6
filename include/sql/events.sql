-- Question: what kinds of engagement (meetings, visits, MoUs ...) were reported, between whom?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: events = engagement events; parties = the ISO3 codes of the event, joined by '-'.
WITH in_range AS (
    SELECT *
    FROM events
    WHERE ingest_date BETWEEN coalesce($since, DATE '0001-01-01') AND coalesce($until, DATE '9999-12-31')
)

SELECT
    event_type,
    array_to_string(list_sort(countries), '-') AS parties,
    count(*) AS events,
    count(DISTINCT article_id) AS articles
FROM in_range
GROUP BY ALL
ORDER BY event_type, events DESC, parties
