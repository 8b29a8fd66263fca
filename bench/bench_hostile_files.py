"""Hostile CSV files within the upload size limit (issue 9 item 9): each is refused or read
in bounded time and memory.

    .venv/bin/python bench/bench_hostile_files.py        (no database; make bench runs it)

Each case runs BENCH_RUNS (3) times, each in a fresh Python process (so the peak resident
memory is the case's own: ru_maxrss of the child, interpreter and Django included); the
median time and the largest peak are reported. Before the fix, "newlines" took ~30 s and
1,6 GB in a server worker (gunicorn then).
"""

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")
import django  # noqa: E402

django.setup()

from theodoi.exchange.readers import FileRejected, read_file  # noqa: E402

MB = 1024 * 1024
LIMIT = 10 * MB - 1


def make(case: str) -> bytes:
    if case == "newlines":
        return b"\n" * LIMIT
    if case == "one-char-rows":
        return b"a\n" * (LIMIT // 2)
    if case == "wide-rows":
        row = b"a," * 2000 + b"a\n"
        return row * (LIMIT // len(row))
    if case == "unclosed-quote":
        return b'ma;gia tri\nX;"' + b"a" * (LIMIT - 20)
    if case == "10000-valid-rows":
        lines = ["Mã chỉ tiêu;Mã đơn vị hành chính;Mã kỳ;Giá trị kỳ này"]
        lines += [f"CT{i % 100:03d};{i // 100:03d};2021Q2;{i},5" for i in range(10_000)]
        return ("\n".join(lines) + "\n").encode()
    raise SystemExit(f"unknown case {case}")


CASES = ["newlines", "one-char-rows", "wide-rows", "unclosed-quote", "10000-valid-rows"]


def child(case: str) -> None:
    data = make(case)
    start = time.perf_counter()
    try:
        book = read_file(data, f"{case}.csv")
        outcome = f"read {len(book.sheets[0].rows)} rows"
    except FileRejected as exc:
        outcome = "refused: " + exc.message[:60]
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.3f} {peak:.0f} {outcome}")


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    print(f"{'case':<18} {'size':>8} {'median s':>9} {'peak MB':>8}  outcome")
    for case in CASES:
        times, peaks, outcome = [], [], ""
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, __file__, case], capture_output=True, text=True, check=True
            ).stdout.split(" ", 2)
            times.append(float(out[0]))
            peaks.append(float(out[1]))
            outcome = out[2].strip()
        size = f"{len(make(case)) / MB:.1f} MB"
        print(
            f"{case:<18} {size:>8} {statistics.median(times):>9.2f} {max(peaks):>8.0f}  {outcome}"
        )


if __name__ == "__main__":
    if len(sys.argv) > 1:
        child(sys.argv[1])
    else:
        main()
