"""Scanner bench: read rate and decode time per degradation class, ours against the bare libraries.

    .venv/bin/python bench/scan.py [--per-class 30] [--seed N]

On the generated corpus (tests/scanners/corpus.py: 10 classes x 30 frames from a seed) at 640x480 and
1280x720, one core (process pinned to one CPU, OpenCV on one thread), it prints per class:
- pipeline: scanners.pipeline (zxing-cpp fast path, OpenCV preparation, pyzbar second backend,
  and last the bar-pattern fit of scanners.linear_fit for blurred 1D VIN labels),
- fast path: zxing-cpp restricted to Code 39/128, DataMatrix, QR on the whole frame (the
  pipeline's first attempt at 640x480; at 1280x720 it reads the halved frame first),
- zxing-cpp and pyzbar called bare, with their default settings,
each as read rate (%) and median / p95 milliseconds per frame (CPU time of the decoding thread,
so that other processes on the machine do not inflate it), per class then per payload
(symbology, and for DataMatrix its polarity); then false reads (a VIN or Car-Pass ID other than
the one printed) and whether the pipeline meets the targets of the scanner issue.

Last, the live camera's view of motion: each motion-class label is seen in a burst of BURST frames
(a hand-held phone at 15 frames a second, each frame with its own smear), fed through the
camera's stability filter; it prints the share of bursts that report the right code and the
frames it took.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from pyzbar import pyzbar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this tree's scanners, not the installed ones
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "scanners"))
import corpus

from scanners.codes import classify
from scanners.pipeline import build_reader
from scanners.stability import StabilityFilter

MEDIAN_TARGET_MS = {corpus.SD: 5.0, corpus.HD: 10.0}  # the scanner issue's targets for the pipeline
P95_TARGET_MS = 25.0
READ_TARGET, CLASS_TARGET = 97.0, 90.0
BURST, BURST_FPS = 8, 15.0


@dataclass
class Tally:
    """Reads and times of one method on one class of frames."""

    reads: int = 0
    frames: int = 0
    false: int = 0
    ms: list[float] = field(default_factory=list)

    def add(self, values: Sequence[tuple[str, str]], expected: tuple[str, str], seconds: float) -> None:
        self.frames += 1
        self.reads += expected in values
        self.false += any(kind != "other" and (kind, value) != expected for kind, value in values)
        self.ms.append(seconds * 1000)

    def merge(self, other: Tally) -> None:
        self.reads += other.reads
        self.frames += other.frames
        self.false += other.false
        self.ms += other.ms

    @property
    def rate(self) -> float:
        return 100 * self.reads / max(self.frames, 1)

    def cell(self) -> str:
        return f"{self.rate:5.1f}% {statistics.median(self.ms):6.1f} {np.percentile(self.ms, 95):6.1f}"


def _methods(reader):
    """Each method: BGR frame -> [(symbology, text)] of what it found."""

    def pipeline(frame):
        read = reader.read(frame).read
        return [(read.symbology, read.text)] if read else []

    def fast_path(frame):
        return [(s.symbology, s.text) for s in reader.primary.decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))]

    def bare_zxing(frame):
        return [(found.format.name.upper(), found.text) for found in zxingcpp.read_barcodes(frame)]

    def bare_pyzbar(frame):
        found = pyzbar.decode(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
        return [(code.type, code.data.decode("utf-8", errors="replace")) for code in found]

    return {"pipeline": pipeline, "fast path": fast_path, "zxing-cpp": bare_zxing, "pyzbar": bare_pyzbar}


def measure(samples: list[corpus.Sample], size: tuple[int, int]) -> dict[str, dict[str, Tally]]:
    """method -> degradation or payload -> Tally (each frame counts under its class and under its
    payload); "zxing-cpp + pyzbar" counts frames either bare library read."""
    reader, _ = build_reader("zxing")
    methods = _methods(reader)
    results: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for sample in samples:
        frame = sample.render(size)
        sample.forget()
        expected = (sample.kind, sample.value)
        read_by = set()
        for name, method in methods.items():
            start = time.thread_time()
            symbols = method(frame)
            elapsed = time.thread_time() - start
            values = [(read.kind, read.value) for read in (classify(s, t) for s, t in symbols)]
            for group in (sample.degradation, sample.payload):
                results[name][group].add(values, expected, elapsed)
            if expected in values:
                read_by.add(name)
        union = results["zxing-cpp + pyzbar"][sample.degradation]
        union.frames += 1
        union.reads += bool(read_by & {"zxing-cpp", "pyzbar"})
    return results


def measure_bursts(samples: list[corpus.Sample], size: tuple[int, int], seed: int) -> tuple[int, int, int, list[int]]:
    """(bursts reported right, reported wrong, bursts, frames each right report took) for the
    motion-class samples."""
    reader, _ = build_reader("zxing")
    rng = np.random.default_rng([seed, 1])
    reported, wrong, frames_taken = 0, 0, []
    motion = [sample for sample in samples if sample.degradation == "motion"]
    for sample in motion:
        stability = StabilityFilter()
        for frame_index in range(BURST):
            smear = {"motion_length": rng.uniform(4, 12), "motion_angle": rng.uniform(0, 180)}
            shaken = replace(sample, scene=replace(sample.scene, seed=int(rng.integers(2**31)), **smear))
            read = reader.read(shaken.render(size)).read
            accepted = stability.feed(read, frame_index / BURST_FPS)
            if accepted:
                if (accepted.kind, accepted.value) == (sample.kind, sample.value):
                    reported += 1
                    frames_taken.append(frame_index + 1)
                else:
                    wrong += 1
                break
    return reported, wrong, len(motion), frames_taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=30)
    parser.add_argument("--seed", type=int, default=corpus.SEED)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    samples = corpus.generate(per_class=args.per_class, seed=args.seed)
    print(f"{len(samples)} frames, seed {args.seed}, one core; columns: read rate, median ms, p95 ms\n")
    methods = ("pipeline", "fast path", "zxing-cpp", "pyzbar")
    for size in (corpus.SD, corpus.HD):
        results = measure(samples, size)
        print(f"{size[0]}x{size[1]}")
        print(f"{'class':<18} " + " ".join(f"{m:<21}" for m in methods))
        totals = {m: Tally() for m in methods}
        for degradation in corpus.DEGRADATIONS:
            print(f"{degradation:<18} " + " ".join(f"{results[m][degradation].cell():<21}" for m in methods))
            for m in methods:
                totals[m].merge(results[m][degradation])
        print(f"{'all':<18} " + " ".join(f"{totals[m].cell():<21}" for m in methods))
        for payload in (p for p in corpus.PAYLOADS if results["pipeline"][p].frames):
            print(f"{payload:<18} " + " ".join(f"{results[m][payload].cell():<21}" for m in methods))
        print("false reads: " + ", ".join(f"{m} {totals[m].false}" for m in methods))
        union = Tally()
        for tally in results["zxing-cpp + pyzbar"].values():
            union.merge(tally)
        print(f"read by bare zxing-cpp or bare pyzbar: {union.rate:.1f}%")
        _targets(totals["pipeline"], [results["pipeline"][d] for d in corpus.DEGRADATIONS], MEDIAN_TARGET_MS[size])
        print(f"bare zxing-cpp {totals['zxing-cpp'].rate:.1f}%")
        reported, wrong, bursts, taken = measure_bursts(samples, size, args.seed)
        print(
            f"hand-held motion, bursts of {BURST} frames at {BURST_FPS:.0f} fps through the stability filter: "
            f"{reported}/{bursts} reported right ({100 * reported / max(bursts, 1):.1f}%), "
            f"median {statistics.median(taken) if taken else 0:.0f} frames, {wrong} wrong\n"
        )
    with open("/proc/loadavg") as load:
        print(f"load average: {load.read().strip()}")


def _targets(pipeline: Tally, classes: list[Tally], median_target: float) -> None:
    """The scanner issue's targets for the pipeline, each met or MISSED."""
    median, p95 = statistics.median(pipeline.ms), float(np.percentile(pipeline.ms, 95))
    worst = min(tally.rate for tally in classes)
    for what, ok in (
        (f"frames read {pipeline.rate:.1f}% (>= {READ_TARGET:.0f}%)", pipeline.rate >= READ_TARGET),
        (f"worst class {worst:.1f}% (>= {CLASS_TARGET:.0f}%)", worst >= CLASS_TARGET),
        (f"false reads {pipeline.false} (0)", pipeline.false == 0),
        (f"median {median:.1f} ms (<= {median_target:.0f})", median <= median_target),
        (f"p95 {p95:.1f} ms (<= {P95_TARGET_MS:.0f})", p95 <= P95_TARGET_MS),
    ):
        print(f"pipeline {what}: {'met' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
