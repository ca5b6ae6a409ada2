"""Contingent's framework-free core: domain types, rulebooks and gates, sourcing,
deconfliction, the ledger. Nothing here imports Django, the ORM or the network."""
