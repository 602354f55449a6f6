-- Question: which ICT topics are covered, by how many articles and in which languages?
-- Parameters: $since, $until (DATE or NULL): the ingest_date range, inclusive.
-- Units: articles = unique articles carrying the topic (an article has several topics).
-- Grain: one row per topic: an article with several topics is in several rows.
-- Columns:
--   topic: topic key (SPEC §4)
--   articles: unique articles carrying the topic
--   fa: of those, in Persian
--   prs: in Dari
--   ar: in Arabic
WITH in_range AS (
    SELECT *
    FROM articles
    WHERE in_window(ingest_date, $since, $until)
),

article_topics AS (
    SELECT article_id, lang, unnest(topics) AS topic
    FROM in_range
)

SELECT
    topic,
    count(*) AS articles,
    count(*) FILTER (WHERE lang = 'fa') AS fa,
    count(*) FILTER (WHERE lang = 'prs') AS prs,
    count(*) FILTER (WHERE lang = 'ar') AS ar
FROM article_topics
GROUP BY topic
ORDER BY articles DESC, topic
