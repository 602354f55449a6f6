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
    WHERE ingest_date BETWEEN coalesce($since, DATE '0001-01-01') AND coalesce($until, DATE '9999-12-31')
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
