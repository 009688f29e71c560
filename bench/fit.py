"""Pattern fit bench: CPU time of scanners.linear_fit per decode and per perspective tried.

    .venv/bin/python bench/fit.py [--per-class 30] [--seeds 70001 70002 70003] [--repeat 3]

The inputs are what the pipeline hands the fit: for the 1D VIN labels of the motion, blur and small
classes of the generated corpus (tests/scanners/corpus.py) at 640x480 and 1280x720, the profile and
the expected ends of the first region with as many bars as a VIN label. On one core (process pinned
to one CPU, OpenCV on one thread) each input is decoded `--repeat` times without a deadline, and its
least CPU time is kept: of the decoding thread (as the pipeline's deadline counts it) and of the
whole process (OpenBLAS threads included). It prints the median, 95th percentile and total per
decode, for the inputs read and those not read, then per perspective (`best_fit` at each bend).
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


def cpu_ms(call: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """The least thread and process CPU milliseconds of `repeat` calls, and the call's result."""
    thread = process = math.inf
    result = None
    for _ in range(repeat):
        t0, p0 = time.thread_time(), time.process_time()
        result = call()
        thread = min(thread, (time.thread_time() - t0) * 1000)
        process = min(process, (time.process_time() - p0) * 1000)
    return thread, process, result


def summary(label: str, thread: list[float], process: list[float]) -> None:
    if not thread:
        return
    print(
        f"{label:<22} {len(thread):4d}  thread median {np.median(thread):6.1f}  p95 {np.percentile(thread, 95):6.1f}"
        f"  total {sum(thread):8.0f}   process median {np.median(process):6.1f}  p95 {np.percentile(process, 95):6.1f}"
        f"  total {sum(process):8.0f}"
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
    times: dict[str, tuple[list[float], list[float]]] = {}

    def add(label: str, thread: float, process: float) -> None:
        times.setdefault(label, ([], []))[0].append(thread)
        times[label][1].append(process)

    for profile, rate, start, end in inputs:
        decoder = linear_fit.ProfileDecoder(rate, start, end)
        thread, process, found = cpu_ms(partial(decoder.decode, profile), args.repeat)
        add("decode", thread, process)
        add("decode, read" if found else "decode, not read", thread, process)
        for bend in linear_fit._BENDS_TRIED:
            thread, process, _ = cpu_ms(partial(linear_fit.best_fit, profile, rate, start, end, bend), args.repeat)
            add("perspective", thread, process)
    print(f"{len(inputs)} inputs; CPU ms, least of {args.repeat} runs; loadavg {os.getloadavg()}")
    for label, (threads, processes) in times.items():
        summary(label, threads, processes)


if __name__ == "__main__":
    main()
