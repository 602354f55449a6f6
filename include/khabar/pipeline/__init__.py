"""The order of work: the daily run (``daily``: plan, process batches, consolidate, validate,
publish) and archive backfills (``archive``: list and shard members, date and land them, run
each date). Airflow's DAGs and the ``khabar`` command call these functions.

It may import every layer below it: ``lake``, ``ingest``, ``extraction``, ``text``, ``core``.
"""
