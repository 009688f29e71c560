"""The sale desk (issue 10): a used-car sale from the VIN scan to the printed contract, and the stock.

Screens receive a `SaleDeskContext` (the sale desk services, the garage's identity, the folder
the printed documents go to) and never reach for the app.
"""
