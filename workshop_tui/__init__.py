"""Workshop terminal for Belgian garages: VIN scan, job record, Car-Pass odometer reporting."""
