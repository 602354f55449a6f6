-- Question: what kinds of engagement (meetings, visits, MoUs ...) were reported, between whom?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: events = engagement events; parties = the ISO3 codes of the event, sorted.
-- Grain: one row per event type and set of parties.
-- Columns:
--   event_type: the engagement type
--   parties: ISO3 codes of the parties, sorted
--   events: events of that type and parties
--   articles: articles reporting them
WITH in_range AS (
    SELECT *
    FROM events
    WHERE in_window(ingest_date, $since, $until)
)

SELECT
    event_type,
    list_sort(countries) AS parties,
    count(*) AS events,
    count(DISTINCT article_id) AS articles
FROM in_range
GROUP BY ALL
ORDER BY event_type, events DESC, parties
