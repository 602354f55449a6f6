"""The lake: the tables' explicit schemas and their documentation (``schema``), Parquet writing,
staging, all-or-nothing partition swaps, locks and recovery (``store``), story clustering
(``stories``), and the Great Expectations suites with their Data Docs (``quality``,
``data_docs``).

Knows tables and partitions, not the order of a run. It may import ``khabar.ingest``,
``khabar.extraction``, ``khabar.text`` and ``khabar.core``.
"""
