"""Documents a garage hands over (receipt, correction form, history report, sale contract, checklist)
and the CSV export: rendering only, from the models in `models`, in the customer's language."""

from .csv_export import export_csv
from .formats import Formats, Translations
from .render import render_html, render_pdf

__all__ = ["Formats", "Translations", "export_csv", "render_html", "render_pdf"]
