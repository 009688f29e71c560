"""The sale contract (Royal Decree of 5 April 2019 art. 3 headings) and the used-vehicle checklist."""

from __future__ import annotations

from datetime import date

from workshop_tui.documents import models as m
from workshop_tui.documents.render import render_pdf
from workshop_tui.translations.formats import formats as app_formats

from .conftest import checklist, contract, pdf_pages, render, speaking

HEADINGS = {
    "en": [
        "The seller",
        "The buyer",
        "The vehicle",
        "Essential specific characteristics",
        "Trade-in vehicle",
        "Delivery",
        "Price",
        "Legal warranty",
        "Commercial warranty",
        "Car-Pass",
        "Documents handed over",
        "Signatures",
    ],
    "fr": [
        "Le vendeur",
        "L'acheteur",
        "Le véhicule",
        "Caractéristiques spécifiques essentielles",
        "Véhicule repris",
        "Livraison",
        "Prix",
        "Garantie légale",
        "Garantie commerciale",
        "Car-Pass",
        "Documents remis",
        "Signatures",
    ],
    "nl": [
        "De verkoper",
        "De koper",
        "Het voertuig",
        "Essentiële specifieke kenmerken",
        "Ingeruild voertuig",
        "Levering",
        "Prijs",
        "Wettelijke garantie",
        "Commerciële garantie",
        "Car-Pass",
        "Overhandigde documenten",
        "Handtekeningen",
    ],
}
WITHDRAWAL = {"en": "Right of withdrawal", "fr": "Droit de rétractation", "nl": "Herroepingsrecht"}
PLACEHOLDER = {
    "en": "Legal wording to be supplied by the seller",
    "fr": "Texte légal à fournir par le vendeur",
    "nl": "Wettelijke tekst aan te leveren door de verkoper",
}


def test_the_contract_has_every_heading_of_the_decree_in_order(language):
    html, pdf = render(contract(), language)
    h2 = [chunk for chunk in html.source.split("<h2>")[1:]]
    titles = [chunk.split("</h2>")[0] for chunk in h2]
    copy = len(titles) // 2
    assert titles[:copy] == titles[copy:]  # two identical copies
    assert [t.replace("&#39;", "'") for t in titles[:copy]] == HEADINGS[language]
    for text in HEADINGS[language]:
        assert text in pdf


def test_the_contract_names_the_vehicle_the_trade_in_the_price_and_the_carpass(language):
    formats = app_formats(language)
    html, pdf = render(contract(), language)
    for text in (
        "LA7W",
        "1.6 TDI 77 kW",
        "Tow bar rated for 1,500 kg",
        "VF1RJA00012345678",
        "Within 10 working days",
        formats.amount(contract().total_price_incl_vat),
        "CP-2026-000123",
        formats.date(date(2026, 11, 2)),
        formats.date(date(2019, 3, 15)),
        "Engine and gearbox",
        "Registration certificate",
    ):
        assert text in html.text, text
        assert text.replace("\xa0", " ") in pdf, text


def test_a_reduced_legal_warranty_is_written_and_a_full_one_is_not(language):
    reduced = {
        "en": "Reduced by agreement between the parties from 24 to 12 months.",
        "fr": "Réduite de commun accord entre les parties de 24 à 12 mois.",
        "nl": "In onderling akkoord tussen de partijen verminderd van 24 tot 12 maanden.",
    }[language]
    html, _ = render(contract(legal_warranty_months=12), language)
    assert reduced in html.text
    html, _ = render(contract(legal_warranty_months=24), language)
    period = {
        "en": "Legal warranty period: 24 months.",
        "fr": "Durée de la garantie légale\xa0: 24 mois.",
        "nl": "Duur van de wettelijke garantie: 24 maanden.",
    }[language]
    assert period in html.text and reduced.split(" 24 ")[0] not in html.text


def test_legal_wording_is_never_invented_a_marked_placeholder_stands_in(language):
    html, pdf = render(contract(off_premises_or_distance=True), language)
    assert WITHDRAWAL[language] in html.text
    assert html.text.count(PLACEHOLDER[language]) == 4  # legal warranty and withdrawal, in each copy
    assert PLACEHOLDER[language] in pdf
    supplied = m.LegalTexts(
        legal_warranty="WARRANTY TEXT FROM COUNSEL", withdrawal_right="WITHDRAWAL TEXT FROM COUNSEL"
    )
    html, _ = render(contract(off_premises_or_distance=True, legal_texts=supplied), language)
    assert PLACEHOLDER[language] not in html.text
    assert html.text.count("WITHDRAWAL TEXT FROM COUNSEL") == 2


def test_the_withdrawal_block_only_for_off_premises_or_distance_sales(language):
    html, _ = render(contract(off_premises_or_distance=False), language)
    assert WITHDRAWAL[language] not in html.text


def test_no_carpass_is_said_plainly():
    html, _ = render(contract(carpass=None), "en")
    assert "No Car-Pass handed over." in html.text


def test_each_copy_starts_on_its_own_page_with_both_signature_lines(language):
    pages = pdf_pages(render_pdf(contract(), **speaking(language)))
    buyer_copy = {"en": "Copy for the buyer", "fr": "Exemplaire de l'acheteur", "nl": "Exemplaar voor de koper"}[
        language
    ]
    seller_copy = {"en": "Copy for the seller", "fr": "Exemplaire du vendeur", "nl": "Exemplaar voor de verkoper"}[
        language
    ]
    starts = [i for i, page in enumerate(pages) if page.startswith((buyer_copy, seller_copy))]
    assert len(starts) == 2 and starts[0] == 0
    signature = {"en": "Date and signature", "fr": "Date et signature", "nl": "Datum en handtekening"}[language]
    for first, last in ((0, starts[1]), (starts[1], len(pages))):
        assert " ".join(pages[first:last]).count(signature) == 2  # seller and buyer


def test_the_checklist_says_where_its_points_come_from_and_ticks_three_states(language):
    html, pdf = render(checklist(), language)
    provisional = {
        "en": "Provisional list: this is not the official annex",
        "fr": "Liste provisoire\xa0: ce n'est pas l'annexe officielle",
        "nl": "Voorlopige lijst: dit is niet de officiële bijlage",
    }[language]
    assert "Provisional list v0 from the dealer tool (seed 001)" in html.text and provisional in html.text
    source = {
        "en": "Source of the list of points:",
        "fr": "Origine de la liste des points\xa0:",
        "nl": "Herkomst van de lijst met punten:",
    }[language]
    assert source in html.text
    assert provisional.replace("\xa0", " ") in pdf.replace("\xa0", " ")
    states = {
        "en": ["OK", "Signs of wear", "To be repaired"],
        "fr": ["OK", "Traces d'usure", "À réparer"],
        "nl": ["OK", "Gebruikssporen", "Te herstellen"],
    }[language]
    for text in ["Brakes", "Body", "About 60 % left", "Crack", *states]:
        assert text in html.text, text
    rows = next(row for row in html.source.split("<tr>") if "Front brake discs" in row)
    assert rows.count("☒") == 1 and rows.index("☒") > rows.index("☐")  # signs of wear, the second box
    signature = {"en": "Date and signature", "fr": "Date et signature", "nl": "Datum en handtekening"}[language]
    assert html.text.count(signature) == 4  # both parties, two copies


def test_an_official_list_is_not_called_provisional():
    html, _ = render(checklist(official=True, source="Annex to the Royal Decree of 5 April 2019"), "en")
    assert "Provisional list" not in html.text and "Annex to the Royal Decree" in html.text
