"""Keep every core busy until stopped: a synthetic load for running tests on a busy machine.

    python scripts/cpu_burner.py [PROCESSES] [--seconds N]

Starts PROCESSES spinning processes (default: one per core) and stops them after N seconds,
or on SIGTERM / Ctrl-C. `scripts/test-under-load.sh` runs the test suite beside it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import time


def _spin() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    value = 0
    while True:
        value = (value * 1_103_515_245 + 12_345) % 2_147_483_648


def main() -> None:
    """Run the burner until its time is up or it is told to stop."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("processes", nargs="?", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seconds", type=float, default=24 * 3600)
    arguments = parser.parse_args()
    workers = [
        multiprocessing.Process(target=_spin, daemon=True) for _ in range(arguments.processes)
    ]
    for worker in workers:
        worker.start()
    stop = time.monotonic() + arguments.seconds

    def finish(*_: object) -> None:
        for worker in workers:
            worker.kill()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    while time.monotonic() < stop:
        time.sleep(0.5)
    finish()


if __name__ == "__main__":
    main()
