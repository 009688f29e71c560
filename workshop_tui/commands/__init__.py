"""The CLI subcommands that need the composition root, one module each, imported only when run.

Every failure a user can fix ends the same way: one line on stderr and exit status 2, in the
active language (`cli.main` activates it); the settings' and the services' own lines stay English.
"""

from __future__ import annotations

import decimal
import unicodedata

from ..translations import _

EXIT_BAD_INPUT, EXIT_SOFTWARE = 2, 70


class UsageError(Exception):
    """A bad argument, input or setting, said in one line."""


def explain(error: Exception) -> tuple[str, int]:
    """The one line and exit status for an error that reached the command line."""
    if isinstance(error, UsageError):
        return str(error), EXIT_BAD_INPUT
    if isinstance(error, UnicodeDecodeError):
        return _("the input is not UTF-8 text"), EXIT_BAD_INPUT
    if isinstance(error, UnicodeError):  # cli.NotUtf8 says which input
        return str(error), EXIT_BAD_INPUT
    if isinstance(error, RecursionError):
        return _("input is nested too deeply"), EXIT_BAD_INPUT
    if isinstance(error, (decimal.InvalidOperation, OverflowError)):
        return _("a number in the input is out of range"), EXIT_BAD_INPUT
    from ..config import SettingsError
    from ..services.http import ConfigurationError
    from ..storage.errors import StorageError

    if isinstance(error, (SettingsError, StorageError, ConfigurationError)):  # what to fix is in the message
        return str(error).splitlines()[0] if str(error) else type(error).__name__, EXIT_BAD_INPUT
    if isinstance(error, OSError):  # a file, folder, port or host the user named
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}", EXIT_BAD_INPUT
    first = str(error).splitlines()[0] if str(error) else ""
    return _("internal error ({error}); please report it").format(
        error=f"{type(error).__name__}: {first}"
    ), EXIT_SOFTWARE


def printable(text: str) -> str:
    """`text` on one line: line breaks and other control characters shown escaped (spaces such
    as the narrow no-break space of French numbers stay)."""
    return "".join(ch if ch.isprintable() or unicodedata.category(ch) == "Zs" else repr(ch)[1:-1] for ch in text)
