"""Every user-facing string in French, Dutch and English; the language switches at run time.

`MESSAGES` maps a key to its three translations, so a missing translation shows in review and
in the completeness test. Parameters use `str.format` names. Numbers, amounts and dates are
formatted the way each language writes them in Belgium.
"""

from __future__ import annotations

import locale
from datetime import date, datetime
from decimal import Decimal

LANGUAGES = ("fr", "nl", "en")
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}
_GROUPING = {"fr": "\u202f", "nl": ".", "en": ","}
_DECIMAL = {"fr": ",", "nl": ",", "en": "."}


def default_language(configured: str | None = None) -> str:
    """The configured language if we have it, else the system locale's, else English."""
    for candidate in (configured, (locale.getlocale()[0] or "")[:2]):
        if candidate and candidate.lower() in LANGUAGES:
            return candidate.lower()
    return "en"


class Translator:
    """Looks keys up in the current language; `language` can change at any time."""

    def __init__(self, language: str = "en"):
        self.language = default_language(language)

    def __call__(self, key: str, /, **params: object) -> str:
        entry = MESSAGES.get(key)
        if entry is None:
            return key  # a missing key shows itself rather than crashing the terminal
        return entry[self.language].format(**params)

    @staticmethod
    def has(key: str) -> bool:
        return key in MESSAGES

    def number(self, value: int) -> str:
        """72000 -> '72 000' (fr), '72.000' (nl), '72,000' (en)."""
        return f"{value:,}".replace(",", _GROUPING[self.language])

    def km(self, value: int) -> str:
        return f"{self.number(value)} km"

    def amount(self, value: Decimal) -> str:
        """Decimal('1234.5') -> '1 234,50 €' (fr), '€ 1.234,50' (nl), '€1,234.50' (en)."""
        whole, cents = f"{value.quantize(Decimal('0.01')):.2f}".split(".")
        text = f"{self.number(int(whole))}{_DECIMAL[self.language]}{cents}"
        return {"fr": f"{text} €", "nl": f"€ {text}", "en": f"€{text}"}[self.language]

    def date(self, value: date) -> str:
        """Day first in French and Dutch (23/11/2026, 23-11-2026), ISO in English."""
        if isinstance(value, datetime):
            value = value.date()
        return {"fr": value.strftime("%d/%m/%Y"), "nl": value.strftime("%d-%m-%Y")}.get(
            self.language, value.isoformat()
        )

    def datetime(self, value: datetime) -> str:
        return f"{self.date(value)} {value.astimezone().strftime('%H:%M')}"

    def join(self, items: list[str], word: str = "word.and") -> str:
        """'a, b and c' (or with `word` = "word.or": 'a, b or c') in the current language."""
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self(word)} {items[-1]}"


def _m(en: str, fr: str, nl: str) -> dict[str, str]:
    return {"en": en, "fr": fr, "nl": nl}


