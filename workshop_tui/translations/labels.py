"""Names of the core's enums and keys as msgids (English), translated with `_` when shown."""

from __future__ import annotations

from . import N_

# Key binding descriptions, by binding id.
BINDING = {
    "new_vehicle": N_("New vehicle"),
    "language": N_("Language"),
    "sale_desk": N_("Sale desk"),
    "palette": N_("Commands"),
    "quit": N_("Quit"),
    "open_vehicle": N_("Open vehicle"),
    "open_job": N_("Job"),
    "back": N_("Back"),
    "submit": N_("Submit"),
    "customer": N_("Customer"),
    "back_to_vehicle": N_("Vehicle"),
    "close_customer": N_("Close"),
    "correct": N_("Correct"),
    "correction_form": N_("Correction form"),
    "fix": N_("Edit and re-send"),
    "cancel_reading": N_("Cancel reading"),
    "retry": N_("Retry now"),
    "receipt": N_("Receipt"),
    "next_vehicle": N_("Next vehicle"),
    "next_step": N_("Next"),
    "outbox": N_("Outbox"),
    "history": N_("History"),
    "settings": N_("Settings"),
    "inspect": N_("Details"),
    "export": N_("Export CSV"),
    "save_settings": N_("Save"),
    "camera": N_("Restart camera"),
    "drafts": N_("Drafts"),
}

# Job and vehicle fields, by the key `domain.checks` uses.
FIELD = {
    "vehicle.make": N_("Make"),
    "vehicle.first_registration": N_("First registration"),
    "vehicle.version": N_("Version"),
    "vehicle.type_code": N_("Type"),
    "vehicle.commercial_name": N_("Commercial name"),
    "vehicle.genre": N_("Genre"),
    "vehicle.category": N_("Category"),
    "vehicle.max_mass_kg": N_("Maximum mass"),
    "vehicle.fuel": N_("Fuel"),
    "vehicle.colour": N_("Colour"),
    "vehicle.model_year": N_("Model year"),
    "vin": N_("VIN"),
    "odometer_km": N_("Odometer (km)"),
    "work": N_("Work done"),
    "job_lines": N_("Job lines"),
    "total_incl_vat": N_("Total incl. VAT"),
    "reading_at": N_("Reading date"),
}

# Kinds of work (`WorkKind` values).
WORK = {
    "maintenance": N_("Maintenance"),
    "inspection": N_("Inspection"),
    "mechanical_repair": N_("Mechanical repair"),
    "electrical_repair": N_("Electrical repair"),
    "electronic_repair": N_("Electronic repair"),
    "body_repair": N_("Body repair"),
    "parts_fitting": N_("Parts fitting"),
    "tyres": N_("Tyres"),
    "exhaust": N_("Exhaust"),
    "battery": N_("Battery"),
    "radio": N_("Radio"),
    "alarm": N_("Alarm"),
    "car_wash": N_("Car wash"),
    "towing": N_("Towing"),
    "lettering": N_("Lettering"),
    "wrapping": N_("Wrapping"),
    "odometer_replacement": N_("Odometer replacement"),
}

# Our role in a job (`Role` values).
ROLE = {
    "main": N_("Main contractor"),
    "subcontractor": N_("Subcontractor"),
    "independent_in_garage": N_("Independent in a garage"),
    "independent_elsewhere": N_("Independent elsewhere"),
}

# Who reports (`Verdict.reporter`).
REPORTER = {
    "workshop": N_("You report (this workshop)."),
    "workshop_and_main_contractor": N_("You report, and so does the main contractor."),
    "host_garage": N_("The garage you work in reports."),
}

# Submission states as the outbox lists them.
OUTBOX_STATE = {
    "pending": N_("waiting to be sent"),
    "sent": N_("sent, no answer yet"),
    "acknowledged": N_("acknowledged"),
    "rejected": N_("rejected"),
    "paper_required": N_("signed form needed"),
    "needs_fixing": N_("needs fixing"),
    "needs_settings": N_("check the settings"),
    "cancelled": N_("cancelled"),
}

# What a screen shows of a submission (`domain.lifecycle.Status`).
STATUS = {
    "sending": N_("sending"),
    "offline": N_("offline, will retry"),
    "processing": N_("sent, no answer yet"),
    "waiting_for_div": N_("waiting for DIV"),
    "reviewing": N_("reviewing"),
    **{
        state: OUTBOX_STATE[state]
        for state in ("acknowledged", "rejected", "paper_required", "needs_fixing", "needs_settings", "cancelled")
    },
}

# The Car-Pass setting a reading waits for (`SubmissionView.problem_field` when it needs settings).
CARPASS_SETTING = {
    "password": N_("Car-Pass password"),
    "establishment_number": N_("establishment unit number"),
    "enterprise_number": N_("enterprise number"),
    "credentials": N_("establishment unit number or Car-Pass password"),
}
# The setting a service's problem names (`services.problems.SETTINGS`).
SERVICE_SETTING = {**CARPASS_SETTING, "timeouts": N_("connection timeouts")}

# The services a problem names (`services.problems.SERVICES`; None: not known), at the start of a sentence.
SERVICE: dict[str | None, str] = {
    "registry": N_("The vehicle registry"),
    "carpass": N_("Car-Pass"),
    None: N_("The service"),
}

# A document was saved, by kind ({path}).
DOCUMENT_SAVED = {
    "receipt": N_("Receipt saved: {path}"),
    "correction_form": N_("Correction form saved: {path} — print it, sign it and send it to Car-Pass."),
}

# A code was read, by kind ({value}).
CODE_READ = {
    "vin": N_("{value} is not a valid VIN."),
    "carpass": N_("Car-Pass {value} read: fetching its vehicle…"),
    "other": N_("Code read, but it is not a VIN: {value}"),
}

# Kinds of customer.
CUSTOMER_KIND = {
    "private": N_("Private"),
    "professional": N_("VAT-registered"),
    "vat_registered": N_("VAT-registered"),
}

# Kinds of code read.
CODE_KIND = {
    "vin": N_("VIN"),
    "carpass": N_("Car-Pass"),
    "other": N_("other code"),
}

# How a code was read.
CODE_VIA = {
    "wedge": N_("hand scanner"),
    "camera": N_("camera"),
}

# Where an odometer reading comes from.
READING_SOURCE = {
    "dealer": N_("dealer"),
    "workshop": N_("workshop"),
    "carpass": N_("Car-Pass"),
}

# Where a vehicle field comes from.
FIELD_SOURCE = {
    "registry": N_("registry"),
    "cache": N_("copy"),
    "typed": N_("typed"),
    "sandbox": N_("SANDBOX"),
    "missing": N_("missing"),
}

# Where a vehicle record comes from.
LOOKUP_ORIGIN = {
    "registry": N_("From the vehicle registry"),
    "cache": N_("Saved copy shown"),
    "none": N_("Not in the registry: type the fields"),
}

# Kinds of camera source ({target}).
CAMERA_KIND = {
    "camera": N_("camera {target}"),
    "camera_stream": N_("camera stream {target}"),
    "video": N_("video {target}"),
    "image": N_("image {target}"),
}
