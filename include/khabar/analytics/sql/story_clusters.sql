-- Question: which stories did several agencies carry, and who carried them?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: copies = articles of the story (near-duplicate bodies, khabar.lake.stories); title = the
-- earliest copy's title. Stories carried by one article only are left out.
-- The stories with several copies are found first (a count per story), so the string
-- aggregates run on those only: 1.2 s -> 0.3 s on the 1,000,000-article benchmark lake.
-- Grain: one row per story carried by two articles or more.
-- Columns:
--   story_id: the story's id (articles.story_id)
--   copies: articles of the story
--   agencies: distinct agencies among them
--   carried_by: the agencies, sorted ((unknown) for none)
--   first_day: the earliest copy's date
--   last_day: the latest copy's date
--   title: the earliest copy's title
WITH in_range AS (
    SELECT
        story_key(story_id, article_id) AS story_id,
        agency,
        title,
        article_day(published_date, ingest_date) AS day
    FROM articles
    WHERE in_window(ingest_date, $since, $until)
),

shared AS (
    SELECT story_id
    FROM in_range
    GROUP BY story_id
    HAVING count(*) > 1
)

SELECT
    story_id,
    count(*) AS copies,
    count(DISTINCT agency) AS agencies,
    list_sort(list_distinct(list(coalesce(agency, '(unknown)')))) AS carried_by,
    min(day) AS first_day,
    max(day) AS last_day,
    arg_min(title, (day, title)) AS title  -- the first copy's title; equal days: the first in text order
FROM in_range
SEMI JOIN shared USING (story_id)
GROUP BY story_id
ORDER BY copies DESC, first_day, story_id
