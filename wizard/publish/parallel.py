"""Freeze a list of pages on several processes, forked once the app and its content are loaded.

Each worker renders its pages with the app's test client and writes them as Frozen-Flask does
(it is Frozen-Flask, given only those pages), so every page keeps the same checks: a status
other than 200 or a file name that does not match the page's type fails the build. Workers
take the next few pages from a shared counter until none are left, so a busy core takes fewer.
Each worker also reads the links of the HTML pages it wrote (`inspect`), so the build's link
check has only to look for the files they name.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import pickle
import signal
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

from flask import Flask
from flask_frozen import Freezer, MimetypeMismatchWarning, MissingURLGeneratorWarning

# Pages a worker takes at once: few enough to share out evenly, enough to keep the counter quiet.
CHUNK = 16
PR_SET_PDEATHSIG = 1
Inspect = Callable[[Path], set[Path]]  # a written HTML page -> the files it names


class WorkerError(Exception):
    """A worker stopped without reporting, or failed in a way that cannot be sent back."""


def usable_cores() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU limit)."""
    return len(os.sched_getaffinity(0))


@dataclass
class Frozen:
    """What was frozen: how many pages, and every file their links and assets name."""

    pages: int = 0
    needs: set[Path] = field(default_factory=set)

    def add(self, other: Frozen) -> Frozen:
        """Both counts and both sets of files, together."""
        self.pages += other.pages
        self.needs |= other.needs
        return self


def freeze_pages(app: Flask, urls: list[str], jobs: int, inspect: Inspect) -> Frozen:
    """Freeze each of these URLs exactly once on `jobs` processes, inspecting each HTML page."""
    chunks = [urls[i : i + CHUNK] for i in range(0, len(urls), CHUNK)]
    jobs = max(1, min(jobs, len(chunks)))
    if jobs == 1:
        freezer, frozen = _freezer(app), Frozen()
        for chunk in chunks:
            frozen.add(_freeze(freezer, chunk, inspect))
        return frozen
    context = multiprocessing.get_context("fork")  # workers share the loaded app, not a copy
    taken = context.Value("i", 0)
    workers: list[tuple[BaseProcess, Connection]] = []
    try:
        for _ in range(jobs):
            receive, send = context.Pipe(duplex=False)
            args = (app, chunks, inspect, taken, send, os.getpid())
            worker = context.Process(target=_work, args=args, daemon=True)
            worker.start()
            send.close()
            workers.append((worker, receive))
        return _collect(workers)
    finally:
        for worker, _ in workers:
            if worker.is_alive():
                worker.kill()  # a failed or stopped build ends every worker now
            worker.join()


def _collect(workers: list[tuple[BaseProcess, Connection]]) -> Frozen:
    """What every worker froze, failing on the first failure any worker reports."""
    pending = {receive: worker for worker, receive in workers}
    frozen = Frozen()
    while pending:
        for receive in wait(list(pending)):
            worker = pending.pop(receive)
            try:
                outcome = receive.recv()
            except EOFError:
                worker.join()
                raise WorkerError(f"a page worker stopped (exit code {worker.exitcode})") from None
            if isinstance(outcome, BaseException):
                raise outcome
            frozen.add(outcome)
    return frozen


def _work(
    app: Flask,
    chunks: list[list[str]],
    inspect: Inspect,
    taken: Synchronized,
    send: Connection,
    parent: int,
) -> None:
    """In a worker: freeze chunks until none are left, then send what it froze (or the error)."""
    _as_worker(parent)
    try:
        freezer, frozen = _freezer(app), Frozen()
        while (index := _next(taken)) < len(chunks):
            frozen.add(_freeze(freezer, chunks[index], inspect))
        send.send(frozen)
    except Exception as err:  # sent to the parent, which raises it
        send.send(_sendable(err))
    finally:
        send.close()


def _as_worker(parent: int) -> None:
    """Leave Ctrl+C and stopping to the parent; die with it if it is killed (Linux)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Elsewhere than Linux, a worker left behind finishes its pages and exits.
    with contextlib.suppress(AttributeError, OSError):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _next(taken: Synchronized) -> int:
    """The index of the next chunk nobody has taken."""
    with taken.get_lock():
        index = taken.value
        taken.value += 1
    return index


def _sendable(err: Exception) -> Exception:
    """The error itself if it survives pickling (an OSError keeps its file), or its words."""
    try:
        pickle.loads(pickle.dumps(err))
    except Exception:
        return WorkerError(str(err))
    return err


def _freezer(app: Flask) -> Freezer:
    """A freezer that builds exactly the URLs it is given, and follows no link."""
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
    freezer.register_generator(lambda: freezer.todo)
    return freezer


def _freeze(freezer: Freezer, urls: list[str], inspect: Inspect) -> Frozen:
    freezer.todo, frozen = urls, Frozen()
    with warnings.catch_warnings():
        warnings.simplefilter("error", MimetypeMismatchWarning)
        # Pages come as URLs, not endpoints, so Frozen-Flask would warn of every endpoint.
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        for page in freezer.freeze_yield():
            frozen.pages += 1
            if page.path.suffix == ".html":
                frozen.needs |= inspect(freezer.root / page.path)
    return frozen
