-- Question: which MoUs, agreements and invitations were reported, between whom, and when?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: one row per story and event type (copies of a story by several agencies are one
-- row, listing the agencies); day = the earliest copy's own date; evidence = a sentence of it.
-- Grain: one row per story and event type, for MoUs, agreements and invitations.
-- Columns:
--   day: the earliest copy's own date (ingest date when none)
--   event_type: mou | agreement | invitation
--   parties: ISO3 codes of the parties, sorted
--   agencies: the agencies that carried the story, sorted
--   evidence: a sentence that reports it
--   story_id: the story (articles.story_id, or the article id)
WITH in_range AS (
    SELECT
        e.event_type,
        e.countries,
        e.evidence,
        a.agency,
        story_key(a.story_id, a.article_id) AS story_id,
        article_day(a.published_date, a.ingest_date) AS day
    FROM events AS e
    JOIN articles AS a USING (article_id, ingest_date)
    WHERE
        in_window(e.ingest_date, $since, $until)
        AND e.event_type IN ('mou', 'agreement', 'invitation')
)

SELECT
    min(day) AS day,
    event_type,
    list_sort(list_distinct(flatten(list(countries)))) AS parties,
    list_sort(list_distinct(list(agency))) AS agencies,
    arg_min(evidence, (day, evidence)) AS evidence,  -- the earliest day's evidence; equal days: the first in text order
    story_id
FROM in_range
GROUP BY story_id, event_type
ORDER BY day, event_type, parties, story_id
