"""Settings: the company as Car-Pass knows it, this terminal, and the services; passwords never shown."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import cast

from pydantic import SecretStr
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from ...config import Settings
from ...domain.findings import Finding
from ...domain.identifiers import enterprise_number_error, establishment_number_error
from ...domain.rules import nace_warning
from ...translations import LANGUAGE_NAMES, N_, _
from ...translations.formats import Formats
from ...translations.render import finding_text, status_text
from ..localize import tr
from ..messages import BackendsChecked, SettingsSaved
from ..widgets.choice_dialog import ChoiceDialog
from .base import WorkshopScreen

CAMERA_TEST_EVERY_S = 1.0
Check = Callable[[str], Finding | None]

# Typed settings: dotted path in Settings, the check that refuses a value (None: any value).
TEXT_FIELDS: tuple[tuple[str, Check | None], ...] = (
    ("company.name", None),
    ("company.enterprise_number", enterprise_number_error),
    ("company.establishment_number", establishment_number_error),
    ("company.nace_code", None),
    ("company.address", None),
    ("company.phone", None),
    ("company.email", None),
    ("terminal_name", None),
    ("camera_source", None),
    ("db_url", None),
    ("registry.url", None),
    ("carpass.url", None),
)
CHECKED = (
    "company.enterprise_number",
    "company.establishment_number",
    "company.nace_code",
)  # with a line for the check
# The label of each typed setting, by its dotted path.
LABELS = {
    "company.name": N_("Company name"),
    "company.enterprise_number": N_("Enterprise number"),
    "company.establishment_number": N_("Establishment unit number"),
    "company.nace_code": N_("NACE-BEL code"),
    "company.address": N_("Address"),
    "company.phone": N_("Phone"),
    "company.email": N_("E-mail"),
    "terminal_name": N_("Terminal name"),
    "camera_source": N_("Camera (number, file or URL)"),
    "db_url": N_("Database URL"),
    "registry.url": N_("Vehicle registry address"),
    "registry.password": N_("Registry password"),
    "carpass.url": N_("Car-Pass address"),
    "carpass.password": N_("Car-Pass password"),
}
PLACEHOLDERS = {
    "db_url": N_("empty: SQLite in the user's data folder"),
    "registry.url": N_("empty: built-in SANDBOX"),
    "carpass.url": N_("empty: built-in SANDBOX"),
}
PASSWORDS = ("registry.password", "carpass.password")
SECTIONS = {
    "company.name": N_("The company, as Car-Pass knows it"),
    "terminal_name": N_("This terminal"),
    "registry.url": N_("Services (empty address: the built-in SANDBOX)"),
}
RESTART_NEEDED = (
    "db_url",
    "camera_source",
    "decoder",
    "registry.url",
    "carpass.url",
    "registry.password",
    "carpass.password",
)


def widget_id(path: str) -> str:
    return "set-" + path.replace(".", "-")


def value_at(settings: Settings, path: str) -> object:
    value: object = settings
    for part in path.split("."):
        value = getattr(value, part)
    return value


def updated(settings: Settings, changes: dict[str, object]) -> Settings:
    """`settings` with the dotted paths changed (one level of nesting, as Settings has)."""
    flat = {path: value for path, value in changes.items() if "." not in path}
    for section in {path.split(".")[0] for path in changes if "." in path}:
        values = {path.split(".")[1]: value for path, value in changes.items() if path.startswith(section + ".")}
        flat[section] = getattr(settings, section).model_copy(update=values)
    return settings.model_copy(update=flat)


class SettingsScreen(WorkshopScreen):
    CSS_PATH = "settings.tcss"
    TITLE_KEY = N_("Settings")
    OPENED_BY = "settings"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # 24 rows: one row a field (settings.tcss)
    BINDINGS = [
        Binding("f10", "save", "Save", id="save_settings"),
        Binding("escape", "close", "Back", id="back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.backends: dict[str, str | None] = {}
        self.saved: bool | None = None  # None: not saved yet; else whether a restart is needed
        self.close_when_saved = False
        self.refused = False

    def compose_body(self) -> ComposeResult:
        settings = self.workshop.settings
        with VerticalScroll(id="settings-form"):
            for path, _ in TEXT_FIELDS:
                if path in SECTIONS:
                    yield tr(Label(classes="section-title"), content=SECTIONS[path])
                with Horizontal(classes="form-row"):
                    yield tr(Label(classes="form-label"), content=LABELS[path])
                    field = Input(str(value_at(settings, path)), id=widget_id(path))
                    yield tr(field, placeholder=PLACEHOLDERS[path]) if path in PLACEHOLDERS else field
                if path in CHECKED:
                    yield Static(id=f"{widget_id(path)}-check", classes="settings-check")
                if path == "db_url":
                    yield from self._selects(settings)
                if path == "camera_source":
                    yield Static(id="camera-test", classes="settings-check")
                if path in ("registry.url", "carpass.url"):
                    password = path.replace("url", "password")
                    with Horizontal(classes="form-row"):
                        yield tr(Label(classes="form-label"), content=LABELS[password])
                        yield Input(password=True, id=widget_id(password))
        yield Static(id="settings-status")

    def _selects(self, settings: Settings) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield tr(Label(classes="form-label"), content=N_("Language"))
            languages = [(name, code) for code, name in LANGUAGE_NAMES.items()]
            yield Select(languages, value=settings.language, allow_blank=False, id=widget_id("language"))
        with Horizontal(classes="form-row"):
            yield tr(Label(classes="form-label"), content=N_("Barcode decoder"))
            yield Select(
                [("zxing", "zxing"), ("pyzbar", "pyzbar")],
                value=settings.decoder,
                allow_blank=False,
                id=widget_id("decoder"),
            )
        yield Static(id=f"{widget_id('decoder')}-check", classes="settings-check")

    def on_mount(self) -> None:
        self.query_one(f"#{widget_id('company.name')}").focus()
        self.watch(self.app, "settings", lambda _settings: self.relabel(self.t), init=False)
        self._check_backends()
        self.set_interval(CAMERA_TEST_EVERY_S, self._show_camera_test)
        self._show_camera_test()

    def _show_camera_test(self) -> None:
        """The live camera test: frames a second the camera delivers, and the share of them decoded."""
        stats = self.workshop.camera_stats()
        if stats is None:
            text = _("Camera test: no camera running.")
        else:
            text = _("Camera test: {fps} frames a second delivered, {share} of them decoded.").format(
                fps=self.t.number(Decimal(f"{stats.delivered_fps:.1f}")),
                share=f"{self.t.number(round(stats.decoded_share * 100))} %",
            )
        self.query_one("#camera-test", Static).update(Content(text))

    def unsaved(self) -> bool:
        """Something typed or chosen differs from the settings in force."""
        settings = self.workshop.settings
        return (
            any(self.typed(path) != str(value_at(settings, path)).strip() for path, _ in TEXT_FIELDS)
            or self.query_one(f"#{widget_id('language')}", Select).value != settings.language
            or self.query_one(f"#{widget_id('decoder')}", Select).value != settings.decoder
            or any(self.query_one(f"#{widget_id(password)}", Input).value for password in PASSWORDS)
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="backends")
    def _check_backends(self) -> None:
        from scanners.decoders import available_backends  # loads the decoding libraries

        self.reply(BackendsChecked(available_backends()))

    def on_backends_checked(self, message: BackendsChecked) -> None:
        self.backends = message.status
        self.relabel(self.t)

    def typed(self, path: str) -> str:
        return self.query_one(f"#{widget_id(path)}", Input).value.strip()

    def problems(self) -> dict[str, Finding]:
        """Typed values that cannot be saved, with the domain's reason."""
        found = {}
        for path, check in TEXT_FIELDS:
            if check is not None and self.typed(path) and (error := check(self.typed(path))):
                found[path] = error
        return found

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self) -> None:
        self.saved = None
        self.relabel(self.t)

    def relabel(self, t: Formats) -> None:
        from scanners.camera import decoder_status  # the decoding libraries load with this screen

        problems = self.problems()
        for path in CHECKED:
            line = self.query_one(f"#{widget_id(path)}-check", Static)
            self.query_one(f"#{widget_id(path)}").set_class(self.refused and path in problems, "-missing")
            if path in problems:
                line.update(Content.styled(f"✖ {finding_text(problems[path])}", "$error"))
            elif path == "company.nace_code" and (warning := nace_warning(self.typed(path) or None)):
                line.update(Content.styled(f"⚠ {finding_text(warning)}", "$warning"))
            elif path != "company.nace_code" and self.typed(path):
                line.update(Content.styled("✔", "$success"))
            else:
                line.update("")
        decoder_line = self.query_one(f"#{widget_id('decoder')}-check", Static)
        decoder_line.update(
            Content("\n").join(
                Content.styled(f"✔ {name}", "$success")
                if note is None
                else Content.styled(
                    "✖ " + _("{label}: {text}").format(label=name, text=status_text(decoder_status(name, note))),
                    "$warning",
                )
                for name, note in self.backends.items()
            )
        )
        for password in PASSWORDS:
            has_one = bool(cast(SecretStr, value_at(self.workshop.settings, password)).get_secret_value())
            self.query_one(f"#{widget_id(password)}", Input).placeholder = (
                _("set (type a new one to replace it)") if has_one else _("none")
            )
        status = self.query_one("#settings-status", Static)
        if self.refused and problems:
            status.update(Content.styled(_("Not saved: correct the fields marked in red."), "$error bold"))
        elif self.saved is not None:
            status.update(
                Content.styled(
                    (
                        _("Saved. Database, services and camera changes apply at the next start.")
                        if self.saved
                        else _("Saved.")
                    ),
                    "$success bold",
                )
            )
        else:
            status.update("")

    def action_save(self) -> None:
        self.refused = bool(self.problems())
        if self.refused:
            self.relabel(self.t)
            return
        current = self.workshop.settings
        changes: dict[str, object] = {path: self.typed(path) for path, _ in TEXT_FIELDS}
        changes["language"] = self.query_one(f"#{widget_id('language')}", Select).value
        changes["decoder"] = self.query_one(f"#{widget_id('decoder')}", Select).value
        for password in PASSWORDS:
            if typed := self.query_one(f"#{widget_id(password)}", Input).value:
                changes[password] = SecretStr(typed)  # empty: the password stays as it was
        new = updated(current, changes)
        restart = any(value_at(new, path) != value_at(current, path) for path in RESTART_NEEDED)
        self._save(new, restart)

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings-save")
    def _save(self, settings: Settings, restart: bool) -> None:
        settings.save()
        self.services.submissions.settings_changed()  # readings that waited for the settings go out again
        self.reply(SettingsSaved(settings, restart))

    def on_settings_saved(self, message: SettingsSaved) -> None:
        """Saved: the message goes on up to the app, which takes the new settings."""
        with self.prevent(Input.Changed):
            for password in PASSWORDS:
                self.query_one(f"#{widget_id(password)}", Input).clear()
        self.saved = message.restart
        self.relabel(self.t)
        if self.close_when_saved:
            self.dismiss()

    def action_close(self) -> None:
        """Back; with unsaved edits, ask first: save, discard or stay."""
        if not self.unsaved():
            self.dismiss()
            return
        question = _("The settings have unsaved changes.")
        choices = [("save", _("Save")), ("discard", _("Discard")), ("stay", _("Stay"))]
        self.app.push_screen(ChoiceDialog(question, choices), self._leave_chosen)

    def _leave_chosen(self, choice: str | None) -> None:
        if choice == "save":
            self.close_when_saved = True
            self.action_save()
            self.close_when_saved = not self.refused  # refused: the fields marked in red stay shown
        elif choice == "discard":
            self.dismiss()
