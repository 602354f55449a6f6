"""What arrives, read safely: a landing folder's files, JSON and JSON Lines records and archive
members (``sources``), each as a :class:`~khabar.ingest.sources.RawRecord` or a quarantine
reason, within the size and count limits.

It may import ``khabar.extraction``, ``khabar.text`` and ``khabar.core``; it writes nothing.
"""
