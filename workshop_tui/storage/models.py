"""Peewee models over the schema the migrations build. Only `storage` imports them.

The models are declared against `database.binding`; a `Store` routes them to its own
database around each call. Tables are created by migrations, never by `create_tables`.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .database import binding
from .fields import JsonField, MoneyField, UtcDateTimeField


class Base(Model):
    class Meta:
        database = binding
        legacy_table_names = False


class Vehicle(Base):
    """Registry (DIV) fields of `domain.models.RegistryVehicle`; `sources` maps field -> `Source`."""

    id = AutoField()
    vin = CharField(max_length=17, unique=True)
    make = TextField(null=True)
    first_registration = DateField(null=True)
    version = TextField(null=True)
    type_code = TextField(null=True)
    commercial_name = TextField(null=True)
    genre = TextField(null=True)
    category = TextField(null=True)
    max_mass_kg = IntegerField(null=True)
    fuel = TextField(null=True)
    colour = TextField(null=True)
    model_year = IntegerField(null=True)
    first_belgian_registration = DateField(null=True)
    registered_in_belgium = BooleanField(null=True)
    fetched_at = UtcDateTimeField(null=True)
    sources = JsonField(default=dict)
    updated_at = UtcDateTimeField()


class Customer(Base):
    id = AutoField()
    name = TextField()
    search_key = TextField()  # name folded for accent- and case-blind search
    kind = CharField(max_length=12)
    vat_number = CharField(max_length=16, null=True)  # checked: Belgian as 10 digits, else with its EU prefix
    created_at = UtcDateTimeField()


class Job(Base):
    """One job as recorded, with the rules' verdict as it was given."""

    id = AutoField()
    vehicle = ForeignKeyField(Vehicle, backref="jobs")
    customer = ForeignKeyField(Customer, null=True, backref="jobs")
    customer_id: int | None  # peewee's accessor for the column (for the type checker)
    job_reference = TextField(default="")
    work = JsonField()  # list of WorkKind values
    job_lines = JsonField()  # list of str
    total_incl_vat = MoneyField()
    done_on = DateField()
    reading_at = UtcDateTimeField()
    odometer_km = IntegerField()
    odometer_replaced = BooleanField()
    five_digit_odometer = BooleanField()
    customer_vat_registered = BooleanField()
    role = CharField(max_length=32)
    must_report = BooleanField()
    verdict = JsonField()  # Verdict.model_dump(mode="json")
    terminal = TextField()
    created_at = UtcDateTimeField()
    license_plate = TextField()  # as the vehicle carried it that day, compacted; database default ''

    external_key = CharField(max_length=100, null=True, unique=True)  # `workshop-tui submit`'s reference


class Reading(Base):
    """An odometer reading: our own (`source` "workshop", linked to its job) or from Car-Pass history."""

    id = AutoField()
    vehicle = ForeignKeyField(Vehicle, backref="readings")
    job = ForeignKeyField(Job, null=True, backref="readings")
    read_on = DateField()
    taken_at = UtcDateTimeField(null=True)
    km = IntegerField()
    odometer_replaced = BooleanField(default=False)
    five_digit_odometer = BooleanField(default=False)
    source = CharField(max_length=16)


class Submission(Base):
    """The outbox row of one reportable job (see `domain.models.SubmissionState`)."""

    id = AutoField()
    job = ForeignKeyField(Job, unique=True, backref="submission")
    job_id: int  # peewee's accessor for the column (for the type checker)
    idempotency_key = CharField(max_length=36, unique=True)
    correction_key = CharField(max_length=36, unique=True, null=True)
    state = CharField(max_length=16)
    request_guid = TextField(null=True)
    ack_number = TextField(null=True)
    server_status = TextField(null=True)
    error_number = TextField(null=True)
    issues = JsonField(default=list)
    attempts = IntegerField(default=0)
    next_attempt_at = UtcDateTimeField()
    last_error = TextField(null=True)
    corrections_used = IntegerField(default=0)
    claimed_by = TextField(null=True)
    claimed_until = UtcDateTimeField(null=True)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    problem_code = TextField(null=True)
    problem_message = TextField(null=True)
    problem_field = TextField(null=True)
    cancel_reason = TextField(null=True)


class Draft(Base):
    key = CharField(max_length=200, primary_key=True)
    body = TextField()  # JobDraft as JSON
    updated_at = UtcDateTimeField()


class AuditLog(Base):
    """Append-only: the store only inserts; triggers refuse UPDATE and DELETE."""

    id = AutoField()
    at = UtcDateTimeField()
    terminal = TextField()
    actor = TextField(null=True)
    action = CharField(max_length=64)
    details = JsonField()


MODELS = (Vehicle, Customer, Job, Reading, Submission, Draft, AuditLog)
