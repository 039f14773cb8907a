"""One lock between processes on this machine: an exclusive `flock` on a file."""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def exclusive_file_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (created if missing) for the block.

    Processes started together (workers, instances from one checkout) take turns here;
    the lock goes with the process if it dies.

    Args:
        lock_path: The lock file.

    Yields:
        Nothing; the lock is held meanwhile.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
