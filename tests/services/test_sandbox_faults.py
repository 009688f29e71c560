"""Fault spelling and the fault board (pure, no sockets)."""

from __future__ import annotations

import pytest

from workshop_tui.sandbox.faults import Fault, FaultBoard, FaultKind
from workshop_tui.services.contract import Service


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("latency=0.25", Fault(FaultKind.LATENCY, 0.25)),
        ("timeout", Fault(FaultKind.TIMEOUT, 30.0)),
        ("timeout=2", Fault(FaultKind.TIMEOUT, 2.0)),
        ("drop", Fault(FaultKind.DROP)),
        ("DROP-AFTER", Fault(FaultKind.DROP_AFTER)),
        (" malformed ", Fault(FaultKind.MALFORMED)),
        ("maintenance", Fault(FaultKind.MAINTENANCE, 3600.0)),
        ("maintenance=2", Fault(FaultKind.MAINTENANCE, 2.0)),
        ("500", Fault(FaultKind.STATUS, None, 500)),
        ("429=1.5", Fault(FaultKind.STATUS, 1.5, 429)),
    ],
)
def test_fault_spelling(text, fault):
    assert Fault.parse(text) == fault
    assert Fault.parse(str(fault)) == fault


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("explode", "unknown fault"),
        ("200", "not an HTTP error status"),
        ("status", "give the status itself"),
        ("latency", "needs seconds"),
        ("drop=3", "takes no value"),
        ("timeout=soon", "not a number"),
        ("latency=-1", "between 0 and 86400"),
    ],
)
def test_bad_fault_spelling_says_why(text, problem):
    with pytest.raises(ValueError, match=problem):
        Fault.parse(text)


def test_board_serves_orders_in_turn_and_counts_them_down():
    board = FaultBoard()
    board.inject(Fault.parse("500"), count=2)
    board.inject(Fault.parse("drop"))
    taken = [board.take(Service.CARPASS) for _ in range(4)]
    assert [str(f) if f else None for f in taken] == ["500", "500", "drop", None]


def test_board_orders_for_one_service_leave_the_other_alone():
    board = FaultBoard()
    board.inject(Fault.parse("503"), service=Service.REGISTRY)
    assert board.take(Service.CARPASS) is None
    assert str(board.take(Service.REGISTRY)) == "503"
    assert board.take(Service.REGISTRY) is None


def test_maintenance_lasts_until_switched_off_and_spares_the_registry():
    board = FaultBoard()
    board.maintenance(10)
    assert [str(board.take(Service.CARPASS)) for _ in range(3)] == ["maintenance=10"] * 3
    assert board.take(Service.REGISTRY) is None
    board.maintenance(None)
    assert board.take(Service.CARPASS) is None
