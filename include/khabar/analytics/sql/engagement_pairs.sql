-- Question: which pairs of countries engaged with each other, in how many stories, and how?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: stories = distinct stories with an event naming both countries; events = such events;
-- event_types and topics = what those events were and were about.
-- The events naming two countries or more, once per pair of their countries, come from the
-- table macro engagement_pair_events, shared with engagement_network.sql (khabar.analytics.report.MACROS;
-- every khabar connection and LAKE/khabar.duckdb define it, so this file runs there as it is).
-- Grain: one row per pair of countries: sum its stories freely.
-- Columns:
--   country_a: ISO3 of one party (the smaller code)
--   country_b: ISO3 of the other party
--   stories: distinct stories with an event naming both countries
--   events: such events
--   event_types: the types of those events, sorted
--   topics: the topics of those events, sorted
SELECT
    country_a,
    country_b,
    count(DISTINCT story_id) AS stories,
    count(*) AS events,
    list_sort(list_distinct(list(event_type))) AS event_types,
    list_sort(list_distinct(flatten(list(topics)))) AS topics
FROM engagement_pair_events($since, $until)
GROUP BY country_a, country_b
ORDER BY stories DESC, events DESC, country_a, country_b
