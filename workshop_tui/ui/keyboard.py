"""How keys reach the screens: through the wedge gate, in order, and never into a screen being left.

Mixed into the App (before `App`, so `on_event` sees every key first):
- a keyboard-wedge scanner's burst of a VIN or a Car-Pass becomes a `CodeScanned` message and never
  reaches an input; any other burst (a part number, a tyre EAN) into a text field goes into that
  field, as if typed (into a multi-line field with its Enter: one part a line);
- keys the gate held are let through at once, in order, ahead of any key still queued;
- key gaps are timed when the terminal was read, not when a key is handled, so a busy moment
  (a screen being built) never splits a burst;
- keys typed while a screen is being built wait for it, with the time they were typed, so a
  quick "Enter, 7 2 0 0 0" lands in the odometer of the job screen, not on the vehicle screen.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TypeGuard

from textual import events
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

from scanners.codes import WEDGE, CodeRead, carpass_id_from_url, classify
from scanners.wedge import WedgeDetector

from .messages import CodeScanned
from .wedge import Decision, WedgeGate

if TYPE_CHECKING:
    from textual.app import App
    from textual.widgets import TextArea

    from .clock import Clock

    _Base = App
else:
    _Base = object

WEDGE_GAP_MS = 35  # scanners type 1-15 ms apart, people 80-200 ms (see scanners.wedge)
WEDGE_MIN_LENGTH = 8
SCAN_FIELD = "scan-field"  # the class of a text field meant for a VIN or a Car-Pass: every burst is a scan
OPENING_LIMIT_S = 3.0  # keys never wait longer than this for a screen being built
# The keys that end a burst: Enter, and the line feed of a scanner set to end with LF (also what
# Enter gives when typed as the terminal starts, before the app switches it to raw input).
SCAN_ENDS = frozenset({"enter", "ctrl+j"})

TEXT_AREA_MODULE = "textual.widgets._text_area"


def is_text_area(widget: Widget | None) -> TypeGuard[TextArea]:
    """`widget` is a multi-line field. Told without importing TextArea (7 ms the first frame need not
    wait for): none can exist before a screen that has one imports its module."""
    module = sys.modules.get(TEXT_AREA_MODULE)
    return module is not None and isinstance(widget, module.TextArea)


class WedgeKeyboard(_Base):
    clock: Clock

    def init_keyboard(self) -> None:
        detector = WedgeDetector(max_gap_ms=WEDGE_GAP_MS, min_length=WEDGE_MIN_LENGTH)
        self._gate: WedgeGate[events.Key] = WedgeGate(detector, WEDGE_GAP_MS / 1000)
        self._gate_timer: Timer | None = None
        self._opening = False
        self._opening_timer: Timer | None = None
        self._deferred: list[tuple[events.Key, float]] = []

    @property
    def holding_keys(self) -> bool:
        """Typed keys are held back for a moment, in case they are a scanner's burst."""
        return self._gate.holding

    def open_screen(self, screen: Screen, *, replace: bool = False) -> None:
        """Show `screen`; keys typed while it is being built wait for it (nothing typed is lost)."""
        self.hold_keys()
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def hold_keys(self) -> None:
        """Keys typed from now on wait for the screen about to open (at most `OPENING_LIMIT_S`)."""
        self._opening = True
        if self._opening_timer is not None:
            self._opening_timer.stop()
        self._opening_timer = self.set_timer(OPENING_LIMIT_S, self.screen_opened)

    async def screen_opened(self) -> None:
        """The new screen has its focus: the keys typed meanwhile go to it, through the wedge gate."""
        if not self._opening:
            return
        self._opening = False
        if self._opening_timer is not None:
            self._opening_timer.stop()
            self._opening_timer = None
        deferred, self._deferred = self._deferred, []
        for event, t in deferred:
            await self._apply(self._decide(event, t) or Decision([event]))

    async def on_event(self, event: events.Event) -> None:
        """Every key passes the wedge gate first, so a scanner burst never lands in an input."""
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        t = self.clock.stamp(event)
        if self._opening:  # kept with the time it was typed, for the screen being built
            self._deferred.append((event, t))
        elif (decision := self._decide(event, t)) is not None:
            await self._apply(decision)
        else:
            await super().on_event(event)

    def _decide(self, event: events.Key, t: float) -> Decision[events.Key] | None:
        """What the wedge gate makes of a key typed at `t`; None: it is none of the gate's business."""
        if event.key in SCAN_ENDS:
            return self._gate.enter(event, t)
        if event.is_printable and event.character and len(event.character) == 1:
            return self._gate.character(event, event.character, t)
        if self._gate.holding:
            return self._gate.other(event)
        return None

    async def _apply(self, decision: Decision[events.Key]) -> None:
        """Let the released keys through now, in order, before any key still queued; post a scan."""
        for key in decision.release:
            await super().on_event(key)
        if decision.scanned:
            read = classify(WEDGE, decision.scanned)
            if self._for_the_field(read):
                keys = decision.held if is_text_area(self.focused) else decision.held[:-1]
                for key in keys:
                    await super().on_event(key)
            else:
                self.post_message(CodeScanned(read, "wedge"))
        self._rearm()

    def _rearm(self) -> None:
        """One gap timer at a time, running while the gate holds keys."""
        if self._gate_timer is not None:
            self._gate_timer.stop()
        self._gate_timer = self.set_timer(self._gate.max_gap_s, self._gap_elapsed) if self._gate.holding else None

    def _for_the_field(self, read: CodeRead) -> bool:
        """A burst into a text field is the field's, unless it is a VIN or, unmistakably, a Car-Pass (its
        URL: a bare 8-16 character ID looks like a part number or an EAN)."""
        field = self.focused
        if not (isinstance(field, Input) or is_text_area(field)) or field.has_class(SCAN_FIELD):
            return False
        return read.kind == "other" or (read.kind == "carpass" and carpass_id_from_url(read.text) is None)

    def _gap_elapsed(self) -> None:
        """Asks the gate behind the keys already queued, which may carry the burst on."""
        self.call_later(self._expire_gap)

    async def _expire_gap(self) -> None:
        decision = self._gate.expire(self.clock.monotonic())
        if decision is None:  # the gate's clock says the burst may still go on
            self._rearm()
        else:
            await self._apply(decision)
