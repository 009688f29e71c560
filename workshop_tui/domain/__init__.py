"""Pure domain: VIN, Car-Pass rules, mileage plausibility, models. No I/O."""
