"""khabar: Persian, Dari and Arabic ICT-diplomacy news into validated Parquet tables.

The package is pure Python and knows nothing of Airflow: the DAGs in ``dags/``
call into it. One module per concern (see README, "Code map").
"""

from __future__ import annotations

__version__ = "0.1.0"
#: Bumped whenever extraction output changes for the same input; stored on every article.
EXTRACTOR_VERSION = "khabar-extract/1"
