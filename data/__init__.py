"""Reference data shipped with the package (WMI table, Car-Pass activity codes, sandbox seed)."""
