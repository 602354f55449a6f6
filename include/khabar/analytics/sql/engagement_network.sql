-- Question: which countries engaged with which, about what, and what came of it?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: stories = distinct stories (copies of one report by several agencies count once);
-- events = engagement events naming both parties; topics = what those events were about.
-- The events naming two countries or more, once per pair of their countries, come from the
-- table macro engagement_pair_events, shared with engagement_pairs.sql (khabar.analytics.report.MACROS;
-- every khabar connection and LAKE/khabar.duckdb define it, so this file runs there as it is).
-- Grain: one row per pair of countries and event type: stories add up over event types only (a story reporting a meeting and an MoU counts under both), so count a pair's stories in q_engagement_pairs.
-- Columns:
--   country_a: ISO3 of one party (the smaller code)
--   country_b: ISO3 of the other party
--   event_type: meeting | visit | mou | agreement | invitation | working_group | conference
--   topics: the topics of those events' sentences, sorted (empty when none)
--   stories: distinct stories with such an event (copies by several agencies count once)
--   events: events of this pair and type
--   first_day: the earliest article date (ingest date when none)
--   last_day: the latest article date
SELECT
    country_a,
    country_b,
    event_type,
    list_sort(list_distinct(flatten(list(topics)))) AS topics,
    count(DISTINCT story_id) AS stories,
    count(*) AS events,
    min(day) AS first_day,
    max(day) AS last_day
FROM engagement_pair_events($since, $until)
GROUP BY country_a, country_b, event_type
ORDER BY stories DESC, events DESC, country_a, country_b, event_type
