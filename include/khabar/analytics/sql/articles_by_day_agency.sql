-- Question: how many articles arrived per ingest day, from which agency, in which language?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: articles = unique articles (duplicates are counted in sources, not here).
-- Grain: one row per ingest day, agency and language.
-- Columns:
--   ingest_date: the day
--   agency: agency key ((unknown) when no outlet was named)
--   lang: fa | prs | ar
--   articles: unique articles
--   with_date: of those, with a publication date
WITH in_range AS (
    SELECT *
    FROM articles
    WHERE in_window(ingest_date, $since, $until)
)

SELECT
    ingest_date,
    coalesce(agency, '(unknown)') AS agency,
    lang,
    count(*) AS articles,
    count(published_date) AS with_date
FROM in_range
GROUP BY ALL
ORDER BY ingest_date, articles DESC, agency
