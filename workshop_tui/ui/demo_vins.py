"""VINs the sandbox knows, one of each case worth showing, offered on the scan screen in sandbox mode.

Kept here rather than read from the sandbox (the UI never imports it); tests/ui/test_demo_vins.py
checks that the sandbox's seed holds each VIN with the property it is offered for.
"""

from __future__ import annotations

from ..translations import N_

DEMO_VINS: tuple[tuple[str, str], ...] = (
    ("WVWZZZCDZMW517853", N_("clean car: accepted at once")),
    ("VF1RFB006H5371534", N_("registry gap: a field to type")),
    ("VF3LBHNZ2FS178721", N_("rollback in the history")),
    ("WDB906633KS835351", N_("truck over 3.5 t: no report")),
    ("W0LPF7E1494100095", N_("destroyed vehicle: Car-Pass rejects")),
)
