"""Locations as URIs through fsspec: local paths (the default), ``file://`` and ``s3://``.

Landing and lake are given as URIs; everything that touches them goes through
:func:`filesystem`, so the same code runs on a laptop and on object storage.
"""

from __future__ import annotations

import os
import posixpath
import fsspec
from fsspec.implementations.local import LocalFileSystem


def filesystem(uri: str) -> tuple[fsspec.AbstractFileSystem, str]:
    """``(filesystem, path)`` for a URI or local path (local paths are made absolute)."""
    if "://" not in uri:
        return LocalFileSystem(auto_mkdir=True), os.path.abspath(uri)
    fs, path = fsspec.core.url_to_fs(uri)
    return fs, path


def join(uri: str, *parts: str) -> str:
    """Join path parts onto a URI or local path with ``/``."""
    if "://" in uri:
        scheme, rest = uri.split("://", 1)
        return f"{scheme}://" + posixpath.join(rest, *parts)
    return os.path.join(uri, *parts)


def to_uri(fs: fsspec.AbstractFileSystem, path: str) -> str:
    """A path of ``fs`` back to a URI (plain absolute path for the local filesystem)."""
    if isinstance(fs, LocalFileSystem):
        return path
    protocol = fs.protocol[0] if isinstance(fs.protocol, (tuple, list)) else fs.protocol
    return f"{protocol}://{path}"

