"""Humanitarian access: notifications (informative, never permission), signed receipts, delivery
to the force, coordination requests, corridors, the force's zones and planned operations, and
the conflicts the core engine finds."""
