-- Question: which organisations (operators, regulators, international bodies, companies) are in the news, and when?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: one row per organisation key (mentions.key: a gazetteer key, or the name as written for
-- one recognised by its form, شرکت … or شركة …); name = its most frequent spelling; stories =
-- distinct stories naming it; first_seen/last_seen = the articles' own dates (ingest dates when missing).
-- Grain: one row per organisation key: one organisation counts once.
-- Columns:
--   organization: the spelling most often written
--   key: the organisation key (mentions.key)
--   country: ISO3 of its home country, when known
--   spellings: how it was written, most frequent first
--   stories: distinct stories naming it
--   first_seen: the earliest article date
--   last_seen: the latest article date
WITH in_range AS (
    SELECT
        m.key,
        m.surface,
        m.country,
        story_key(a.story_id, a.article_id) AS story_id,
        article_day(a.published_date, a.ingest_date) AS day
    FROM mentions AS m
    JOIN articles AS a USING (article_id, ingest_date)
    WHERE
        in_window(m.ingest_date, $since, $until)
        AND m.kind = 'organization'
),

spellings AS (
    SELECT key, surface, count(*) AS mentions
    FROM in_range
    GROUP BY ALL
)

SELECT
    (SELECT arg_max(s.surface, (s.mentions, s.surface)) FROM spellings AS s WHERE s.key = o.key) AS organization,
    o.key,
    any_value(o.country) AS country,
    (SELECT list(s.surface ORDER BY s.mentions DESC, s.surface) FROM spellings AS s WHERE s.key = o.key) AS spellings,
    count(DISTINCT o.story_id) AS stories,
    min(o.day) AS first_seen,
    max(o.day) AS last_seen
FROM in_range AS o
GROUP BY o.key
ORDER BY stories DESC, last_seen DESC, o.key
