"""Reading the lake: the DuckDB report and the query library (``report``, the ``sql/`` files
loaded as package data), the report's charts (``charts``), the analysts' SQL shell
(``analyst_shell``) and the pages the Airflow plugin serves (``web``).

It only reads what the pipeline published. It may import ``pipeline`` and everything below.
"""
