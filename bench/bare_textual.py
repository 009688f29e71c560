"""The yardstick of `bench/startup.py`: a bare Textual app, a header, an input and a footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input


class BareApp(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="VIN")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
