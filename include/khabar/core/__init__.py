"""What every layer stands on: the error hierarchy (``errors``), the validated ``KHABAR_*``
settings (``settings``), locations as URIs on any fsspec filesystem (``storage``) and the progress
of long work (``progress``).

Owns no data and knows nothing of news. It may import only the standard library, third-party
packages and the ``khabar`` root (version constants); every other layer may import it.
"""
