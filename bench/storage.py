"""Storage benchmark on SQLite: N vehicles with 10 readings each, then VIN lookups and job inserts.

    .venv/bin/python bench/storage.py                # N = 1 000 000: a few minutes, about 2 GB on disk
    .venv/bin/python bench/storage.py --n 20000      # quick run

The bulk load goes through the migrated schema (one transaction, executemany with the SQL
the models generate). Lookups call `Vehicles.get` and `Vehicles.readings`; inserts call
`Jobs.record`, the path the app uses: vehicle lookup, job, reading, outbox row with its
idempotency key and audit entry, committed as one transaction.
Targets at 1 M vehicles: lookup p99 <= 2 ms, insert p99 <= 3 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path

from workshop_tui.domain.codes import LAW_ART_6, REPORTABLE_WORK
from workshop_tui.domain.models import JobDraft, Reason, Verdict
from workshop_tui.domain.work import WorkKind
from workshop_tui.storage import Store
from workshop_tui.storage import models as tables

READINGS_PER_VEHICLE = 10
VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
FETCHED_AT = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
VERDICT = Verdict(
    must_report=True,
    reporter="workshop",
    reasons=[Reason(code=REPORTABLE_WORK, params={"kinds": ["maintenance"]}, reference=LAW_ART_6)],
)


def random_vins(n: int, rng: random.Random) -> list[str]:
    vins: set[str] = set()
    while len(vins) < n:
        vins.add("".join(rng.choices(VIN_ALPHABET, k=17)))
    return list(vins)


VEHICLE_COLUMNS = (
    "vin",
    "make",
    "commercial_name",
    "category",
    "max_mass_kg",
    "model_year",
    "first_registration",
    "fetched_at",
    "sources",
    "updated_at",
)
READING_COLUMNS = ("vehicle", "read_on", "km", "odometer_replaced", "five_digit_odometer", "source")


def insert_sql(model: type[tables.Base], names: tuple[str, ...]) -> str:
    """INSERT of the model's fields `names`, in that order, as bound parameters."""
    columns = ", ".join(f'"{model._meta.fields[name].column_name}"' for name in names)
    return f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join("?" * len(names))})'


def vehicle_rows(vins: list[str]) -> Iterator[tuple]:
    fetched = tables.Vehicle.fetched_at.db_value(FETCHED_AT)
    sources = tables.Vehicle.sources.db_value({"make": "registry", "model_year": "registry"})
    for n, vin in enumerate(vins):
        yield (
            vin,
            "VOLKSWAGEN",
            "GOLF",
            "M1",
            1500 + n % 1000,
            2005 + n % 20,
            date(2005 + n % 20, 3, 1),
            fetched,
            sources,
            fetched,
        )


def reading_rows(n: int) -> Iterator[tuple]:
    for vehicle_id in range(1, n + 1):
        first_year = 2010 + vehicle_id % 6
        for k in range(READINGS_PER_VEHICLE):
            on = date(first_year + k, 1 + vehicle_id % 12, 1 + vehicle_id % 28)
            yield (vehicle_id, on, 15_000 * (k + 1), False, False, "carpass")


def bulk_load(store: Store, vins: list[str]) -> None:
    """One transaction; vehicle ids come out 1..N in `vins` order (fresh table)."""
    db = store.session.db
    with store.connection_context():
        connection = db.connection()
        with db.atomic():
            connection.executemany(insert_sql(tables.Vehicle, VEHICLE_COLUMNS), vehicle_rows(vins))
            connection.executemany(insert_sql(tables.Reading, READING_COLUMNS), reading_rows(len(vins)))
        db.execute_sql("PRAGMA optimize")
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def timed(calls: list[Callable[[], object]]) -> list[float]:
    """Milliseconds per call."""
    durations = []
    for call in calls:
        started = time.perf_counter()
        call()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(name: str, durations: list[float], target_ms: float | None = None) -> None:
    p50, p99 = percentile(durations, 0.50), percentile(durations, 0.99)
    verdict = "" if target_ms is None else f"   target p99 <= {target_ms} ms: {'OK' if p99 <= target_ms else 'MISSED'}"
    print(f"{name:<34} p50 {p50:6.3f} ms   p99 {p99:6.3f} ms   max {max(durations):7.3f} ms{verdict}")


def draft(vin: str, n: int) -> JobDraft:
    return JobDraft(
        vin=vin,
        odometer_km=200_000 + n,
        work=[WorkKind.MAINTENANCE],
        job_lines=["Oil and filter", "Brake pads"],
        total_incl_vat=Decimal("249.90"),
        reading_at=datetime.now(UTC),
        job_reference=f"WO-{n}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="vehicles to load (10 readings each)")
    parser.add_argument("--lookups", type=int, default=20_000, help="VIN lookups to time")
    parser.add_argument("--inserts", type=int, default=5_000, help="jobs to record and time")
    parser.add_argument("--dir", type=Path, help="where to build the database (default: a temporary directory)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        path = Path(directory) / "bench.db"
        with Store.open(f"sqlite:///{path}", terminal="bench") as store:
            vins = random_vins(args.n, rng)
            started = time.perf_counter()
            bulk_load(store, vins)
            load_s = time.perf_counter() - started
            size_mb = sum(f.stat().st_size for f in path.parent.iterdir()) / 1e6
            print(
                f"loaded {args.n:,} vehicles and {args.n * READINGS_PER_VEHICLE:,} readings "
                f"in {load_s:.1f} s ({size_mb:,.0f} MB)"
            )

            load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
            print(f"machine: {os.cpu_count()} CPUs, load average {load} (other processes skew the p99)")
            sample = rng.choices(vins, k=args.lookups)
            report("VIN lookup (vehicles.get)", timed([partial(store.vehicles.get, v) for v in sample]), 2.0)
            report("readings of a VIN (10 rows)", timed([partial(store.vehicles.readings, v) for v in sample]))
            jobs = [draft(vin, n) for n, vin in enumerate(rng.choices(vins, k=args.inserts))]
            report(
                "jobs.record (job+reading+outbox)",
                timed([partial(store.jobs.record, d, VERDICT) for d in jobs]),
                3.0,
            )


if __name__ == "__main__":
    main()