MESSAGES: dict[str, dict[str, str]] = {
    # -- application, words, errors --
    "app.title": _m("Workshop", "Atelier", "Werkplaats"),
    "word.and": _m("and", "et", "en"),
    "word.or": _m("or", "ou", "of"),
    "error.services": _m(
        "The services report a problem: {error}. What you typed is kept; try again.",
        "Les services signalent un problème : {error}. Ce que vous avez tapé est conservé ; réessayez.",
        "De diensten melden een probleem: {error}. Wat u typte blijft bewaard; probeer opnieuw.",
    ),
    "error.services_start": _m(
        "The services could not start: {error}. Nothing can be saved or sent: check the database in the settings (Ctrl+G) and restart.",
        "Les services n'ont pas pu démarrer : {error}. Rien ne peut être enregistré ni envoyé : vérifiez la base de données dans les réglages (Ctrl+G) et redémarrez.",
        "De diensten konden niet starten: {error}. Niets kan bewaard of verzonden worden: controleer de database in de instellingen (Ctrl+G) en herstart.",
    ),
    "scan.carpass_unknown": _m(
        "Car-Pass knows no certificate {value}: scan the VIN instead.",
        "Car-Pass ne connaît pas de certificat {value} : scannez plutôt le VIN.",
        "Car-Pass kent geen attest {value}: scan het VIN.",
    ),
    "command.language": _m("Language: {language}", "Langue : {language}", "Taal: {language}"),
    # -- key bindings (footer and command palette) --
    "binding.new_vehicle": _m("New vehicle", "Nouveau véhicule", "Nieuw voertuig"),
    "binding.language": _m("Language", "Langue", "Taal"),
    "binding.palette": _m("Commands", "Commandes", "Opdrachten"),
    "binding.quit": _m("Quit", "Quitter", "Afsluiten"),
    "binding.open_vehicle": _m("Open vehicle", "Ouvrir le véhicule", "Voertuig openen"),
    "binding.open_job": _m("Job", "Travail", "Opdracht"),
    "binding.back": _m("Back", "Retour", "Terug"),
    "binding.submit": _m("Submit", "Envoyer", "Verzenden"),
    "binding.customer": _m("Customer", "Client", "Klant"),
    "binding.back_to_vehicle": _m("Vehicle", "Véhicule", "Voertuig"),
    "binding.close_customer": _m("Close", "Fermer", "Sluiten"),
    "binding.correct": _m("Correct", "Corriger", "Verbeteren"),
    "binding.correction_form": _m("Correction form", "Formulaire de correction", "Correctieformulier"),
    "binding.retry": _m("Retry now", "Réessayer", "Nu opnieuw"),
    "binding.receipt": _m("Receipt", "Reçu", "Ontvangstbewijs"),
    "binding.next_vehicle": _m("Next vehicle", "Véhicule suivant", "Volgend voertuig"),
    "binding.next_step": _m("Next", "Suivant", "Volgende"),
    "binding.outbox": _m("Outbox", "Envois", "Verzendingen"),
    "binding.history": _m("History", "Historique", "Historiek"),
    "binding.settings": _m("Settings", "Réglages", "Instellingen"),
    "binding.inspect": _m("Details", "Détails", "Details"),
    "binding.export": _m("Export CSV", "Exporter CSV", "CSV exporteren"),
    "binding.save_settings": _m("Save", "Enregistrer", "Bewaren"),
    # -- outbox --
    "outbox.title": _m("Outbox", "Envois", "Verzendingen"),
    "outbox.id": _m("#", "n°", "nr."),
    "outbox.vin": _m("VIN", "VIN", "VIN"),
    "outbox.state": _m("State", "État", "Toestand"),
    "outbox.attempts": _m("Tries", "Essais", "Pogingen"),
    "outbox.next": _m("Next try", "Prochain", "Volgende"),
    "outbox.error": _m("Last error", "Dernière erreur", "Laatste fout"),
    "outbox.loading": _m("Loading the outbox…", "Chargement des envois…", "Verzendingen laden…"),
    "outbox.summary": _m(
        "{done} of {total} answered by Car-Pass",
        "{done} sur {total} traités par Car-Pass",
        "{done} van {total} beantwoord door Car-Pass",
    ),
    "outbox.state.pending": _m("waiting to be sent", "en attente d'envoi", "wacht op verzending"),
    "outbox.state.sent": _m("sent, no answer yet", "envoyé, pas encore de réponse", "verzonden, nog geen antwoord"),
    "outbox.state.acknowledged": _m("acknowledged", "accepté", "aanvaard"),
    "outbox.state.rejected": _m("rejected", "refusé", "geweigerd"),
    "outbox.state.paper_required": _m("signed form needed", "formulaire signé requis", "ondertekend formulier nodig"),
    "outbox.state.needs_fixing": _m("needs fixing", "à corriger", "te verbeteren"),
    "outbox.state.needs_settings": _m("check the settings", "vérifier les paramètres", "instellingen nakijken"),
    "outbox.state.cancelled": _m("cancelled", "annulé", "geannuleerd"),
    # -- history --
    "history.title": _m("History", "Historique", "Historiek"),
    "history.query": _m("VIN or customer", "VIN ou client", "VIN of klant"),
    "history.since": _m("from", "du", "van"),
    "history.until": _m("to", "au", "tot"),
    "history.customer": _m("Customer", "Client", "Klant"),
    "history.reported": _m("Reported", "Déclaré", "Gemeld"),
    "history.yes": _m("yes", "oui", "ja"),
    "history.no": _m("no", "non", "nee"),
    "history.loading": _m("Searching…", "Recherche…", "Zoeken…"),
    "history.count": _m("{count} job(s).", "{count} travail(aux).", "{count} opdracht(en)."),
    "history.exported": _m("Exported: {path}", "Exporté : {path}", "Geëxporteerd: {path}"),
    # -- settings --
    "settings.title": _m("Settings", "Réglages", "Instellingen"),
    "settings.section.company": _m(
        "The company, as Car-Pass knows it",
        "L'entreprise, telle que Car-Pass la connaît",
        "Het bedrijf, zoals Car-Pass het kent",
    ),
    "settings.section.terminal": _m("This terminal", "Ce terminal", "Deze terminal"),
    "settings.section.services": _m(
        "Services (empty address: the built-in SANDBOX)",
        "Services (adresse vide : SANDBOX intégrée)",
        "Diensten (leeg adres: ingebouwde SANDBOX)",
    ),
    "settings.company.name": _m("Company name", "Nom de l'entreprise", "Bedrijfsnaam"),
    "settings.company.enterprise_number": _m("Enterprise number", "Numéro d'entreprise", "Ondernemingsnummer"),
    "settings.company.establishment_number": _m(
        "Establishment unit number",
        "Numéro d'unité d'établissement",
        "Vestigingseenheidsnummer",
    ),
    "settings.company.nace_code": _m("NACE-BEL code", "Code NACE-BEL", "NACE-BEL-code"),
    "settings.terminal_name": _m("Terminal name", "Nom du terminal", "Naam van de terminal"),
    "settings.language": _m("Language", "Langue", "Taal"),
    "settings.camera_source": _m(
        "Camera (number, file or URL)", "Caméra (numéro, fichier ou URL)", "Camera (nummer, bestand of URL)"
    ),
    "settings.decoder": _m("Barcode decoder", "Décodeur de codes-barres", "Streepjescodedecoder"),
    "settings.db_url": _m("Database URL", "URL de la base de données", "URL van de databank"),
    "settings.registry.url": _m("Vehicle registry address", "Adresse du répertoire", "Adres van het register"),
    "settings.registry.password": _m("Registry password", "Mot de passe du répertoire", "Wachtwoord van het register"),
    "settings.carpass.url": _m("Car-Pass address", "Adresse Car-Pass", "Car-Pass-adres"),
    "settings.carpass.password": _m("Car-Pass password", "Mot de passe Car-Pass", "Car-Pass-wachtwoord"),
    "settings.password.kept": _m(
        "set (type a new one to replace it)",
        "défini (tapez-en un nouveau pour le remplacer)",
        "ingesteld (typ een nieuw om het te vervangen)",
    ),
    "settings.password.none": _m("none", "aucun", "geen"),
    "settings.db_url.empty": _m(
        "empty: SQLite in the user's data folder",
        "vide : SQLite dans le dossier de données de l'utilisateur",
        "leeg: SQLite in de gegevensmap van de gebruiker",
    ),
    "settings.url.empty": _m("empty: built-in SANDBOX", "vide : SANDBOX intégrée", "leeg: ingebouwde SANDBOX"),
    "settings.refused": _m(
        "Not saved: correct the fields marked in red.",
        "Pas enregistré : corrigez les champs marqués en rouge.",
        "Niet bewaard: verbeter de rood gemarkeerde velden.",
    ),
    "settings.saved": _m("Saved.", "Enregistré.", "Bewaard."),
    "settings.saved.restart": _m(
        "Saved. Database, services and camera changes apply at the next start.",
        "Enregistré. Les changements de base de données, services et caméra s'appliquent au prochain démarrage.",
        "Bewaard. Wijzigingen aan databank, diensten en camera gelden bij de volgende start.",
    ),
    "camera.pyzbar_missing": _m(
        "install the system library libzbar0 (apt-get install libzbar0) to use pyzbar",
        "installez la bibliothèque système libzbar0 (apt-get install libzbar0) pour utiliser pyzbar",
        "installeer de systeembibliotheek libzbar0 (apt-get install libzbar0) om pyzbar te gebruiken",
    ),
    # -- scan --
    "scan.title": _m("Scan", "Scanner", "Scannen"),
    "scan.camera": _m("Camera", "Caméra", "Camera"),
    "scan.last": _m("Last code read", "Dernier code lu", "Laatst gelezen code"),
    "scan.last.none": _m("Nothing read yet.", "Rien lu pour l'instant.", "Nog niets gelezen."),
    "scan.manual": _m("VIN typed by hand", "VIN tapé à la main", "VIN met de hand getypt"),
    "scan.vin.placeholder": _m("VIN, 17 characters", "VIN, 17 caractères", "VIN, 17 tekens"),
    "scan.vin.hint": _m(
        "Scan the VIN (windscreen, door pillar, registration certificate) or type it and press Enter.",
        "Scannez le VIN (pare-brise, montant de porte, certificat d'immatriculation) ou tapez-le puis Entrée.",
        "Scan het VIN (voorruit, deurstijl, inschrijvingsbewijs) of typ het en druk op Enter.",
    ),
    "scan.help": _m(
        "The scanner works on every screen: scanning a VIN always opens that vehicle.",
        "Le scanner fonctionne sur chaque écran : scanner un VIN ouvre toujours ce véhicule.",
        "De scanner werkt op elk scherm: een VIN scannen opent altijd dat voertuig.",
    ),
    "scan.already_open": _m("{vin} is already open.", "{vin} est déjà ouvert.", "{vin} is al open."),
    "scan.read.vin": _m(
        "{value} is not a valid VIN.", "{value} n'est pas un VIN valable.", "{value} is geen geldig VIN."
    ),
    "scan.read.carpass": _m(
        "Car-Pass {value} read: fetching its vehicle…",
        "Car-Pass {value} lu : recherche de son véhicule…",
        "Car-Pass {value} gelezen: voertuig wordt opgehaald…",
    ),
    "carpass.read": _m("Car-Pass {id}:", "Car-Pass {id} :", "Car-Pass {id}:"),
    "carpass.inspection_pending": _m(
        "post-accident inspection pending",
        "contrôle après accident en attente",
        "keuring na ongeval nog uit te voeren",
    ),
    "carpass.recall": _m(
        "open recall {reference}:", "rappel ouvert {reference} :", "openstaande terugroeping {reference}:"
    ),
    "carpass.nothing_open": _m(
        "no open recall, no pending inspection.",
        "aucun rappel ouvert, aucun contrôle en attente.",
        "geen openstaande terugroeping of keuring.",
    ),
    "reading.source.dealer": _m("dealer", "concessionnaire", "dealer"),
    "scan.read.other": _m(
        "Code read, but it is not a VIN: {value}",
        "Code lu, mais ce n'est pas un VIN : {value}",
        "Code gelezen, maar het is geen VIN: {value}",
    ),
    "camera.none": _m(
        "No camera configured: use the hand scanner or type the VIN.",
        "Aucune caméra configurée : utilisez le scanner à main ou tapez le VIN.",
        "Geen camera ingesteld: gebruik de handscanner of typ het VIN.",
    ),
    "camera.scanning": _m(
        "● Reading codes from {source} ({size}).",
        "● Lecture des codes : {source} ({size}).",
        "● Codes lezen van {source} ({size}).",
    ),
    "camera.ended": _m("End of {source}.", "Fin de {source}.", "Einde van {source}."),
    "camera.nothing_found": _m(
        "No barcode or QR code found in {source}.",
        "Aucun code-barres ni QR code trouvé dans {source}.",
        "Geen streepjescode of QR-code gevonden in {source}.",
    ),
    "camera.move_closer": _m(
        "A code is in view but cannot be read: move the camera closer and hold it steady.",
        "Un code est visible mais illisible : approchez la caméra et tenez-la immobile.",
        "Er is een code in beeld maar onleesbaar: breng de camera dichterbij en houd ze stil.",
    ),
    "camera.decoder_missing": _m(
        "The {decoder} decoder is not available ({error}); zxing is used.",
        "Le décodeur {decoder} n'est pas disponible ({error}) ; zxing est utilisé.",
        "De decoder {decoder} is niet beschikbaar ({error}); zxing wordt gebruikt.",
    ),
    "camera.kind.camera": _m("camera {target}", "caméra {target}", "camera {target}"),
    "camera.kind.camera_stream": _m("camera stream {target}", "flux caméra {target}", "camerastroom {target}"),
    "camera.kind.video": _m("video {target}", "vidéo {target}", "video {target}"),
    "camera.kind.image": _m("image {target}", "image {target}", "afbeelding {target}"),
    "camera.error.bad_url": _m(
        "Not a camera address: {target} (rtsp://, http:// or https:// and a host expected).",
        "Ce n'est pas une adresse de caméra : {target} (rtsp://, http:// ou https:// et un hôte attendus).",
        "Geen camera-adres: {target} (rtsp://, http:// of https:// en een host verwacht).",
    ),
    "camera.error.file_missing": _m(
        "File not found: {target}.", "Fichier introuvable : {target}.", "Bestand niet gevonden: {target}."
    ),
    "camera.error.file_unreadable": _m(
        "Cannot read {target}: not an image or video this terminal can decode.",
        "Impossible de lire {target} : image ou vidéo illisible pour ce terminal.",
        "Kan {target} niet lezen: geen beeld of video die deze terminal kan decoderen.",
    ),
    "camera.error.stream_lost": _m(
        "The camera stream {target} stopped: check the network and the camera app, then retry (F5).",
        "Le flux caméra {target} s'est arrêté : vérifiez le réseau et l'application caméra, puis réessayez (F5).",
        "De camerastroom {target} is gestopt: controleer het netwerk en de camera-app en probeer opnieuw (F5).",
    ),
    "camera.error.camera_lost": _m(
        "Camera {target} stopped sending images (unplugged?): reconnect it and retry (F5).",
        "La caméra {target} n'envoie plus d'images (débranchée ?) : rebranchez-la et réessayez (F5).",
        "Camera {target} stuurt geen beelden meer (losgekoppeld?): sluit ze opnieuw aan en probeer opnieuw (F5).",
    ),
    "camera.error.url_unreachable": _m(
        "Cannot open the camera stream {target}: check the address and that the camera app is running.",
        "Impossible d'ouvrir le flux caméra {target} : vérifiez l'adresse et que l'application caméra tourne.",
        "Kan de camerastroom {target} niet openen: controleer het adres en of de camera-app draait.",
    ),
    "camera.error.no_camera": _m(
        "No camera found at {target}: plug one in or choose another source in the settings.",
        "Aucune caméra trouvée à {target} : branchez-en une ou choisissez une autre source dans les réglages.",
        "Geen camera gevonden op {target}: sluit er een aan of kies een andere bron in de instellingen.",
    ),
    "camera.error.permission": _m(
        "Camera {target} cannot be opened: no permission on {node} (add the user to the 'video' group).",
        "La caméra {target} ne peut pas être ouverte : pas de droits sur {node} (ajoutez l'utilisateur au groupe 'video').",
        "Camera {target} kan niet geopend worden: geen rechten op {node} (voeg de gebruiker toe aan de groep 'video').",
    ),
    "camera.error.busy": _m(
        "Camera {target} is busy: close other camera programs and retry (F5).",
        "La caméra {target} est occupée : fermez les autres programmes caméra et réessayez (F5).",
        "Camera {target} is bezet: sluit andere cameraprogramma's en probeer opnieuw (F5).",
    ),
    "lookup.unknown.type": _m(
        "The vehicle registry does not know this VIN: type the vehicle fields.",
        "Le répertoire des véhicules ne connaît pas ce VIN : tapez les champs du véhicule.",
        "Het voertuigregister kent dit VIN niet: typ de voertuiggegevens.",
    ),
    "lookup.unknown.cached": _m(
        "The vehicle registry does not know this VIN: saved copy of {when} shown.",
        "Le répertoire des véhicules ne connaît pas ce VIN : copie du {when} affichée.",
        "Het voertuigregister kent dit VIN niet: bewaarde kopie van {when} getoond.",
    ),
    "lookup.down.type": _m(
        "Vehicle registry unreachable ({error}): type the vehicle fields.",
        "Répertoire des véhicules injoignable ({error}) : tapez les champs du véhicule.",
        "Voertuigregister onbereikbaar ({error}): typ de voertuiggegevens.",
    ),
    "lookup.down.cached": _m(
        "Vehicle registry unreachable ({error}): saved copy of {when} shown.",
        "Répertoire des véhicules injoignable ({error}) : copie du {when} affichée.",
        "Voertuigregister onbereikbaar ({error}): bewaarde kopie van {when} getoond.",
    ),
    "binding.camera": _m("Restart camera", "Relancer la caméra", "Camera herstarten"),
    "code.kind.vin": _m("VIN", "VIN", "VIN"),
    "code.kind.carpass": _m("Car-Pass", "Car-Pass", "Car-Pass"),
    "code.kind.other": _m("other code", "autre code", "andere code"),
    "code.via.wedge": _m("hand scanner", "scanner à main", "handscanner"),
    "code.via.camera": _m("camera", "caméra", "camera"),
    # -- VIN --
    "vin.valid": _m("Valid VIN", "VIN valable", "Geldig VIN"),
    "vin.count": _m("{count} characters", "{count} caractères", "{count} tekens"),
    "vin.model_years": _m("model year {years}", "année modèle {years}", "modeljaar {years}"),
    "vin.unknown_maker": _m("manufacturer not known", "constructeur inconnu", "constructeur onbekend"),
    "vin.error.length": _m(
        "The VIN has {count} characters, {expected} expected.",
        "Le VIN a {count} caractères, il en faut {expected}.",
        "Het VIN heeft {count} tekens, er zijn er {expected} nodig.",
    ),
    "vin.error.letter": _m(
        "The letter {char} is not allowed in a VIN (position {position}).",
        "La lettre {char} n'est pas permise dans un VIN (position {position}).",
        "De letter {char} is niet toegelaten in een VIN (positie {position}).",
    ),
    "vin.error.character": _m(
        "The character {char} is not allowed in a VIN (position {position}).",
        "Le caractère {char} n'est pas permis dans un VIN (position {position}).",
        "Het teken {char} is niet toegelaten in een VIN (positie {position}).",
    ),
    "vin.error.check_digit": _m(
        "Check digit (position 9) is {found}, {expected} expected: a character is mistyped.",
        "Le chiffre de contrôle (position 9) est {found}, {expected} attendu : un caractère est mal tapé.",
        "Het controlecijfer (positie 9) is {found}, {expected} verwacht: een teken is fout getypt.",
    ),
    # -- vehicle --
    "vehicle.title": _m("Vehicle", "Véhicule", "Voertuig"),
    "vehicle.record": _m("Registration certificate", "Certificat d'immatriculation", "Inschrijvingsbewijs"),
    "vehicle.history": _m("Odometer history", "Historique du compteur", "Kilometerhistoriek"),
    "vehicle.open_job": _m("Job  (Enter)", "Travail  (Entrée)", "Opdracht  (Enter)"),
    "vehicle.looking_up": _m("Looking the vehicle up…", "Recherche du véhicule…", "Voertuig opzoeken…"),
    "vehicle.field.missing_placeholder": _m("type it", "à taper", "typ het"),
    "lookup.origin.registry": _m(
        "From the vehicle registry", "Du répertoire des véhicules", "Uit het voertuigregister"
    ),
    "lookup.origin.cache": _m("Saved copy shown", "Copie enregistrée affichée", "Bewaarde kopie getoond"),
    "lookup.origin.none": _m(
        "Not in the registry: type the fields",
        "Absent du répertoire : tapez les champs",
        "Niet in het register: typ de velden",
    ),
    "source.registry": _m("registry", "répertoire", "register"),
    "source.cache": _m("copy", "copie", "kopie"),
    "source.typed": _m("typed", "tapé", "getypt"),
    "source.sandbox": _m("SANDBOX", "SANDBOX", "SANDBOX"),
    "source.missing": _m("missing", "manquant", "ontbreekt"),
    "field.vehicle.make": _m("Make", "Marque", "Merk"),
    "field.vehicle.first_registration": _m("First registration", "Première immatriculation", "Eerste inschrijving"),
    "field.vehicle.version": _m("Version", "Version", "Uitvoering"),
    "field.vehicle.type_code": _m("Type", "Type", "Type"),
    "field.vehicle.commercial_name": _m("Commercial name", "Dénomination commerciale", "Handelsbenaming"),
    "field.vehicle.genre": _m("Genre", "Genre", "Aard"),
    "field.vehicle.category": _m("Category", "Catégorie", "Categorie"),
    "field.vehicle.max_mass_kg": _m("Maximum mass", "Masse maximale", "Maximale massa"),
    "field.vehicle.fuel": _m("Fuel", "Carburant", "Brandstof"),
    "field.vehicle.colour": _m("Colour", "Couleur", "Kleur"),
    "field.vehicle.model_year": _m("Model year", "Année modèle", "Modeljaar"),
    # -- mileage history --
    "mileage.date": _m("Date", "Date", "Datum"),
    "mileage.km": _m("Odometer", "Compteur", "Teller"),
    "mileage.source": _m("Source", "Source", "Bron"),
    "mileage.note": _m("Note", "Remarque", "Opmerking"),
    "mileage.loading": _m("Loading the readings…", "Chargement des relevés…", "Standen laden…"),
    "mileage.none": _m("No earlier reading.", "Aucun relevé antérieur.", "Geen eerdere stand."),
    "mileage.count": _m("{count} earlier readings.", "{count} relevés antérieurs.", "{count} eerdere standen."),
    "mileage.rollbacks": _m(
        "⚠ {count} reading(s) lower than the one before: possible rollback.",
        "⚠ {count} relevé(s) plus bas que le précédent : possible manipulation.",
        "⚠ {count} stand(en) lager dan de vorige: mogelijk teruggedraaid.",
    ),
    "mileage.rollback": _m("⚠ lower", "⚠ plus bas", "⚠ lager"),
    "mileage.replaced": _m("odometer replaced", "compteur remplacé", "teller vervangen"),
    "mileage.five_digit": _m("5-digit odometer", "compteur à 5 chiffres", "teller met 5 cijfers"),
    "reading.source.workshop": _m("workshop", "atelier", "werkplaats"),
    "reading.source.carpass": _m("Car-Pass", "Car-Pass", "Car-Pass"),
    # -- what was typed --
    "parse.amount": _m(
        "Not an amount: type e.g. 125,50 or 125.50.",
        "Ce n'est pas un montant : tapez par ex. 125,50.",
        "Geen bedrag: typ bv. 125,50.",
    ),
    "parse.km": _m("Digits only, in km.", "Des chiffres seulement, en km.", "Enkel cijfers, in km."),
    "parse.date": _m(
        "Not a date: type e.g. 01/03/2019.",
        "Ce n'est pas une date : tapez par ex. 01/03/2019.",
        "Geen datum: typ bv. 01/03/2019.",
    ),
    "parse.number": _m("Digits only.", "Des chiffres seulement.", "Enkel cijfers."),
    # -- mileage findings and problems before sending --
    "finding.FIVE_DIGIT": _m(
        "5-digit odometer: {km} is reported as displayed; the true distance may be higher.",
        "Compteur à 5 chiffres : {km} est déclaré tel qu'affiché ; la distance réelle peut être plus élevée.",
        "Teller met 5 cijfers: {km} wordt gemeld zoals getoond; de echte afstand kan hoger zijn.",
    ),
    "finding.ROLLBACK": _m(
        "{km} is lower than {last_km} read on {on}: possible rollback.{hint}",
        "{km} est plus bas que {last_km} relevé le {on} : possible manipulation.{hint}",
        "{km} is lager dan {last_km} gelezen op {on}: mogelijk teruggedraaid.{hint}",
    ),
    "finding.ROLLBACK.hint": _m(
        "Tick “odometer replaced” if it was.",
        "Cochez « compteur remplacé » s'il l'a été.",
        "Vink „teller vervangen” aan als dat zo is.",
    ),
    "finding.IMPLAUSIBLE_DISTANCE": _m(
        "{driven} since {on} ({days} days) is an unusual distance: check the digits.",
        "{driven} depuis le {on} ({days} jours) est une distance inhabituelle : vérifiez les chiffres.",
        "{driven} sinds {on} ({days} dagen) is een ongewone afstand: controleer de cijfers.",
    ),
    "problem.missing": _m("{field} is missing.", "{field} manque.", "{field} ontbreekt."),
    "problem.future_reading": _m(
        "The reading date lies in the future.",
        "La date du relevé est dans le futur.",
        "De datum van de stand ligt in de toekomst.",
    ),
    "problem.negative_total": _m(
        "The total incl. VAT must not be negative.",
        "Le total TVAC ne peut pas être négatif.",
        "Het totaal incl. btw mag niet negatief zijn.",
    ),
    "problem.negative_km": _m(
        "The odometer reading must not be negative.",
        "Le kilométrage ne peut pas être négatif.",
        "De kilometerstand mag niet negatief zijn.",
    ),
    "field.vin": _m("VIN", "VIN", "VIN"),
    "field.odometer_km": _m("Odometer (km)", "Compteur (km)", "Kilometerstand"),
    "field.work": _m("Work done", "Travaux effectués", "Uitgevoerde werken"),
    "field.job_lines": _m("Job lines", "Lignes de travail", "Werkregels"),
    "field.total_incl_vat": _m("Total incl. VAT", "Total TVAC", "Totaal incl. btw"),
    "field.reading_at": _m("Reading date", "Date du relevé", "Datum van de stand"),
    # -- company identifiers --
    "company.error.enterprise_length": _m(
        "The enterprise number has {count} digits, 10 expected.",
        "Le numéro d'entreprise a {count} chiffres, il en faut 10.",
        "Het ondernemingsnummer heeft {count} cijfers, er zijn er 10 nodig.",
    ),
    "company.error.enterprise_start": _m(
        "An enterprise number starts with 0 or 1.",
        "Un numéro d'entreprise commence par 0 ou 1.",
        "Een ondernemingsnummer begint met 0 of 1.",
    ),
    "company.error.enterprise_check": _m(
        "The enterprise number's check digits (last two) do not match: a digit is mistyped.",
        "Les chiffres de contrôle (les deux derniers) du numéro d'entreprise ne correspondent pas : un chiffre est mal tapé.",
        "De controlecijfers (laatste twee) van het ondernemingsnummer kloppen niet: een cijfer is fout getypt.",
    ),
    "company.error.establishment_length": _m(
        "The establishment number has {count} digits, 10 expected.",
        "Le numéro d'unité d'établissement a {count} chiffres, il en faut 10.",
        "Het vestigingseenheidsnummer heeft {count} cijfers, er zijn er 10 nodig.",
    ),
    "company.error.establishment_start": _m(
        "An establishment number starts with a digit from 2 to 8.",
        "Un numéro d'unité d'établissement commence par un chiffre de 2 à 8.",
        "Een vestigingseenheidsnummer begint met een cijfer van 2 tot 8.",
    ),
    "company.error.establishment_check": _m(
        "The establishment number's check digits (last two) do not match.",
        "Les chiffres de contrôle (les deux derniers) du numéro d'unité d'établissement ne correspondent pas.",
        "De controlecijfers (laatste twee) van het vestigingseenheidsnummer kloppen niet.",
    ),
    "company.warning.nace": _m(
        "NACE code {code} is not one of the Car-Pass codes ({codes}): check your company profile.",
        "Le code NACE {code} ne fait pas partie des codes Car-Pass ({codes}) : vérifiez le profil de votre entreprise.",
        "NACE-code {code} is geen van de Car-Pass-codes ({codes}): controleer uw bedrijfsprofiel.",
    ),
    # -- kinds of work --
    "work.maintenance": _m("Maintenance", "Entretien", "Onderhoud"),
    "work.inspection": _m("Inspection", "Contrôle", "Nazicht"),
    "work.mechanical_repair": _m("Mechanical repair", "Réparation mécanique", "Mechanische herstelling"),
    "work.electrical_repair": _m("Electrical repair", "Réparation électrique", "Elektrische herstelling"),
    "work.electronic_repair": _m("Electronic repair", "Réparation électronique", "Elektronische herstelling"),
    "work.body_repair": _m("Body repair", "Carrosserie", "Carrosserieherstelling"),
    "work.parts_fitting": _m("Parts fitting", "Montage de pièces", "Montage van onderdelen"),
    "work.tyres": _m("Tyres", "Pneus", "Banden"),
    "work.exhaust": _m("Exhaust", "Échappement", "Uitlaat"),
    "work.battery": _m("Battery", "Batterie", "Batterij"),
    "work.radio": _m("Radio", "Radio", "Radio"),
    "work.alarm": _m("Alarm", "Alarme", "Alarm"),
    "work.car_wash": _m("Car wash", "Lavage", "Carwash"),
    "work.towing": _m("Towing", "Remorquage", "Takelen"),
    "work.lettering": _m("Lettering", "Lettrage", "Belettering"),
    "work.wrapping": _m("Wrapping", "Covering", "Carwrapping"),
    "work.odometer_replacement": _m("Odometer replacement", "Remplacement du compteur", "Vervanging van de teller"),
    # -- roles and who reports --
    "role.main": _m("Main contractor", "Entrepreneur principal", "Hoofdaannemer"),
    "role.subcontractor": _m("Subcontractor", "Sous-traitant", "Onderaannemer"),
    "role.independent_in_garage": _m(
        "Independent in a garage", "Indépendant dans un garage", "Zelfstandige in een garage"
    ),
    "role.independent_elsewhere": _m("Independent elsewhere", "Indépendant ailleurs", "Zelfstandige elders"),
    "reporter.workshop": _m(
        "You report (this workshop).", "C'est vous qui déclarez (cet atelier).", "U meldt (deze werkplaats)."
    ),
    "reporter.workshop_and_main_contractor": _m(
        "You report, and so does the main contractor.",
        "Vous déclarez, l'entrepreneur principal aussi.",
        "U meldt, en de hoofdaannemer ook.",
    ),
    "reporter.host_garage": _m(
        "The garage you work in reports.",
        "Le garage où vous travaillez déclare.",
        "De garage waar u werkt meldt.",
    ),
    # -- reasons of the Car-Pass rules --
    "reason.VEHICLE_OUT_OF_SCOPE": _m(
        "Category {category} is not a B-licence vehicle (only M1 and N1 are covered): no report.",
        "La catégorie {category} n'est pas un véhicule du permis B (seules M1 et N1 sont visées) : pas de déclaration.",
        "Categorie {category} is geen voertuig van rijbewijs B (enkel M1 en N1 vallen eronder): geen melding.",
    ),
    "reason.VEHICLE_OUT_OF_SCOPE.mass": _m(
        "Maximum mass {mass} kg is over {limit} kg: no report.",
        "La masse maximale de {mass} kg dépasse {limit} kg : pas de déclaration.",
        "De maximale massa van {mass} kg is meer dan {limit} kg: geen melding.",
    ),
    "reason.NOT_REGISTERED_IN_BELGIUM": _m(
        "The vehicle has never been registered in Belgium: it has no Car-Pass.",
        "Le véhicule n'a jamais été immatriculé en Belgique : il n'a pas de Car-Pass.",
        "Het voertuig is nooit in België ingeschreven: het heeft geen Car-Pass.",
    ),
    "reason.GARAGE_REPORTS": _m(
        "You work inside a garage as an independent: the garage reports the reading.",
        "Vous travaillez comme indépendant dans un garage : c'est le garage qui déclare le kilométrage.",
        "U werkt als zelfstandige in een garage: de garage meldt de kilometerstand.",
    ),
    "reason.NO_REPORTABLE_WORK": _m(
        "Car wash, towing without repair and lettering alone need no report.",
        "Un lavage, un remorquage sans réparation ou un lettrage seuls ne se déclarent pas.",
        "Enkel een carwash, takelen zonder herstelling of belettering hoeft geen melding.",
    ),
    "reason.PRIVATE_AT_MOST_125": _m(
        "Private customer and total {amount} incl. VAT is at most {limit}: no report needed.",
        "Client particulier et total de {amount} TVAC, pas plus de {limit} : pas de déclaration.",
        "Particuliere klant en totaal {amount} incl. btw, niet meer dan {limit}: geen melding nodig.",
    ),
    "reason.REPORTABLE_WORK": _m(
        "Reportable work: {kinds}. Report odometer, date and VIN.",
        "Travaux à déclarer : {kinds}. Déclarez le kilométrage, la date et le VIN.",
        "Te melden werken: {kinds}. Meld kilometerstand, datum en VIN.",
    ),
    "reason.VAT_REGISTERED_ALWAYS": _m(
        "VAT-registered customer: report whatever the amount.",
        "Client assujetti à la TVA : déclarez quel que soit le montant.",
        "Btw-plichtige klant: melden ongeacht het bedrag.",
    ),
    # -- verdict --
    "verdict.title": _m("Car-Pass", "Car-Pass", "Car-Pass"),
    "verdict.report": _m("REPORT TO CAR-PASS", "À DÉCLARER À CAR-PASS", "MELDEN AAN CAR-PASS"),
    "verdict.no_report": _m("NO REPORT NEEDED", "PAS DE DÉCLARATION", "GEEN MELDING NODIG"),
    "verdict.pending": _m("Verdict follows…", "Verdict à suivre…", "Oordeel volgt…"),
    "verdict.needs": _m("Still needed: {fields}.", "Encore nécessaire : {fields}.", "Nog nodig: {fields}."),
    # -- job --
    "job.title": _m("Job", "Travail", "Opdracht"),
    "job.submit": _m("Submit  (F10)", "Envoyer  (F10)", "Verzenden  (F10)"),
    "job.odometer_replaced": _m("Odometer replaced", "Compteur remplacé", "Teller vervangen"),
    "job.five_digit": _m("5-digit odometer", "Compteur à 5 chiffres", "Teller met 5 cijfers"),
    "job.customer": _m("Customer", "Client", "Klant"),
    "job.customer.pick": _m("Find / new  (F4)", "Chercher / nouveau  (F4)", "Zoeken / nieuw  (F4)"),
    "job.customer.none": _m("No customer chosen.", "Aucun client choisi.", "Geen klant gekozen."),
    "job.role": _m("Our role", "Notre rôle", "Onze rol"),
    "job.vehicle_missing": _m(
        "Vehicle data the registry did not give (needed to submit)",
        "Données du véhicule absentes du répertoire (nécessaires pour envoyer)",
        "Voertuiggegevens die het register niet gaf (nodig om te verzenden)",
    ),
    "job.draft_restored": _m(
        "The job typed earlier for this vehicle is back.",
        "Le travail tapé plus tôt pour ce véhicule est restauré.",
        "De eerder getypte opdracht voor dit voertuig is terug.",
    ),
    "job.missing": _m(
        "Missing before sending: {fields}.",
        "Manque avant l'envoi : {fields}.",
        "Ontbreekt voor verzending: {fields}.",
    ),
    "job.correcting": _m(
        "Correction of submission #{id} (error number {error}): fix the job and submit again.",
        "Correction de l'envoi n° {id} (numéro d'erreur {error}) : corrigez le travail et renvoyez.",
        "Correctie van verzending nr. {id} (foutnummer {error}): verbeter de opdracht en verzend opnieuw.",
    ),
    # -- customers --
    "customer.title": _m("Customer", "Client", "Klant"),
    "customer.search": _m("Find a customer", "Chercher un client", "Klant zoeken"),
    "customer.search.placeholder": _m(
        "name or VAT number",
        "nom ou numéro de TVA",
        "naam of btw-nummer",
    ),
    "customer.none_found": _m("No customer found.", "Aucun client trouvé.", "Geen klant gevonden."),
    "customer.new": _m("New customer", "Nouveau client", "Nieuwe klant"),
    "customer.name": _m("Name", "Nom", "Naam"),
    "customer.kind": _m("Kind", "Type", "Soort"),
    "customer.kind.private": _m("Private", "Particulier", "Particulier"),
    "customer.kind.professional": _m("VAT-registered", "Assujetti TVA", "Btw-plichtig"),
    "customer.kind.vat_registered": _m("VAT-registered", "Assujetti TVA", "Btw-plichtig"),
    "customer.vat_number": _m("VAT number", "Numéro de TVA", "Btw-nummer"),
    "customer.vat_number.placeholder": _m("BE 0403.170.701", "BE 0403.170.701", "BE 0403.170.701"),
    "customer.create": _m("Create customer", "Créer le client", "Klant aanmaken"),
    "customer.ok": _m("Valid Belgian VAT number", "Numéro de TVA belge valable", "Geldig Belgisch btw-nummer"),
    "customer.error.name": _m("Type the customer's name.", "Tapez le nom du client.", "Typ de naam van de klant."),
    "customer.error.vat_needed": _m(
        "A VAT-registered customer needs a VAT number.",
        "Un client assujetti a besoin d'un numéro de TVA.",
        "Een btw-plichtige klant heeft een btw-nummer nodig.",
    ),
    # -- submission --
    "submit.title": _m("Submission", "Envoi", "Verzending"),
    "submit.acknowledged": _m(
        "ACKNOWLEDGED BY CAR-PASS · number {number}",
        "ACCEPTÉ PAR CAR-PASS · numéro {number}",
        "AANVAARD DOOR CAR-PASS · nummer {number}",
    ),
    "submit.queued": _m(
        "QUEUED · offline, it will be sent automatically",
        "EN ATTENTE · hors ligne, l'envoi se fera automatiquement",
        "IN WACHTRIJ · offline, wordt automatisch verzonden",
    ),
    "submit.recorded": _m(
        "RECORDED · no Car-Pass report needed",
        "ENREGISTRÉ · pas de déclaration Car-Pass",
        "GEREGISTREERD · geen Car-Pass-melding nodig",
    ),
    "submit.recorded.detail": _m(
        "The job is in the history; nothing is sent to Car-Pass.",
        "Le travail est dans l'historique ; rien n'est envoyé à Car-Pass.",
        "De opdracht staat in de historiek; er wordt niets naar Car-Pass gestuurd.",
    ),
    "submit.pending": _m("SENDING…", "ENVOI…", "VERZENDEN…"),
    "submit.sent": _m(
        "SENT · waiting for Car-Pass", "ENVOYÉ · en attente de Car-Pass", "VERZONDEN · wacht op Car-Pass"
    ),
    "submit.rejected": _m(
        "REJECTED · error number {number}",
        "REFUSÉ · numéro d'erreur {number}",
        "GEWEIGERD · foutnummer {number}",
    ),
    "submit.retry_in": _m(
        "Next attempt in {seconds} s (attempts so far: {attempts}).",
        "Prochain essai dans {seconds} s (essais jusqu'ici : {attempts}).",
        "Volgende poging over {seconds} s (pogingen tot nu: {attempts}).",
    ),
    "submit.correct_hint": _m(
        "“Correct” (F6) lets you fix the job and send it again: one electronic correction is allowed.",
        "« Corriger » (F6) permet de corriger le travail et de le renvoyer : une seule correction électronique est permise.",
        "„Verbeteren” (F6) laat u de opdracht verbeteren en opnieuw verzenden: één elektronische correctie is toegestaan.",
    ),
    "submit.paper_needed": _m(
        "The electronic correction has been used: a signed correction form is needed (F7).",
        "La correction électronique a déjà servi : il faut un formulaire de correction signé (F7).",
        "De elektronische correctie is al gebruikt: een ondertekend correctieformulier is nodig (F7).",
    ),
    "submit.summary": _m(
        "Submission #{id} · VIN {vin} · {km} · recorded {created} · attempts {attempts}",
        "Envoi n° {id} · VIN {vin} · {km} · enregistré le {created} · essais {attempts}",
        "Verzending nr. {id} · VIN {vin} · {km} · geregistreerd op {created} · pogingen {attempts}",
    ),
    "submit.document.receipt": _m(
        "Receipt saved: {path}", "Reçu enregistré : {path}", "Ontvangstbewijs bewaard: {path}"
    ),
    "submit.document.correction_form": _m(
        "Correction form saved: {path} — print it, sign it and send it to Car-Pass.",
        "Formulaire de correction enregistré : {path} — imprimez-le, signez-le et envoyez-le à Car-Pass.",
        "Correctieformulier bewaard: {path} — druk het af, onderteken het en stuur het naar Car-Pass.",
    ),
    "submit.back": _m("Back to the outbox  (Esc)", "Retour aux envois  (Échap)", "Terug naar verzendingen  (Esc)"),
    "submit.next_vehicle": _m("Next vehicle  (Enter)", "Véhicule suivant  (Entrée)", "Volgend voertuig  (Enter)"),
}
