"""Pattern fit bench: CPU time of scanners.linear_fit per decode and per perspective tried.

    .venv/bin/python bench/fit.py [--per-class 30] [--seeds 70001 70002 70003] [--repeat 3]

The inputs are what the pipeline hands the fit: for the 1D VIN labels of the motion, blur and small
classes of the generated corpus (tests/scanners/corpus.py) at 640x480 and 1280x720, the profile and
the expected ends of the first region with as many bars as a VIN label. On one core (process pinned
to one CPU, OpenCV on one thread) every input is decoded without a deadline, round after round
(`--repeat` rounds, so that the fit's caches are as cold as for new frames), and each input's least
CPU time is kept: of the decoding thread (as the pipeline's deadline counts it) and of the whole
process (OpenBLAS threads included). It prints the median, 95th percentile and total per decode,
for the inputs read and those not read, then per perspective (`best_fit` at each bend).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this tree's scanners, not the installed ones
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "scanners"))
import corpus

from scanners import linear_fit, pipeline

Input = tuple[np.ndarray, float, float, float]  # profile, rate, start, end


def fit_inputs(seeds: list[int], per_class: int) -> list[Input]:
    """What the pipeline would give the pattern fit for each 1D VIN label of the hard classes."""
    reader, _ = pipeline.build_reader("zxing", budget_ms=None)
    found = []
    for seed in seeds:
        for sample in corpus.generate(per_class, seed, ("motion", "blur", "small")):
            if sample.payload not in ("code39", "code39_import", "code128"):
                continue
            for size in (corpus.SD, corpus.HD):
                gray = cv2.cvtColor(sample.render(size), cv2.COLOR_BGR2GRAY)
                for attempt in reader._attempts(gray, pipeline._Deadline(math.inf, math.inf)):
                    if isinstance(attempt, tuple) and isinstance(attempt[0], linear_fit.ProfileDecoder):
                        fitter, profile, _symbologies = attempt
                        found.append((profile, fitter.rate, fitter.start, fitter.end))
            sample.forget()
    return found


def cpu_ms(call: Callable[[], object]) -> tuple[float, float, object]:
    """The thread and process CPU milliseconds of `call`, and its result."""
    t0, p0 = time.thread_time(), time.process_time()
    result = call()
    return (time.thread_time() - t0) * 1000, (time.process_time() - p0) * 1000, result


def summary(label: str, thread: np.ndarray, process: np.ndarray) -> None:
    print(
        f"{label:<17} {len(thread):4d}  thread median {np.median(thread):5.1f}  p95 {np.percentile(thread, 95):5.1f}"
        f"  total {thread.sum():6.0f}   process median {np.median(process):5.1f}  p95 {np.percentile(process, 95):5.1f}"
        f"  total {process.sum():6.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=30)
    parser.add_argument("--seeds", type=int, nargs="+", default=[70001, 70002, 70003])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    inputs = fit_inputs(args.seeds, args.per_class)
    bends = linear_fit._BENDS_TRIED
    # [thread, process][input, 0: the decode, 1...: each perspective]; the least of the rounds
    least = np.full((2, len(inputs), 1 + len(bends)), np.inf)
    read = np.zeros(len(inputs), bool)
    for _ in range(args.repeat):  # round after round over every input: the caches as cold as for new frames
        for i, (profile, rate, start, end) in enumerate(inputs):
            calls: list[Callable[[], object]] = [partial(linear_fit.ProfileDecoder(rate, start, end).decode, profile)]
            calls += [partial(linear_fit.best_fit, profile, rate, start, end, bend) for bend in bends]
            for j, call in enumerate(calls):
                thread, process, result = cpu_ms(call)
                least[:, i, j] = np.minimum(least[:, i, j], (thread, process))
                read[i] |= j == 0 and bool(result)
    print(f"{len(inputs)} inputs; CPU ms, least of {args.repeat} rounds; loadavg {os.getloadavg()}")
    summary("decode", least[0, :, 0], least[1, :, 0])
    summary("decode, read", least[0, read, 0], least[1, read, 0])
    summary("decode, not read", least[0, ~read, 0], least[1, ~read, 0])
    summary("perspective", least[0, :, 1:].ravel(), least[1, :, 1:].ravel())


if __name__ == "__main__":
    main()
