"""Exactly once at Car-Pass: deliverer processes killed with SIGKILL, and four terminals on one outbox."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from storage.factories import audit_entries

from workshop_tui.domain.models import SubmissionState
from workshop_tui.sandbox.app import SANDBOX_PASSWORD
from workshop_tui.sandbox.server import SANDBOX_ENTERPRISE_NUMBER, SANDBOX_ESTABLISHMENT_NUMBER
from workshop_tui.storage import Store

from .conftest import plain_vehicles, record


def deliver_process(db_url: str, sandbox, *extra: str) -> subprocess.Popen:
    env = os.environ | {
        "WORKSHOP_REGISTRY__URL": sandbox.registry_url,
        "WORKSHOP_CARPASS__URL": sandbox.carpass_url,
        "WORKSHOP_CARPASS__PASSWORD": SANDBOX_PASSWORD,
        "WORKSHOP_COMPANY__NAME": "Garage Test",
        "WORKSHOP_COMPANY__ENTERPRISE_NUMBER": SANDBOX_ENTERPRISE_NUMBER,
        "WORKSHOP_COMPANY__ESTABLISHMENT_NUMBER": SANDBOX_ESTABLISHMENT_NUMBER,
        "WORKSHOP_TERMINAL_NAME": f"terminal-{random.randrange(10**6)}",
    }
    command = [sys.executable, "-m", "workshop_tui", "--db", db_url, "deliver", "--batch", "5", *extra]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def queue_readings(store: Store, count: int) -> list[int]:
    """`count` reportable jobs on distinct seed cars, a few km apart, each with its outbox row."""
    cars = list(plain_vehicles())
    return [record(store, cars[i % len(cars)], km_more=100 + 50 * (i // len(cars))).id for i in range(count)]


def assert_each_once(store: Store, admin, ids: list[int]) -> None:
    views = [store.outbox.submission(i) for i in ids]
    assert [v.state for v in views] == [SubmissionState.ACKNOWLEDGED] * len(ids)
    keys = Counter(o["idempotencyKey"] for o in admin.observations())
    assert len(admin.observations()) == len(ids)
    assert max(keys.values()) == 1
    assert {v.request_guid for v in views} == {o["requestGuid"] for o in admin.observations()}


@pytest.mark.slow
def test_sigkill_at_random_points_loses_and_doubles_nothing(tmp_path, sandbox, admin):
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    rng = random.Random(20261123)
    with Store.open(url, terminal="reception") as store:
        ids = queue_readings(store, 40)
        admin.inject("latency=0.02", count=100_000)  # slow the service so kills land mid-request
        kills = 0
        for _ in range(12):
            process = deliver_process(url, sandbox, "--lease", "1")
            time.sleep(rng.uniform(0.3, 1.2))  # start-up takes ~0.3 s: kills fall before, during, after sends
            process.send_signal(signal.SIGKILL)
            process.wait()
            kills += process.returncode == -signal.SIGKILL
        assert kills >= 10
        admin.clear_faults()
        final = deliver_process(url, sandbox, "--until-done")
        assert final.wait(timeout=120) == 0, final.stderr.read().decode()
        assert_each_once(store, admin, ids)


@pytest.mark.slow
@pytest.mark.postgres
def test_four_terminals_drain_one_postgres_outbox_once(postgres_url, sandbox, admin):
    with Store.open(postgres_url, terminal="reception") as store:
        ids = queue_readings(store, 120)
        terminals = [deliver_process(postgres_url, sandbox, "--until-done") for _ in range(4)]
        for process in terminals:
            assert process.wait(timeout=180) == 0, process.stderr.read().decode()
        assert_each_once(store, admin, ids)
        workers = Counter(
            entry.terminal for entry in audit_entries(store, 1000) if entry.action == "submission.acknowledged"
        )
        assert len(workers) >= 2, f"one terminal did all the work: {workers}"
