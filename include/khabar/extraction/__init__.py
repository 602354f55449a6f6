"""One article's text to the SPEC §4 record: the layout (``structure``, ``html_text``), the
language, the dates in three calendars, countries, organisations and the agency (``entities``),
officials and roles (``persons``), topics, events and quantities, composed by
``extract.extract_text``. The lexicons and gazetteers it reads are the data files of
``khabar/data`` (``gazetteer`` loads them), and the closed vocabularies the lake validates against are
defined here once (``vocabulary``).

Pure functions of a text: no I/O beyond reading its own data files. It may import
``khabar.text`` and ``khabar.core``.
"""
