"""Access logs read a line at a time, gzip-compressed or not, whatever their name."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path

GZIP_MAGIC = b"\x1f\x8b"


class UnreadableLogError(Exception):
    """A log that cannot be opened or read to its end; its message is one line."""


def lines(path: Path) -> Iterator[str]:
    """Each line of a log, decoded as UTF-8 (a byte that is not becomes U+FFFD)."""
    try:
        with _open(path) as stream:
            yield from stream
    except (OSError, EOFError, zlib.error) as err:
        raise UnreadableLogError(f"cannot read {path}: {_why(err)}") from err


def _open(path: Path) -> io.TextIOBase:
    with path.open("rb") as probe:
        compressed = probe.read(2) == GZIP_MAGIC
    if compressed:
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="\n")
    return path.open(encoding="utf-8", errors="replace", newline="\n")


def _why(err: BaseException) -> str:
    if isinstance(err, EOFError):
        return "the compressed file ends too soon"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err) or type(err).__name__
