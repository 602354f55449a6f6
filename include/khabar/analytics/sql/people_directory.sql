-- Question: who are the officials in the news, in which roles and countries, and when were they seen?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: one row per person key (mentions.key: the name folded across scripts, ي/ی ك/ک, ZWNJ,
-- honorifics and surname-only mentions, so one person is counted once); person = the spelling
-- most often written in full (several words) for that key; stories = distinct stories naming the
-- person; roles = the roles as written, most frequent first; first_seen/last_seen = the articles'
-- own dates (ingest dates when missing).
-- Grain: one row per person (person key): one person counts once.
-- Columns:
--   person: the spelling most often written in full
--   key: the person key (mentions.key): the name folded across scripts, honorifics and surname-only mentions
--   roles: the roles as written, most frequent first
--   countries: ISO3 of the person's offices, sorted
--   stories: distinct stories naming the person
--   first_seen: the earliest article date
--   last_seen: the latest article date
WITH in_range AS (
    SELECT
        m.key,
        m.surface,
        m.role,
        m.country,
        story_key(a.story_id, a.article_id) AS story_id,
        article_day(a.published_date, a.ingest_date) AS day
    FROM mentions AS m
    JOIN articles AS a USING (article_id, ingest_date)
    WHERE
        in_window(m.ingest_date, $since, $until)
        AND m.kind = 'person'
),

spellings AS (
    SELECT key, surface, count(*) AS mentions
    FROM in_range
    GROUP BY ALL
),

display AS (
    SELECT key, arg_max(surface, (contains(trim(surface), ' '), mentions, surface)) AS person
    FROM spellings
    GROUP BY key
),

roles AS (
    SELECT key, role, count(*) AS mentions
    FROM in_range
    WHERE role IS NOT NULL
    GROUP BY ALL
)

SELECT
    d.person,
    p.key,
    (SELECT list(r.role ORDER BY r.mentions DESC, r.role) FROM roles AS r WHERE r.key = p.key) AS roles,
    list_sort(list_distinct(list(p.country))) AS countries,
    count(DISTINCT p.story_id) AS stories,
    min(p.day) AS first_seen,
    max(p.day) AS last_seen
FROM in_range AS p
JOIN display AS d USING (key)
GROUP BY p.key, d.person
ORDER BY stories DESC, last_seen DESC, d.person, p.key
