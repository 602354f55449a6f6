"""Locations as URIs through fsspec: local paths (the default), ``file://`` and ``s3://``.

Landing and lake are given as URIs; everything that touches them goes through
:func:`filesystem`, so the same code runs on a laptop and on object storage.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import uuid

import fsspec
from fsspec.implementations.local import LocalFileSystem


def filesystem(uri: str) -> tuple[fsspec.AbstractFileSystem, str]:
    """``(filesystem, path)`` for a URI or local path (local paths are made absolute).

    Object stores list without a cache: tasks in other processes and on other machines
    write under the same prefixes, and a cached listing would miss their files.
    """
    if "://" not in uri:
        return LocalFileSystem(auto_mkdir=True), os.path.abspath(uri)
    options = (
        {"use_listings_cache": False}
        if uri.startswith(("s3://", "s3a://", "gs://", "gcs://", "az://", "abfs://"))
        else {}
    )
    fs, path = fsspec.core.url_to_fs(uri, **options)
    return fs, path


def is_local(fs: fsspec.AbstractFileSystem) -> bool:
    """Whether ``fs`` is the local disk (renames and ``flock``), not object storage."""
    return isinstance(fs, LocalFileSystem)


def write_atomic(uri: str, data: bytes) -> None:
    """Write ``uri`` so that a reader (or a crash) sees the old content or the whole new one,
    never a part: on a local disk a temporary file in the same folder, flushed and synced,
    renamed over the target (and the folder synced, so the rename survives a power cut); on
    object storage a single PUT of the whole body (an object appears whole or not at all).

    A write that fails (a full disk) removes its temporary file and leaves the target as it was.
    """
    fs, path = filesystem(uri)
    folder = posixpath.dirname(path)
    fs.makedirs(folder, exist_ok=True)
    if not is_local(fs):
        fs.pipe_file(path, data)
        return
    # beside the target (a rename within one filesystem), hidden from listings, created with
    # the usual permissions (umask applies, unlike mkstemp's 0600)
    temporary = posixpath.join(
        folder, f".{posixpath.basename(path)}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    )
    try:
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb") as sink:
            sink.write(data)
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # not every filesystem can sync a folder
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def move_tree(fs: fsspec.AbstractFileSystem, source: str, target: str) -> None:
    """Move the folder ``source`` to ``target`` (which must not exist): one rename on a local
    disk; on object storage, where there are no folders to rename, a copy of every object
    followed by the deletion of the originals."""
    if isinstance(fs, LocalFileSystem):
        fs.mv(source, target, recursive=True)
        return
    if fs.isfile(source):
        fs.copy(source, target)
    else:
        for path in fs.find(source):
            fs.copy(path, posixpath.join(target, posixpath.relpath(path, source)))
    fs.rm(source, recursive=True)


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
