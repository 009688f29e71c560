"""Queue readings while Car-Pass is down, start the sandbox, and time the outbox draining.

    python bench/outbox.py [--n 10000] [--concurrency 4] [--batch 100] [--db URL of a scratch database]

Prints the time from the service coming up to the last acknowledgement, requests/s, and the
CPU time per reading spent by the delivering process and by the sandbox during the drain (wall
time moves with the machine's load; CPU time per reading much less). The sandbox runs in its
own process (as the real service would), on loopback.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx

from workshop_tui.domain.checks import job_facts
from workshop_tui.domain.models import JobDraft, RegistryVehicle, Verdict
from workshop_tui.domain.rules import decide
from workshop_tui.domain.work import WorkKind
from workshop_tui.sandbox.app import SANDBOX_PASSWORD
from workshop_tui.sandbox.seed import load_seed
from workshop_tui.sandbox.server import SANDBOX_ENTERPRISE_NUMBER, SANDBOX_ESTABLISHMENT_NUMBER
from workshop_tui.services.carpass_client import CarPassClient
from workshop_tui.services.outbox import Deliverer
from workshop_tui.services.policies import Backoff, HttpPolicy
from workshop_tui.storage import Store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def queue(store: Store, n: int) -> None:
    fleet = load_seed().clean_cars()
    start = datetime.now(UTC) - timedelta(days=n // len(fleet) + 2)
    verdict: Verdict | None = None
    for v in fleet:
        reg = v.registry
        if reg is None:  # clean cars are all known to the registry
            continue
        store.vehicles.upsert(RegistryVehicle(vin=v.vin, make=reg.make, category=reg.eu_category,
                                             max_mass_kg=reg.max_mass_kg, registered_in_belgium=True), {})  # fmt: skip
    for i in range(n):
        v = fleet[i % len(fleet)]
        round_ = i // len(fleet)
        draft = JobDraft(
            vin=v.vin,
            odometer_km=(v.mileage_history[-1].km if v.mileage_history else 0) + 300 * (round_ + 1),
            work=[WorkKind.MAINTENANCE],
            job_lines=["Service"],
            total_incl_vat=Decimal("210.00"),
            customer_vat_registered=True,
            reading_at=start + timedelta(days=round_),  # one reading per car per day: never a duplicate
        )
        if verdict is None:
            vehicle = RegistryVehicle(vin=v.vin, category="M1", max_mass_kg=1500, registered_in_belgium=True)
            verdict = decide(job_facts(draft, vehicle))
        store.jobs.record(draft, verdict)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=4, help="parallel exchanges of the deliverer")
    parser.add_argument("--batch", type=int, default=100, help="submissions claimed at once")
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    args = parser.parse_args()

    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    store = Store.open(url, terminal="bench")
    t0 = time.perf_counter()
    queue(store, args.n)
    print(f"queued {args.n} readings in {time.perf_counter() - t0:.1f} s ({url.split(':')[0]})")

    retry = Backoff(base=0.5, cap=2.0)
    client = CarPassClient(base, SANDBOX_ESTABLISHMENT_NUMBER, SANDBOX_PASSWORD, SANDBOX_ENTERPRISE_NUMBER,
                           connect_timeout=1.0, read_timeout=10.0, policy=HttpPolicy(attempts=1))  # fmt: skip
    deliverer = Deliverer(store, client, worker="bench", batch=args.batch, concurrency=args.concurrency,
                          retry=retry, poll=Backoff(0.05, 0.5))  # fmt: skip
    stop = threading.Event()
    thread = threading.Thread(target=deliverer.run, args=(stop, 0.05), daemon=True)
    thread.start()
    time.sleep(2.0)  # the service is down: every attempt fails, readings stay queued
    print(f"service down for 2 s: {store.outbox.in_flight()} readings pending, none lost")

    sandbox = subprocess.Popen(
        [sys.executable, "-m", "workshop_tui", "sandbox", "--port", str(port)], stdout=subprocess.DEVNULL
    )
    try:
        while True:
            try:
                httpx.get(f"{base}/openapi.json", timeout=0.2)
                break
            except httpx.TransportError:
                time.sleep(0.02)
        up, own_cpu, sandbox_cpu = time.perf_counter(), time.process_time(), cpu_seconds(sandbox.pid)
        while store.outbox.in_flight():
            time.sleep(0.1)
        drained = time.perf_counter() - up
        own_cpu, sandbox_cpu = time.process_time() - own_cpu, cpu_seconds(sandbox.pid) - sandbox_cpu
        stop.set()
        thread.join()
        deliverer.close()
        requests = httpx.get(f"{base}/_admin/requests").json()["count"]
        acknowledged = args.n - len(store.outbox.unfinished())
        print(f"drained {acknowledged}/{args.n} in {drained:.1f} s after the service came up "
              f"({acknowledged / drained:.0f} readings/s, {requests} requests, {requests / drained:.0f} requests/s, "
              f"batch {args.batch}, {args.concurrency} parallel exchanges)")  # fmt: skip
        print(f"CPU per reading: deliverer {own_cpu / args.n * 1000:.2f} ms, sandbox {sandbox_cpu / args.n * 1000:.2f} ms "
              f"({sandbox_cpu / requests * 1000:.2f} ms/request)")  # fmt: skip
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"machine: {os.cpu_count()} CPUs, load average {load} (includes this benchmark)")
    finally:
        sandbox.terminate()
        sandbox.wait()
        store.close()


if __name__ == "__main__":
    main()
