"""Tools for the people who build khabar, not for the pipeline: the benchmarks (``bench``) and
the extraction scorer against annotated gold (``evaluate``).

The top layer: it may import every other layer; nothing imports it but ``khabar.cli``.
"""
