"""Force generation: operations, contributors, stances, pledges, requirements, the rulebooks
that govern their transitions, and the operation-level gates."""
